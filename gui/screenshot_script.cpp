#include "gui/screenshot_script.hpp"

#include <qcustomplot.h>

#include <QApplication>
#include <QPixmap>
#include <QScrollArea>
#include <QSplitter>
#include <cstdio>

#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/run_error_view.hpp"
#include "gui/whatif_panel.hpp"

namespace knsim::gui {
namespace {

constexpr int kDefaultWidth = 1280;
constexpr int kDefaultHeight = 800;

// Plays `run` to its end; on failure prints its error as the window shows it and returns the exit
// code to report (knsim's own when it has one, else 1); 0 when the run finished.
int wait_for(RunController& run, MainWindow& window, int timeout_ms, const char* what) {
  if (run.wait_until_finished(timeout_ms) && run.data().done()) return 0;
  QApplication::processEvents();
  const QString error = window.showing_error() ? window.error_view()->text() : run.stderr_text();
  std::fprintf(stderr, "knsim-gui: the %s did not finish:\n%s\n", what, error.trimmed().toUtf8().constData());
  return run.exit_code() > 0 ? run.exit_code() : 1;
}

// Puts each --what-if ID=VALUE into the What-if form. A value Knative's rules reject (e.g.
// stable-window=5s: under 6s; target=-5) or an unknown ID is printed with the form's message and
// gives exit code 2, as knsim does for invalid input (the rerun never started and the script
// waited for it: a hang without a word).
int apply_what_if(MainWindow& window, const QStringList& what_if) {
  WhatIfPanel& panel = *window.what_if_panel();
  for (const QString& kv : what_if) {
    const int eq = kv.indexOf('=');
    if (eq <= 0 || !panel.set_value(kv.left(eq).toStdString(), kv.mid(eq + 1))) {
      std::fprintf(stderr, "knsim-gui: --what-if %s: expected ID=VALUE with ID one of: %s\n",
                   kv.toUtf8().constData(), panel.ids().c_str());
      return 2;
    }
  }
  for (const auto& [id, message] : panel.problems())
    std::fprintf(stderr, "knsim-gui: --what-if %s: %s\n", id.c_str(), message.c_str());
  return panel.valid() ? 0 : 2;
}

}  // namespace

int run_script(MainWindow& window, const ScreenshotScript& script) {
  int width = kDefaultWidth, height = kDefaultHeight;
  if (const QStringList wh = script.size.split('x'); wh.size() == 2) {
    width = std::max(400, wh[0].toInt());
    height = std::max(300, wh[1].toInt());
  }
  window.resize(width, height);
  window.show();  // laid out as on a screen (knsim-gui shows it already; tests may not have)
  // Plots | tabs as a first start; the Eventing tab's tables need more room.
  const int plots_width = script.tab == "eventing" ? width * 55 / 100 : width * 2 / 3;
  window.splitter()->setSizes({plots_width, width - plots_width});
  int code = 0;
  if (script.run_to_end) {
    window.set_speed(0);
    window.run_to_end();
    code = wait_for(window.baseline(), window, script.timeout_ms, "run");
    if (code == 0 && !script.what_if.isEmpty()) {
      code = apply_what_if(window, script.what_if);
      if (code == 0) {
        window.rerun_what_if();
        code = wait_for(window.what_if(), window, script.timeout_ms, "what-if run");
      }
    }
  }
  window.refresh_views();
  const double duration = window.baseline().data().info().duration_s;
  window.set_cursor(script.cursor >= 0 ? script.cursor : std::floor(duration / 4) * 2);
  // A failed run keeps the Scenario tab (its problems) unless a tab was asked for.
  if (!script.tab.isEmpty()) window.show_tab(script.tab);
  else if (code == 0) window.show_tab(script.what_if.isEmpty() ? "explain" : "what-if");
  for (int i = 0; i < 5; ++i) QApplication::processEvents();
  // The Eventing tab's picture shows the Eventing plot (below the fold at 1280 x 800).
  if (script.tab == "eventing" && !window.plot_panel()->eventing_plot()->isHidden())
    window.plot_scroll()->ensureWidgetVisible(window.plot_panel()->eventing_plot(), 0, 0);
  for (const auto& [title, plot] : window.plot_panel()->plots()) plot->replot(QCustomPlot::rpImmediateRefresh);
  QApplication::processEvents();
  if (!script.screenshot.isEmpty()) {
    if (!window.grab().save(script.screenshot)) {
      std::fprintf(stderr, "knsim-gui: cannot write %s\n", script.screenshot.toUtf8().constData());
      if (code == 0) code = 1;
    }
  }
  return code;
}

}  // namespace knsim::gui
