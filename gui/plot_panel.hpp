#pragma once
// PlotPanel: the stacked plots on one shared time axis with a cursor line. refresh() pulls the new
// rows of the baseline and what-if runs (batched; the caller runs it from a ~100 ms QTimer) and
// queues one replot. A click on any plot moves the cursor and emits cursor_moved(t).
#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gui/eventing_feed.hpp"
#include "gui/plot_feed.hpp"
#include "gui/run_data.hpp"

class QCPItemStraightLine;

namespace knsim::gui {

class EventingPlot;

class PlotPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PlotPanel(QWidget* parent = nullptr);
  ~PlotPanel() override;

  // Drops every graph of `run` (0 baseline, 1 what-if), before that run restarts.
  void clear_run(int run);
  // Adds the rows that arrived since the last call; returns true if anything was added.
  bool refresh(int run, const RunData& data);
  void set_cursor(double t_s);
  double cursor() const { return cursor_; }
  // Shows [lo, hi] on every plot (the time axis is shared).
  void set_time_range(double lo, double hi);

  // The Eventing plot (delivery attempts per interval): shown once `feed` has an attempt, then
  // brought up to date in one batch; returns true if anything was drawn.
  bool refresh_eventing(EventingFeed& feed);
  // Which Trigger / Subscription the Eventing plot shows (nullopt: all together).
  void select_eventing(const std::optional<Destination>& destination);
  QCustomPlot* eventing_plot() const { return eventing_plot_; }

  // Title and widget of each shown plot, top to bottom (export, screenshots).
  std::vector<std::pair<QString, QCustomPlot*>> plots() const;
  // A graph by "plot/graph name", e.g. "pods/hello-00001 ready"; nullptr if none.
  QCPGraph* graph(const QString& key) const;
  std::vector<QString> graph_keys() const;

 signals:
  void cursor_moved(double t_s);

 private:
  QCustomPlot* make_plot(const QString& title, const QString& y_label, const QString& tooltip);
  void update_lane_labels();
  void add_style_legends();
  void fit_axes();
  void update_minimum_height();
  void update_more_entries();

  PlotSet set_;
  QCustomPlot* eventing_plot_ = nullptr;  // hidden until the run has eventing
  std::unique_ptr<EventingPlot> eventing_;
  std::vector<std::pair<QString, QCustomPlot*>> order_;
  std::vector<QCPItemStraightLine*> cursor_lines_;
  GraphRegistry registry_;
  std::map<std::pair<int, std::string>, std::unique_ptr<RevisionFeed>> revisions_;
  std::map<std::pair<int, std::string>, std::unique_ptr<NodeFeed>> nodes_;
  std::map<std::pair<int, std::string>, int> lanes_;  // band lane of each (run, revision)
  // Legends name the first kRevisionColors revisions and kNodeColors nodes of each run (beyond
  // them colours repeat, so an entry could not tell its line apart); one "+N more" entry per plot
  // counts the rest (update_more_entries).
  std::map<QCustomPlot*, QCPGraph*> more_;
  double cursor_ = 0;
  double duration_ = 0;
  double sample_interval_ = 1;
  bool syncing_ = false;
  bool eventing_shown_ = false;  // not isHidden(): that is also true while the window is not shown
};

}  // namespace knsim::gui
