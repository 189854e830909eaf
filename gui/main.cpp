// knsim-gui [SCENARIO] [--run-to-end] [--screenshot FILE.png] [--what-if ID=VALUE ...]
//           [--cursor T] [--tab scenario|explain|what-if|eventing] [--size WxH]
// knsim-gui --live [--kubeconfig F] [--context C] [-n NS] [--duration D] [--screenshot FILE.png]
//   (the live twin beside a real cluster: gui/live_window.hpp)
// Opens a scenario; with --run-to-end plays it to the end (and the what-if rerun when --what-if is
// given), then with --screenshot saves a picture of the main window and exits (0 = the run(s)
// finished; a failed run shows its error where the plots would be, is printed on stderr and exits
// with knsim's code, 2 for invalid input). Works with QT_QPA_PLATFORM=offscreen. Interactive
// starts remember the window's size, position and splitters; scripted ones neither read nor save them.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "gui/live_script.hpp"
#include "gui/main_window.hpp"
#include "gui/screenshot_script.hpp"
#include "gui/sweep_view.hpp"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("knsim-gui");
  QCommandLineParser parser;
  parser.setApplicationDescription("knsim-gui: watch Knative scale under a replayed load");
  parser.addHelpOption();
  parser.addPositionalArgument("SCENARIO", "scenario file or folder to open");
  parser.addOption({"run-to-end", "run the scenario to its end"});
  parser.addOption({"screenshot", "save a screenshot of the main window and exit", "FILE.png"});
  parser.addOption({"what-if", "after the run, rerun with this setting (e.g. stable-window=20s)", "ID=VALUE"});
  parser.addOption({"cursor", "put the time cursor at T seconds", "T"});
  parser.addOption({"sweep", "open a knsim sweep / optimize folder in the Sweep view (with --screenshot: of that view)", "DIR"});
  parser.addOption({"tab", "side tab to show: scenario, explain, what-if, eventing (runs with eventing)", "NAME"});
  parser.addOption({"size", "window size for --screenshot (default 1280x800)", "WxH"});
  parser.addOption({"live", "the live twin: run `knsim cluster shadow --stream` and show the real cluster beside it"});
  parser.addOption({"kubeconfig", "with --live: the kubeconfig file", "F"});
  parser.addOption({"context", "with --live: the kubeconfig context", "C"});
  parser.addOption({{"n", "namespace"}, "with --live: the namespace", "NS"});
  parser.addOption({"duration", "with --live: how long the shadow runs (e.g. 10m)", "D"});
  parser.process(app);

  if (parser.isSet("live")) {
    knsim::gui::LiveWindow live;
    const knsim::gui::LiveOptions options{parser.value("kubeconfig"), parser.value("context"), parser.value("namespace"),
                                          parser.value("duration")};
    const int rc = knsim::gui::run_live_from_command_line(live, options, parser.value("screenshot"), parser.value("size"),
                                                          parser.isSet("cursor") ? parser.value("cursor").toDouble() : -1);
    return rc >= 0 ? rc : app.exec();
  }

  knsim::gui::MainWindow window;
  knsim::gui::install_sweep_action(window);  // File > Open sweep...
  if (parser.isSet("sweep")) {  // the Sweep view (gui/sweep_view.hpp); its clicks replay in `window`
    const int rc = knsim::gui::open_sweep_from_command_line(window, parser.value("sweep"), parser.value("screenshot"),
                                                            parser.value("size"));
    return rc >= 0 ? rc : app.exec();
  }
  knsim::gui::ScreenshotScript script;
  script.scenario = parser.positionalArguments().value(0);
  script.run_to_end = parser.isSet("run-to-end");
  script.screenshot = parser.value("screenshot");
  script.what_if = parser.values("what-if");
  script.cursor = parser.isSet("cursor") ? parser.value("cursor").toDouble() : -1;
  script.tab = parser.value("tab");
  script.size = parser.value("size");
  const bool scripted = script.run_to_end || !script.screenshot.isEmpty();
  if (!scripted) window.restore_layout();
  if (!script.scenario.isEmpty()) window.open_scenario(script.scenario);
  window.show();
  if (!scripted) return app.exec();
  return knsim::gui::run_script(window, script);
}
