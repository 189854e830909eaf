// A scenario that cannot run shows its error where the plots would be, as `knsim run` prints it
// (file, line, field), also in a --run-to-end --screenshot picture, and the scripted mode exits
// non-zero (knsim's 2 for invalid input).
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include "gui/main_window.hpp"
#include "gui/run_controller.hpp"
#include "gui/run_error_view.hpp"
#include "gui/scenario_panel.hpp"
#include "gui/screenshot_script.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

// A scenario whose duration is a bare number: the manifests loader reports
// "bad.yaml:4: spec.duration: ..." (and the fake knsim fails on the word INVALID, exit 2).
QString write_bad_scenario(const QTemporaryDir& dir) {
  const QString bad = dir.filePath("bad.yaml");
  QFile f(bad);
  f.open(QIODevice::WriteOnly);
  f.write("apiVersion: knsim.dev/v1alpha1\nkind: Scenario\nmetadata: {name: bad}\nspec:\n  duration: 60\n# INVALID\n");
  return bad;
}

// True if `image` has a pixel of the error heading's colour (the heading is drawn in it).
bool has_heading_colour(const QImage& image) {
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      if (image.pixelColor(x, y) == QColor(180, 0, 0)) return true;
  return false;
}

TEST(RunError, OpeningAScenarioWithErrorsShowsThemWhereThePlotsWouldBe) {
  test::gui_app();
  QTemporaryDir dir;
  MainWindow window;
  window.set_knsim_program(test::fake_knsim());
  EXPECT_FALSE(window.showing_error());
  EXPECT_FALSE(window.open_scenario(write_bad_scenario(dir)));
  EXPECT_TRUE(window.showing_error());
  const QString text = window.error_view()->text();
  EXPECT_TRUE(text.contains("bad.yaml:5: spec.duration")) << text.toStdString();
  EXPECT_TRUE(text.contains(QRegularExpression("bad.yaml: \\d+ errors?\\n"))) << "the count line, as knsim run prints it";
  EXPECT_TRUE(window.error_view()->heading().contains("bad.yaml")) << window.error_view()->heading().toStdString();
  // A good scenario brings the plots back.
  EXPECT_TRUE(window.open_scenario(test::fixture_scenario()));
  EXPECT_FALSE(window.showing_error());
}

TEST(RunError, AFailedRunShowsTheChildsErrorAndTheScreenshotExitsNonZero) {
  test::gui_app();
  QTemporaryDir dir;
  MainWindow window;
  window.set_knsim_program(test::fake_knsim());
  window.open_scenario(write_bad_scenario(dir));
  ScreenshotScript script;
  script.run_to_end = true;
  script.screenshot = dir.filePath("error.png");
  EXPECT_EQ(run_script(window, script), 2) << "knsim's exit code for invalid input";
  EXPECT_EQ(window.baseline().exit_code(), 2);
  EXPECT_TRUE(window.showing_error());
  EXPECT_TRUE(window.error_view()->text().contains("bad.yaml:3: spec.duration: a bare number is not a duration"))
      << "the fake's stderr, verbatim: " << window.error_view()->text().toStdString();
  EXPECT_TRUE(window.error_view()->heading().contains("exit code 2"));
  const QImage image(script.screenshot);
  ASSERT_FALSE(image.isNull()) << "the picture is written even though the run failed";
  EXPECT_EQ(image.size(), QSize(1280, 800));
  EXPECT_TRUE(has_heading_colour(image)) << "the picture shows the error, not empty plots";
}

// With the real knsim: the window shows exactly what `knsim run` prints on the command line, and
// the Scenario tab lists each problem once (the loader and the run report the same ones).
TEST(RunError, TheErrorIsWhatTheCommandLinePrints) {
  test::gui_app();
  if (!QFileInfo(test::real_knsim()).isExecutable()) GTEST_SKIP() << "knsim not built";
  QTemporaryDir dir;
  const QString bad = write_bad_scenario(dir);
  QProcess cli;
  cli.start(test::real_knsim(), {"run", bad, "--out", dir.filePath("cli-out")});
  ASSERT_TRUE(cli.waitForFinished(60000));
  ASSERT_EQ(cli.exitCode(), 2);
  const QString printed = QString::fromUtf8(cli.readAllStandardError()).trimmed();
  ASSERT_TRUE(printed.contains("bad.yaml:5: spec.duration")) << printed.toStdString();
  MainWindow window;
  window.set_knsim_program(test::real_knsim());
  window.open_scenario(bad);
  EXPECT_EQ(window.error_view()->text().trimmed(), printed) << "before running: the loader's report";
  ScreenshotScript script;
  script.run_to_end = true;
  EXPECT_EQ(run_script(window, script), 2);
  EXPECT_EQ(window.error_view()->text().trimmed(), printed) << "after the run: knsim's stderr";
  const QStringList problems = window.scenario_panel()->problems();
  EXPECT_EQ(problems.size(), QSet<QString>(problems.begin(), problems.end()).size()) << problems.join("\n").toStdString();
}

// The knsim-gui executable itself, as a script or CI calls it.
TEST(RunError, TheExecutableExitsWithTwoAndPrintsTheError) {
  test::gui_app();
  const QString gui = QString::fromStdString((test::binary_dir() / "gui/knsim-gui").string());
  if (!QFileInfo(gui).isExecutable()) GTEST_SKIP() << "knsim-gui not built";
  QTemporaryDir dir;
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  env.insert("KNSIM_BIN", test::fake_knsim());
  env.insert("XDG_CONFIG_HOME", dir.path());
  p.setProcessEnvironment(env);
  p.start(gui, {write_bad_scenario(dir), "--run-to-end", "--screenshot", dir.filePath("shot.png")});
  ASSERT_TRUE(p.waitForFinished(60000));
  EXPECT_EQ(p.exitCode(), 2);
  EXPECT_TRUE(p.readAllStandardError().contains("bad.yaml:3: spec.duration"));
  EXPECT_TRUE(QFile::exists(dir.filePath("shot.png")));
}

}  // namespace
}  // namespace knsim::gui
