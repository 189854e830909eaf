// MainWindow's remembered layout (window_layout.hpp): size, position, toolbar and splitters.
#include <QCloseEvent>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

#include "gui/explain_panel.hpp"
#include "gui/main_window.hpp"
#include "gui/window_layout.hpp"

namespace knsim::gui {

void MainWindow::restore_layout() {
  remember_layout_ = true;
  const QSettings settings("knsim", "knsim-gui");
  if (!settings.contains(kGeometryKey)) return;  // first start: the default from the screen
  restoreGeometry(settings.value(kGeometryKey).toByteArray());
  restoreState(settings.value(kStateKey).toByteArray());
  splitter_->restoreState(settings.value(kMainSplitterKey).toByteArray());
  explain_->splitter()->restoreState(settings.value(kExplainSplitterKey).toByteArray());
  // The screen may have become smaller since (another monitor, another resolution).
  const QRect available = screen()->availableGeometry();
  const QRect fitted = clamp_to(geometry(), available);
  if (fitted != geometry()) setGeometry(fitted);
}

void MainWindow::save_layout() const {
  QSettings settings("knsim", "knsim-gui");
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState());
  settings.setValue(kMainSplitterKey, splitter_->saveState());
  settings.setValue(kExplainSplitterKey, explain_->splitter()->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (remember_layout_) save_layout();
  QMainWindow::closeEvent(event);
}

}  // namespace knsim::gui
