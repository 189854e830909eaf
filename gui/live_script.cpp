#include "gui/live_script.hpp"

#include <qcustomplot.h>

#include <QApplication>
#include <QPixmap>
#include <QSplitter>
#include <QStringList>
#include <cstdio>

#include "gui/live_plots.hpp"
#include "gui/run_error_view.hpp"

namespace knsim::gui {

int run_live_from_command_line(LiveWindow& window, const LiveOptions& options, const QString& screenshot,
                               const QString& size, double cursor, int timeout_ms) {
  int width = 1280, height = 800;
  if (const QStringList wh = size.split('x'); wh.size() == 2) {
    width = std::max(400, wh[0].toInt());
    height = std::max(300, wh[1].toInt());
  }
  window.resize(width, height);
  window.show();
  window.splitter()->setSizes({width * 62 / 100, width - width * 62 / 100});
  window.start(options);
  if (screenshot.isEmpty()) return -1;
  int code = 0;
  if (!window.wait_until_finished(timeout_ms)) {
    std::fprintf(stderr, "knsim-gui: the shadow did not end within %d s\n", timeout_ms / 1000);
    code = 1;
  } else if (window.exit_code() != 0) {
    std::fprintf(stderr, "knsim-gui: %s\n%s\n", window.error_view()->heading().toUtf8().constData(),
                 window.error_view()->text().toUtf8().constData());
    code = window.exit_code() > 0 ? window.exit_code() : 1;
  }
  window.refresh_views();
  window.set_cursor(cursor >= 0 ? cursor : window.data().last_t());
  for (int i = 0; i < 5; ++i) QApplication::processEvents();
  for (QCustomPlot* p : {window.plots()->pods_plot(), window.plots()->bands_plot()}) p->replot(QCustomPlot::rpImmediateRefresh);
  QApplication::processEvents();
  if (!window.grab().save(screenshot)) {
    std::fprintf(stderr, "knsim-gui: cannot write %s\n", screenshot.toUtf8().constData());
    if (code == 0) code = 1;
  }
  window.stop();
  return code;
}

}  // namespace knsim::gui
