#include "gui/screenshot_script.hpp"

#include <qcustomplot.h>

#include <QApplication>
#include <QPixmap>
#include <cstdio>

#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/whatif_panel.hpp"

namespace knsim::gui {

int run_script(MainWindow& window, const ScreenshotScript& script) {
  int width = 1700, height = 1250;
  if (const QStringList wh = script.size.split('x'); wh.size() == 2) {
    width = std::max(400, wh[0].toInt());
    height = std::max(300, wh[1].toInt());
  }
  window.resize(width, height);
  bool ok = true;
  if (script.run_to_end) {
    window.set_speed(0);
    window.run_to_end();
    ok = window.baseline().wait_until_finished(script.timeout_ms) && window.baseline().data().done();
    if (!ok) std::fprintf(stderr, "knsim-gui: the run did not finish: %s\n", window.baseline().stderr_text().toUtf8().constData());
    if (ok && !script.what_if.isEmpty()) {
      for (const QString& kv : script.what_if) {
        const int eq = kv.indexOf('=');
        if (eq > 0) window.what_if_panel()->set_value(kv.left(eq).toStdString(), kv.mid(eq + 1));
      }
      window.rerun_what_if();
      ok = window.what_if().wait_until_finished(script.timeout_ms) && window.what_if().data().done();
      if (!ok) std::fprintf(stderr, "knsim-gui: the what-if run did not finish\n");
    }
  }
  window.refresh_views();
  const double duration = window.baseline().data().info().duration_s;
  window.set_cursor(script.cursor >= 0 ? script.cursor : std::floor(duration / 4) * 2);
  window.show_tab(!script.tab.isEmpty() ? script.tab : script.what_if.isEmpty() ? "explain" : "what-if");
  for (int i = 0; i < 5; ++i) QApplication::processEvents();
  for (const auto& [title, plot] : window.plot_panel()->plots()) plot->replot(QCustomPlot::rpImmediateRefresh);
  QApplication::processEvents();
  if (!script.screenshot.isEmpty()) {
    if (!window.grab().save(script.screenshot)) {
      std::fprintf(stderr, "knsim-gui: cannot write %s\n", script.screenshot.toUtf8().constData());
      ok = false;
    }
  }
  return ok ? 0 : 1;
}

}  // namespace knsim::gui
