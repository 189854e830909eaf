// MainWindow's menus and toolbar: File (open, recent, exports), Help (the keyboard shortcuts with
// their short texts, shortcuts.hpp) and the playback toolbar. The shortcut keys are on the
// actions, so they work wherever the focus is in the window (text fields keep their own keys).
#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QToolBar>

#include "gui/main_window.hpp"
#include "gui/shortcuts.hpp"
#include "gui/tooltips.hpp"

namespace knsim::gui {
namespace {

// "Run / pause" + its key -> "Run / pause (Space): Run, or pause a running scenario."
QString tip(const char* action, const char* text) {
  const QKeySequence keys = shortcut_of(action);
  const QString key = keys.isEmpty() ? QString() : QString(" (%1)").arg(keys.toString(QKeySequence::NativeText));
  return QString("%1%2: %3").arg(QString(action).remove("..."), key, QString(text));
}

QAction* with_shortcut(QAction* action, const char* name, const char* text) {
  action->setShortcut(shortcut_of(name));
  action->setToolTip(tip(name, text));
  action->setStatusTip(text);
  return action;
}

}  // namespace

void MainWindow::build_menus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  open_action_ = with_shortcut(file->addAction(tr("&Open scenario..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(), tr("Scenarios (*.yaml *.yml *.json)"));
    if (!path.isEmpty()) open_scenario(path);
  }), "Open scenario...", tooltip::kOpen);
  file->addAction(tr("Open scenario &folder..."), this, [this] {
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open scenario folder"));
    if (!path.isEmpty()) open_scenario(path);
  });
  recent_menu_ = file->addMenu(tr("Open &recent"));
  update_recent_menu();
  file->addSeparator();
  auto report = [this](const QString& error) {
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
  };
  export_action_ = with_shortcut(file->addAction(tr("&Export plots (PNG and PDF)..."), this, [this, report] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export plots to"));
    if (!dir.isEmpty()) report(export_plots(dir));
  }), "Export plots (PNG and PDF)...", tooltip::kExport);
  file->addAction(tr("Export run outputs..."), this, [this, report] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Copy the run's outputs to"));
    if (!dir.isEmpty()) report(export_outputs(dir));
  });
  file->addAction(tr("Export edited scenario (YAML)..."), this, [this, report] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save edited scenario"), QString(), tr("YAML (*.yaml)"));
    if (!path.isEmpty()) report(export_scenario(path));
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  build_help_menu();
}

// Help: every shortcut as its action (the key on the right, the short text as tooltip and in the
// status bar), then the same list as a table, then About.
void MainWindow::build_help_menu() {
  help_menu_ = menuBar()->addMenu(tr("&Help"));
  help_menu_->setToolTipsVisible(true);
  help_menu_->addSection(tr("Keyboard"));
  for (QAction* a : {run_pause_action_, step_action_, end_action_, open_action_, export_action_}) help_menu_->addAction(a);
  help_menu_->addSeparator();
  help_menu_->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, [this] {
    QMessageBox box(QMessageBox::Information, tr("Keyboard shortcuts"), shortcut_help_html(), QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
  });
  help_menu_->addAction(tr("&About knsim-gui"), this, [this] {
    QMessageBox::about(this, tr("About knsim-gui"),
                       tr("knsim-gui plays a knsim scenario (a simulated Knative cluster) and shows how the "
                          "autoscaler decides, step by step. The simulation runs in a `knsim run --stream` "
                          "child process."));
  });
}

void MainWindow::build_toolbar() {
  QToolBar* bar = addToolBar(tr("Playback"));
  bar->setObjectName("playback");  // saveState() names toolbars by their object name
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  auto icon = [this](QStyle::StandardPixmap p) { return style()->standardIcon(p); };
  bar->addAction(icon(QStyle::SP_MediaPlay), tr("Run"), this, &MainWindow::run)
      ->setToolTip(tr("Run (Space): %1").arg(tooltip::kRun));
  bar->addAction(icon(QStyle::SP_MediaPause), tr("Pause"), this, &MainWindow::pause)
      ->setToolTip(tr("Pause (Space): %1").arg(tooltip::kPause));
  step_action_ = with_shortcut(bar->addAction(icon(QStyle::SP_MediaSkipForward), tr("Step 2 s"), this, &MainWindow::step),
                               "Step one tick", tooltip::kStep);
  end_action_ = with_shortcut(bar->addAction(icon(QStyle::SP_MediaSeekForward), tr("To end"), this, &MainWindow::run_to_end),
                              "To end", tooltip::kToEnd);
  // Space toggles: one action for the key (listed in Help), the two buttons above for the mouse.
  run_pause_action_ = with_shortcut(new QAction(icon(QStyle::SP_MediaPlay), tr("Run / pause"), this), "Run / pause",
                                    tooltip::kRunPause);
  connect(run_pause_action_, &QAction::triggered, this, &MainWindow::toggle_run);
  addAction(run_pause_action_);
  bar->addSeparator();
  bar->addWidget(new QLabel(tr(" speed: "), bar));
  speed_ = new QComboBox(bar);
  const std::vector<std::pair<QString, double>> speeds = {{"real time (1x)", 1}, {"2x", 2}, {"5x", 5}, {"10x", 10},
                                                          {"30x", 30}, {"100x", 100}, {"1000x", 1000},
                                                          {"as fast as possible", 0}};
  for (const auto& [label, value] : speeds) speed_->addItem(label, value);
  speed_->setCurrentIndex(3);
  speed_->setToolTip(tr("Simulated seconds per wall-clock second."));
  speed_->setFocusPolicy(Qt::NoFocus);  // the arrow keys step the run, not the speed
  connect(speed_, &QComboBox::currentIndexChanged, this, [this](int i) { set_speed(speed_->itemData(i).toDouble()); });
  bar->addWidget(speed_);
}

void MainWindow::update_recent_menu() {
  recent_menu_->clear();
  const QStringList recent = QSettings("knsim", "knsim-gui").value("recent").toStringList();
  for (const QString& path : recent) recent_menu_->addAction(path, this, [this, path] { open_scenario(path); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

}  // namespace knsim::gui
