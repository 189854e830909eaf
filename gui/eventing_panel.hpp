#pragma once
// EventingPanel: the "Eventing" side tab (shown only for runs with eventing). A table with one row
// per Trigger and Subscription: delivered, retries, dead-lettered and lost counted from the
// delivery_attempt events so far, replaced by the run's summary (with received, filtered and the
// delivery latency p50/p99) when the run is done; the event sources (sent / accepted / failed) from
// the summary; and the selector of what the Eventing plot shows. The data logic is EventingFeed's.
#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

#include "gui/eventing_feed.hpp"

class QComboBox;
class QLabel;
class QTableWidget;

namespace knsim::gui {

class RunData;

class EventingPanel : public QWidget {
  Q_OBJECT
 public:
  explicit EventingPanel(QWidget* parent = nullptr);

  // Consumes what `data` (the baseline run) streamed since the last call and updates the tables
  // when a number changed (from the 100 ms refresh timer). Returns true if anything changed.
  bool refresh(const RunData& data);
  // A new run starts: empty tables, plot selection back to "all".
  void reset();

  EventingFeed& feed() { return feed_; }
  const EventingFeed& feed() const { return feed_; }
  // The Trigger / Subscription picked for the plot; nullopt = all of them.
  std::optional<Destination> selection() const;
  // Picks the plot's destination (nullopt = all); false if the feed does not know it.
  bool select(const std::optional<Destination>& destination);

  // The counts of the sample interval that contains t (the plots' cursor), for the selection.
  void show_time(double t_s);
  QString cursor_text() const;

  QTableWidget* destination_table() const { return table_; }
  // The table row of a destination (rows are grouped under "Triggers" / "Subscriptions" heading
  // rows); -1 if it has none.
  int table_row(const Destination& destination) const;
  QTableWidget* source_table() const { return sources_; }
  QComboBox* plot_selector() const { return selector_; }
  QString status_text() const;

 signals:
  void selection_changed();

 private:
  void update_tables();
  void update_status();
  void update_destinations();
  void update_sources();
  void update_selector();
  void update_cursor();

  EventingFeed feed_;
  QLabel* status_ = nullptr;
  QLabel* problems_ = nullptr;
  QLabel* cursor_ = nullptr;
  QWidget* picker_ = nullptr;  // "Plot:" and the selector
  QComboBox* selector_ = nullptr;
  QTableWidget* table_ = nullptr;
  QLabel* sources_title_ = nullptr;
  QTableWidget* sources_ = nullptr;
  std::vector<Destination> selector_destinations_;  // item i + 1 of the selector
  std::vector<std::optional<Destination>> row_destinations_;  // per table row; nullopt = heading
  double cursor_t_ = -1;
};

}  // namespace knsim::gui
