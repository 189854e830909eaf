#pragma once
// The Sweep view: a `knsim sweep` or `knsim optimize` folder (DIR/sweep.json + DIR/results.csv) as a
// scatter of cost (mean pod-seconds) against p99 latency (mean ms), one dot per point, the Pareto
// front (plan/sweep_table.hpp: cost, p99, cold starts) in red, joined and labelled with its settings,
// each dot with its 95 % confidence intervals over the seeds as error bars (none with one seed).
// Hovering a dot shows its settings and figures; clicking replays that point (its first seed) in
// the main window; clicking a second point compares the two there side by side (the first as the
// baseline, the second as the what-if run); a third click starts over. Views only: it reads the
// folder's files and starts `knsim run` through the main window's run controllers.
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QWidget>
#include <memory>
#include <vector>

#include "plan/sweep_table.hpp"

class QCustomPlot;
class QCPErrorBars;
class QCPGraph;
class QLabel;

namespace knsim::gui {

class MainWindow;

class SweepView : public QWidget {
  Q_OBJECT
 public:
  explicit SweepView(QWidget* parent = nullptr);
  ~SweepView() override;

  // Reads DIR; returns "" or the error (missing/malformed sweep.json or results.csv).
  QString open(const QString& dir);

  QCustomPlot* plot() const { return plot_; }
  const std::vector<plan::PointSummary>& points() const { return points_; }
  const std::vector<std::size_t>& front() const { return front_; }
  QString scenario() const { return scenario_; }  // resolved path of the swept scenario
  // `--set` arguments that replay point i: the fixed sets, its settings, scenario.seed=<first seed>.
  QStringList sets_for(std::size_t i) const;
  // Settings and figures of point i (the hover text).
  QString tooltip_for(std::size_t i) const;
  // The point whose dot is within 12 px of `pixel` (nearest), or -1.
  int point_at(const QPointF& pixel) const;
  // The pixel position of point i's dot.
  QPointF pixel_of(std::size_t i) const;
  // What a click on point i does (emits replay_requested or compare_requested).
  void click_point(std::size_t i);
  QString selection_text() const;

 signals:
  void replay_requested(int point);
  void compare_requested(int first, int second);

 private:
  QCustomPlot* plot_ = nullptr;
  QLabel* info_ = nullptr;
  QCPGraph* all_ = nullptr;
  QCPGraph* pareto_ = nullptr;
  QCPGraph* selected_ = nullptr;
  QCPErrorBars* cost_ci_ = nullptr;  // 95 % CI of each point's cost (horizontal) and p99 (vertical)
  QCPErrorBars* p99_ci_ = nullptr;
  QString dir_, scenario_;
  QStringList fixed_sets_;
  std::vector<std::string> keys_;
  std::vector<std::uint64_t> first_seed_;  // per point
  std::vector<plan::PointSummary> points_;
  std::vector<std::size_t> front_;
  std::vector<std::size_t> selection_;
  void redraw();
};

// Plays `base_sets` as the main window's baseline run (and `compare_sets`, when given, as its
// what-if run) of `scenario`, to the end, with the usual plots. Output folders live in `outputs`.
void replay_in_main_window(MainWindow& window, const QString& scenario, const QStringList& base_sets,
                           const QStringList* compare_sets, std::vector<std::unique_ptr<QTemporaryDir>>& outputs);

// A top-level Sweep window for DIR whose clicks replay in `window`; nullptr and *error on failure.
// Deleted when closed.
QWidget* open_sweep_window(MainWindow& window, const QString& dir, QString* error);

// Adds "Open sweep..." (a folder written by knsim sweep / optimize) to the window's File menu.
void install_sweep_action(MainWindow& window);

// knsim-gui --sweep DIR [--screenshot FILE.png] [--size WxH]: opens the Sweep window; with
// --screenshot saves a picture of it and returns the exit code (0, or 2 when DIR cannot be read).
// Without --screenshot returns -1 (the caller runs the event loop).
int open_sweep_from_command_line(MainWindow& window, const QString& dir, const QString& screenshot, const QString& size);

}  // namespace knsim::gui
