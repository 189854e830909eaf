#pragma once
// ExplainPanel: why the autoscaler did what it did. The upper part shows, for the cursor's tick,
// each revision's autoscaler decision (inputs, target, desired pods, the rule that decided, the
// mode and why) from the run's events; the lower part lists every event, filterable by revision
// and kind, and follows the cursor. Clicking an event emits time_selected(t).
#include <QString>
#include <QWidget>
#include <cstddef>

class QComboBox;
class QSplitter;
class QTableWidget;
class QTextBrowser;

namespace knsim::gui {

class RunData;

class ExplainPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ExplainPanel(QWidget* parent = nullptr);

  // The run to explain (nullptr = none); clears the list.
  void set_data(const RunData* data);
  // Appends the events that arrived since the last call (batched, from the refresh timer).
  void refresh();
  // Shows the decisions at time t and selects the last visible event at or before t.
  void show_time(double t_s);
  QString decision_html() const;
  int visible_event_count() const;
  QComboBox* revision_filter() const { return revision_filter_; }
  QComboBox* kind_filter() const { return kind_filter_; }
  QTableWidget* event_table() const { return table_; }
  QSplitter* splitter() const { return splitter_; }  // decisions above, events below (its state is remembered)

 signals:
  void time_selected(double t_s);

 private:
  void apply_filter();
  void update_filter_choices();
  bool row_matches(int row) const;

  const RunData* data_ = nullptr;
  QTextBrowser* decision_ = nullptr;
  QComboBox* revision_filter_ = nullptr;
  QComboBox* kind_filter_ = nullptr;
  QTableWidget* table_ = nullptr;
  QSplitter* splitter_ = nullptr;
  std::size_t shown_ = 0;
  double time_ = 0;
};

}  // namespace knsim::gui
