#pragma once
// MainWindow: composes the panels and wires them; holds no data logic. Left: the plots (PlotPanel),
// or in their place the error of a scenario that cannot run (RunErrorView); right: tabs Scenario /
// Explain / What-if, and Eventing for runs with eventing. Keyboard: shortcuts.hpp; size and
// remembered layout: window_layout.hpp. Two RunControllers: the baseline run and the what-if
// rerun, each a `knsim run --stream` child process. A 100 ms timer pulls new rows into the plots and
// the event list (batched plotting; never a replot per line).
#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>
#include <utility>

class QAction;
class QCloseEvent;
class QComboBox;
class QLabel;
class QMenu;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace knsim::gui {

class EventingPanel;
class ExplainPanel;
class PlotPanel;
class RunController;
class RunErrorView;
class ScenarioPanel;
class WhatIfPanel;

class ObservedOverlay;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens (and validates) a scenario file or folder; remembered in the recent files.
  bool open_scenario(const QString& path);
  // Playback of the baseline run; each starts the child first if needed.
  void run();
  void pause();
  void step();  // one autoscaler tick: 2 simulated seconds
  void run_to_end();
  void toggle_run();  // Space: pause while playing, else run
  bool playing() const { return playing_; }
  void set_speed(double sim_seconds_per_wall_second);  // 0 = as fast as possible
  void rerun_what_if();
  // Pulls new rows into the views now (the timer does this every 100 ms).
  void refresh_views();
  void set_cursor(double t_s);
  void show_tab(const QString& name);  // "scenario", "explain", "what-if", "eventing"

  RunController& baseline() { return *baseline_; }
  RunController& what_if() { return *what_if_; }
  PlotPanel* plot_panel() const { return plots_; }
  ExplainPanel* explain_panel() const { return explain_; }
  WhatIfPanel* what_if_panel() const { return what_if_panel_; }
  ScenarioPanel* scenario_panel() const { return scenario_; }
  EventingPanel* eventing_panel() const { return eventing_; }
  // A `knsim cluster record` folder's observed pods over the replay (gui/observed_overlay.hpp).
  ObservedOverlay* observed_overlay() const { return observed_.get(); }
  QTabWidget* tabs() const { return tabs_; }
  QScrollArea* plot_scroll() const { return plot_scroll_; }
  QSplitter* splitter() const { return splitter_; }
  RunErrorView* error_view() const { return error_view_; }
  bool showing_error() const;  // the error view is where the plots would be
  QMenu* help_menu() const { return help_menu_; }

  // Restores the last size, position and splitter positions (QSettings), clamped to the screen,
  // and remembers them again when the window closes. Without it (tests, --screenshot) the window
  // keeps the default size from the available screen and nothing is remembered.
  void restore_layout();
  void save_layout() const;
  // Program used for both runs (tests pass a fake); empty = locate knsim.
  void set_knsim_program(const QString& program);

  // Exports (also the menu actions); each returns an empty string or the error.
  QString export_plots(const QString& dir) const;
  QString export_outputs(const QString& dir) const;
  QString export_scenario(const QString& file) const;

 signals:
  void baseline_finished(bool ok);
  void what_if_finished(bool ok);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void build_panels();
  void build_menus();
  void build_help_menu();
  void show_error(const QString& heading, const QString& text);
  void show_plots();
  void build_toolbar();
  void update_recent_menu();
  void start_baseline(bool then_resume);
  void on_baseline_failed(const QString& message);
  void update_status();

  std::unique_ptr<RunController> baseline_;
  std::unique_ptr<RunController> what_if_;
  std::unique_ptr<QTemporaryDir> baseline_out_;
  std::unique_ptr<QTemporaryDir> what_if_out_;
  std::unique_ptr<ObservedOverlay> observed_;
  PlotPanel* plots_ = nullptr;
  ExplainPanel* explain_ = nullptr;
  WhatIfPanel* what_if_panel_ = nullptr;
  ScenarioPanel* scenario_ = nullptr;
  EventingPanel* eventing_ = nullptr;  // its tab is visible only while the run has eventing
  QTabWidget* tabs_ = nullptr;
  QScrollArea* plot_scroll_ = nullptr;
  QScrollArea* what_if_tab_ = nullptr;  // the What-if panel, scrolled
  QStackedWidget* left_ = nullptr;  // the plots, or the error view
  RunErrorView* error_view_ = nullptr;
  QSplitter* splitter_ = nullptr;
  QMenu* help_menu_ = nullptr;
  QAction* run_pause_action_ = nullptr;
  QAction* step_action_ = nullptr;
  QAction* end_action_ = nullptr;
  QAction* open_action_ = nullptr;
  QAction* export_action_ = nullptr;
  QComboBox* speed_ = nullptr;
  QLabel* status_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QTimer* refresh_timer_ = nullptr;
  QString scenario_path_;
  double speed_value_ = 10;
  bool playing_ = false;          // the baseline run plays (Run or To end) and is not paused
  bool remember_layout_ = false;  // restore_layout() was called: save it on close
  std::pair<bool, bool> summaries_state_{false, false};  // which summaries the table shows
};

}  // namespace knsim::gui
