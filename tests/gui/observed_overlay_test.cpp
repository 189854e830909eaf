// Opening a `knsim cluster record` folder (tests/data/adapter/compare-window: a hand-made recording
// whose replay holds 2 pods) runs its scenario with the real knsim and overlays observed.csv's
// ready pods on the Pods plot: both series on one plot, the observed one exactly the file's values,
// in the simulated revision's colour. A malformed observed.csv shows its error with file and line.
// The real-knsim test is skipped when knsim is not built.
#include <qcustomplot.h>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <filesystem>
#include <gtest/gtest.h>

#include "gui/main_window.hpp"
#include "gui/observed_overlay.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/run_error_view.hpp"
#include "gui/scenario_panel.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

namespace fs = std::filesystem;

QString copy_recording(const QTemporaryDir& tmp) {
  const fs::path to = fs::path(tmp.path().toStdString()) / "recorded";
  fs::copy(test::source_dir() / "tests/data/adapter/compare-window", to, fs::copy_options::recursive);
  return QString::fromStdString(to.string());
}

TEST(ObservedOverlay, ARecordedFolderShowsRealAndSimulatedPodsOnOnePlot) {
  test::gui_app();
  if (!QFileInfo(test::real_knsim()).isExecutable()) GTEST_SKIP() << "knsim not built";
  QTemporaryDir tmp;
  MainWindow window;
  window.set_knsim_program(test::real_knsim());
  ASSERT_TRUE(window.open_scenario(copy_recording(tmp))) << window.scenario_panel()->problems().join("\n").toStdString();
  ASSERT_TRUE(window.observed_overlay()->active());
  window.set_speed(0);
  window.run_to_end();
  ASSERT_TRUE(window.baseline().wait_until_finished(120000));
  ASSERT_TRUE(window.baseline().data().done()) << window.baseline().stderr_text().toStdString();
  window.refresh_views();
  QCPGraph* simulated = window.plot_panel()->graph("pods/hello-00001 ready");
  QCPGraph* observed = window.observed_overlay()->graph("hello-00001");
  ASSERT_NE(simulated, nullptr);
  ASSERT_NE(observed, nullptr);
  EXPECT_EQ(simulated->parentPlot(), observed->parentPlot());  // one plot
  EXPECT_GE(simulated->dataCount(), 50);                          // every simulated second
  std::vector<std::pair<double, double>> points;
  for (auto it = observed->data()->constBegin(); it != observed->data()->constEnd(); ++it) points.emplace_back(it->key, it->value);
  EXPECT_EQ(points, (std::vector<std::pair<double, double>>{{10, 2}, {20, 3}, {30, 4}, {40, 0}, {50, 2}}));
  EXPECT_EQ(observed->pen().color().rgb(), simulated->pen().color().rgb());  // the revision's colour
  EXPECT_TRUE(observed->name().contains("observed"));
  // The plot's value axis shows the observed maximum too.
  EXPECT_GE(observed->parentPlot()->yAxis->range().upper, 4);
}

TEST(ObservedOverlay, AMalformedObservedCsvIsShownWithFileAndLine) {
  test::gui_app();
  QTemporaryDir tmp;
  const QString dir = copy_recording(tmp);
  QFile f(dir + "/observed.csv");
  ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write("t_s,revision,desired_pods,actual_pods,panic\n10,hello-00001,2,two,0\n");
  f.close();
  MainWindow window;
  window.set_knsim_program(test::fake_knsim());
  window.open_scenario(dir);
  ASSERT_TRUE(window.showing_error());
  EXPECT_TRUE(window.error_view()->text().contains("observed.csv:2: column actual_pods: \"two\" is not a number"))
      << window.error_view()->heading().toStdString() << "\n" << window.error_view()->text().toStdString();
  // A scenario file (not a folder) has no overlay.
  window.open_scenario(test::fixture_scenario());
  EXPECT_FALSE(window.observed_overlay()->active());
}

}  // namespace
}  // namespace knsim::gui
