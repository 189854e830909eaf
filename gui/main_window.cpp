#include "gui/main_window.hpp"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include "gui/eventing_panel.hpp"
#include "gui/explain_panel.hpp"
#include "gui/observed_overlay.hpp"
#include "gui/plot_panel.hpp"
#include "core/autoscaler/cadence.hpp"
#include "gui/run_controller.hpp"
#include "gui/run_error_view.hpp"
#include "gui/scenario_panel.hpp"
#include "gui/whatif_panel.hpp"
#include "gui/window_layout.hpp"

namespace knsim::gui {
namespace {

constexpr int kRefreshMs = 100;
constexpr int kMaxRecent = 8;

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), baseline_(std::make_unique<RunController>()), what_if_(std::make_unique<RunController>()) {
  setWindowTitle(tr("knsim-gui"));
  build_panels();
  status_ = new QLabel(this);
  statusBar()->addPermanentWidget(status_, 1);
  build_toolbar();
  build_menus();

  connect(plots_, &PlotPanel::cursor_moved, this, &MainWindow::set_cursor);
  connect(explain_, &ExplainPanel::time_selected, this, &MainWindow::set_cursor);
  connect(what_if_panel_, &WhatIfPanel::rerun_requested, this, &MainWindow::rerun_what_if);
  connect(eventing_, &EventingPanel::selection_changed, this, [this] {
    plots_->select_eventing(eventing_->selection());
    plots_->refresh_eventing(eventing_->feed());
  });
  connect(baseline_.get(), &RunController::failed, this, &MainWindow::on_baseline_failed);
  connect(baseline_.get(), &RunController::finished_ok, this, [this] {
    playing_ = false;
    refresh_views();
    emit baseline_finished(true);
  });
  connect(what_if_.get(), &RunController::finished_ok, this, [this] {
    refresh_views();
    emit what_if_finished(true);
  });
  connect(what_if_.get(), &RunController::failed, this, [this](const QString& message) {
    scenario_->add_run_problems(tr("what-if run: ") + message);
    statusBar()->showMessage(tr("what-if run failed: %1").arg(message.left(200)));
    emit what_if_finished(false);
  });
  refresh_timer_ = new QTimer(this);
  connect(refresh_timer_, &QTimer::timeout, this, &MainWindow::refresh_views);
  refresh_timer_->start(kRefreshMs);
  update_status();
}

MainWindow::~MainWindow() = default;

// Left: the plots (scrolled vertically) or the error view; right: the tabs. A first start covers
// most of the available screen (restore_layout() may replace it), plots | tabs as 2/3 | 1/3.
void MainWindow::build_panels() {
  splitter_ = new QSplitter(Qt::Horizontal, this);
  plots_ = new PlotPanel;
  observed_ = std::make_unique<ObservedOverlay>(plots_);
  plot_scroll_ = new QScrollArea;
  plot_scroll_->setWidget(plots_);
  plot_scroll_->setWidgetResizable(true);
  // The plots wrap their legends to the width they get (legend_flow.hpp): they only ever scroll
  // vertically, never sideways.
  plot_scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  error_view_ = new RunErrorView;
  left_ = new QStackedWidget(splitter_);
  left_->addWidget(plot_scroll_);
  left_->addWidget(error_view_);
  tabs_ = new QTabWidget(splitter_);
  scenario_ = new ScenarioPanel;
  explain_ = new ExplainPanel;
  what_if_panel_ = new WhatIfPanel;
  tabs_->addTab(scenario_, tr("Scenario"));
  tabs_->addTab(explain_, tr("Explain"));
  // The What-if form is tall: it scrolls inside its tab, so it never makes the window taller
  // than a small screen.
  what_if_tab_ = new QScrollArea;
  what_if_tab_->setWidget(what_if_panel_);
  what_if_tab_->setWidgetResizable(true);
  what_if_tab_->setFrameShape(QFrame::NoFrame);
  tabs_->addTab(what_if_tab_, tr("What-if"));
  eventing_ = new EventingPanel;
  tabs_->setTabVisible(tabs_->addTab(eventing_, tr("Eventing")), false);
  splitter_->addWidget(left_);
  splitter_->addWidget(tabs_);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 1);
  splitter_->setChildrenCollapsible(false);
  setCentralWidget(splitter_);
  const QRect first = default_window_rect(screen()->availableGeometry());
  setGeometry(first);
  splitter_->setSizes({first.width() * 2 / 3, first.width() - first.width() * 2 / 3});
}

void MainWindow::set_knsim_program(const QString& program) {
  baseline_->set_program(program);
  what_if_->set_program(program);
}

bool MainWindow::open_scenario(const QString& path) {
  scenario_path_ = QFileInfo(path).absoluteFilePath();
  QSettings settings("knsim", "knsim-gui");
  QStringList recent = settings.value("recent").toStringList();
  recent.removeAll(scenario_path_);
  recent.prepend(scenario_path_);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue("recent", recent);
  update_recent_menu();
  setWindowTitle(tr("knsim-gui — %1").arg(QFileInfo(path).fileName()));
  const bool ok = scenario_->load(scenario_path_);
  const QString observed_error = observed_->load(scenario_path_);  // a record folder: real pods overlaid
  if (ok && !observed_error.isEmpty()) show_error(tr("observed.csv cannot be read"), observed_error);
  else if (ok) show_plots();
  else show_error(tr("%1 has errors: knsim cannot run it").arg(QFileInfo(path).fileName()), scenario_->error_report());
  what_if_panel_->set_bundle(scenario_->bundle());
  if (scenario_->bundle() && scenario_->bundle()->scenario.duration > 0)
    plots_->set_time_range(0, scenario_->bundle()->scenario.duration);  // the axis the run will fill
  tabs_->setCurrentWidget(ok ? static_cast<QWidget*>(scenario_) : scenario_);
  update_status();
  return ok;
}

void MainWindow::start_baseline(bool then_resume) {
  baseline_out_ = std::make_unique<QTemporaryDir>();
  plots_->clear_run(0);
  eventing_->reset();
  tabs_->setTabVisible(tabs_->indexOf(eventing_), false);
  if (!scenario_->has_errors()) show_plots();
  RunOptions options{scenario_path_, baseline_out_->path(), /*start_paused=*/true, {}};
  baseline_->start(options);
  explain_->set_data(&baseline_->data());
  baseline_->set_speed(speed_value_);
  if (then_resume) baseline_->resume();
}

void MainWindow::run() {
  if (scenario_path_.isEmpty()) return;
  playing_ = true;
  if (!baseline_->running()) start_baseline(true);
  else {
    baseline_->set_speed(speed_value_);
    baseline_->resume();
  }
}

void MainWindow::pause() {
  playing_ = false;
  baseline_->pause();
}

void MainWindow::toggle_run() {
  if (playing_ && baseline_->running()) pause();
  else run();
}

void MainWindow::step() {
  if (scenario_path_.isEmpty()) return;
  playing_ = false;
  if (!baseline_->running()) start_baseline(false);
  baseline_->step(core::autoscaler::kDeciderTickInterval);  // one KPA tick (core/autoscaler/cadence.hpp)
}

void MainWindow::run_to_end() {
  if (scenario_path_.isEmpty()) return;
  playing_ = true;
  if (!baseline_->running()) start_baseline(false);
  baseline_->end();
}

void MainWindow::set_speed(double x) {
  speed_value_ = x;
  baseline_->set_speed(x);
}

void MainWindow::rerun_what_if() {
  if (scenario_path_.isEmpty() || !what_if_panel_->valid()) return;
  what_if_out_ = std::make_unique<QTemporaryDir>();
  const auto edits = what_if_panel_->edits();
  const WhatIfModel& model = what_if_panel_->model();
  const ScenarioEdits scenario_edits = model.scenario_edits(edits, what_if_panel_->load_edit());
  QString scenario = scenario_path_;
  if (!scenario_edits.container_concurrency.empty() || scenario_edits.load.workload >= 0) {
    // containerConcurrency and the load have no --set form: they go through an edited copy.
    scenario = what_if_out_->filePath("what-if-scenario.yaml");
    const std::string error = write_edited_scenario(scenario_path_.toStdString(), scenario.toStdString(), scenario_edits);
    if (!error.empty()) {
      scenario_->add_run_problems(QString::fromStdString(error));
      return;
    }
  }
  QStringList sets;
  for (const auto& s : model.set_arguments(edits)) sets << QString::fromStdString(s);
  plots_->clear_run(1);
  RunOptions options{scenario, what_if_out_->filePath("out"), /*start_paused=*/false, sets};
  what_if_->start(options);
}

void MainWindow::refresh_views() {
  plots_->refresh(0, baseline_->data());
  plots_->refresh(1, what_if_->data());
  observed_->refresh(baseline_->data());
  explain_->refresh();
  if (eventing_->refresh(baseline_->data())) {
    plots_->refresh_eventing(eventing_->feed());
    const int tab = tabs_->indexOf(eventing_);
    if (tabs_->isTabVisible(tab) != eventing_->feed().has_eventing())
      tabs_->setTabVisible(tab, eventing_->feed().has_eventing());
  }
  const nlohmann::json base = baseline_->data().summary().value_or(nlohmann::json());
  const nlohmann::json alt = what_if_->data().summary().value_or(nlohmann::json());
  const std::pair<bool, bool> state{base.is_object(), alt.is_object()};
  if (state != summaries_state_) {  // a summary arrived, or a run restarted
    summaries_state_ = state;
    what_if_panel_->set_summaries(base, alt);
    const RunData& data = baseline_->data();
    if (base.is_object() && !data.revision_names().empty()) {
      if (const auto* s = data.revision(data.revision_names().front()); s && s->size() > 0)
        what_if_panel_->set_observed_target(s->column(reports::RevCol::kTarget).back());
    }
  }
  update_status();
}

void MainWindow::set_cursor(double t_s) {
  plots_->set_cursor(t_s);
  explain_->show_time(t_s);
  eventing_->show_time(t_s);
  if (sender() == plots_) tabs_->setCurrentWidget(explain_);
  update_status();
}

void MainWindow::show_tab(const QString& name) {
  if (name == "scenario") tabs_->setCurrentWidget(scenario_);
  if (name == "explain") tabs_->setCurrentWidget(explain_);
  if (name == "what-if" || name == "whatif") tabs_->setCurrentWidget(what_if_tab_);
  if (name == "eventing" && tabs_->isTabVisible(tabs_->indexOf(eventing_))) tabs_->setCurrentWidget(eventing_);
}

void MainWindow::on_baseline_failed(const QString& message) {
  playing_ = false;
  scenario_->add_run_problems(message);
  // What the command line prints (stderr), else the stream's error line.
  const QString printed = baseline_->stderr_text().trimmed();
  const int code = baseline_->exit_code();
  show_error(code == 2 ? tr("The run failed: invalid input (knsim exit code 2)")
             : code > 0 ? tr("The run failed (knsim exit code %1)").arg(code)
                        : tr("The run failed"),
             printed.isEmpty() ? message : printed);
  tabs_->setCurrentWidget(scenario_);
  statusBar()->showMessage(tr("run failed: %1").arg(message.left(200)));
  emit baseline_finished(false);
}

void MainWindow::show_error(const QString& heading, const QString& text) {
  error_view_->set_error(heading, text);
  left_->setCurrentWidget(error_view_);
}

void MainWindow::show_plots() { left_->setCurrentWidget(plot_scroll_); }

bool MainWindow::showing_error() const { return left_->currentWidget() == error_view_; }

void MainWindow::update_status() {
  const RunData& d = baseline_->data();
  QString state = tr("no run");
  if (d.done()) state = tr("done");
  else if (!d.error().empty()) state = tr("failed");
  else if (d.paused()) state = tr("paused");
  else if (baseline_->running()) state = tr("running");
  status_->setText(tr("%1  |  t = %2 s of %3 s  |  %4  |  cursor %5 s")
                       .arg(scenario_path_.isEmpty() ? tr("no scenario") : QFileInfo(scenario_path_).fileName())
                       .arg(d.last_t(), 0, 'f', 1)
                       .arg(d.info().duration_s, 0, 'f', 0)
                       .arg(state)
                       .arg(plots_->cursor(), 0, 'f', 1));
}

}  // namespace knsim::gui
