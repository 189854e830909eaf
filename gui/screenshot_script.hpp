#pragma once
// The scripted mode of knsim-gui (docs, CI and tests): open, run to the end, optionally rerun a
// what-if, place the cursor, pick a tab and save a screenshot of the main window.
#include <QString>
#include <QStringList>

namespace knsim::gui {

class MainWindow;

struct ScreenshotScript {
  QString scenario;
  bool run_to_end = false;
  QString screenshot;     // PNG file; empty = none
  QStringList what_if;    // "id=value" settings of the what-if panel, e.g. "stable-window=20s"
  double cursor = -1;     // seconds; < 0 = the middle of the run
  QString tab;            // scenario | explain | what-if | eventing; empty = explain after a run
  QString size;           // "WxH"; empty = 1280x800 (the README's screenshots)
  int timeout_ms = 600000;
};

// Runs the script on an open window. Returns 0 when every requested run finished and the
// screenshot (if any) was written. A run that failed is shown where the plots would be (also in
// the screenshot), printed on stderr, and returns knsim's exit code (2: invalid input), else 1.
int run_script(MainWindow& window, const ScreenshotScript& script);

}  // namespace knsim::gui
