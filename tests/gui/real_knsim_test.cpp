// The window driving the real `knsim run --stream` on the shipped scenarios/default.yaml: the
// plotted series equal the run's timeseries.csv, step and pause stop at autoscaler ticks, and a
// what-if rerun with a smaller per-pod target really changes the run. Skipped when the knsim
// executable is not built.
#include <cstdlib>
#include <filesystem>
#include <QFileInfo>
#include <QThread>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/scenario_panel.hpp"
#include "gui/screenshot_script.hpp"
#include "gui/summary_rows.hpp"
#include "gui/whatif_panel.hpp"
#include "tests/gui/gui_test_support.hpp"
#include "tests/gui/plot_compare.hpp"

namespace knsim::gui {
namespace {

class WindowWithKnsim : public ::testing::Test {
 protected:
  void SetUp() override {
    test::gui_app();
    if (!QFileInfo(test::real_knsim()).isExecutable()) GTEST_SKIP() << "knsim not built: " << test::real_knsim().toStdString();
    window_ = std::make_unique<MainWindow>();
    window_->set_knsim_program(test::real_knsim());
    scenario_ = QString::fromStdString((test::source_dir() / "scenarios/default.yaml").string());
    ASSERT_TRUE(window_->open_scenario(scenario_)) << window_->scenario_panel()->problems().join("\n").toStdString();
  }
  void run_baseline_to_end() {
    window_->set_speed(0);
    window_->run_to_end();
    ASSERT_TRUE(window_->baseline().wait_until_finished(300000));
    ASSERT_TRUE(window_->baseline().data().done()) << window_->baseline().stderr_text().toStdString();
    window_->refresh_views();
  }
  std::unique_ptr<MainWindow> window_;
  QString scenario_;
};

TEST_F(WindowWithKnsim, PlotsEqualTheRunsTimeSeries) {
  run_baseline_to_end();
  const RunData& data = window_->baseline().data();
  const auto csv = test::read_timeseries_csv(window_->baseline().options().out_dir.toStdString() + "/timeseries.csv");
  ASSERT_FALSE(csv.empty()) << "knsim wrote no timeseries.csv";
  EXPECT_EQ(csv.size(), data.revision_names().size());
  expect_plots_equal_csv(*window_->plot_panel(), csv, data.info().sample_interval_s);
  for (const auto& node : data.info().nodes) {
    const QCPGraph* g = window_->plot_panel()->graph(QString::fromStdString("nodes/" + node + " pods"));
    ASSERT_NE(g, nullptr) << node;
    EXPECT_GT(g->data()->size(), 0) << node;
  }
  EXPECT_FALSE(data.events().empty()) << "decisions, pod phases, ... in the explain list";
}

TEST_F(WindowWithKnsim, StepAndPauseStopAtTicks) {
  RunController& run = window_->baseline();
  auto wait_paused_after = [&](double t) {
    for (int i = 0; i < 1000 && !(run.data().paused() && run.data().last_t() >= t - 1e-9); ++i) {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
      QThread::msleep(10);
    }
    return run.data().paused() && run.data().last_t() >= t - 1e-9;
  };
  window_->step();
  ASSERT_TRUE(wait_paused_after(2)) << "t=" << run.data().last_t() << " " << run.stderr_text().toStdString();
  const double t1 = run.data().last_t();
  EXPECT_LT(t1, 4) << "one step is one 2 s tick";
  window_->step();
  ASSERT_TRUE(wait_paused_after(t1 + 2));
  const double t2 = run.data().last_t();
  EXPECT_NEAR(t2 - t1, 2, 1e-6);
  window_->refresh_views();
  const QCPGraph* ready = window_->plot_panel()->graph("pods/hello-00001 ready");
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->data()->size(), static_cast<int>(run.data().revision("hello-00001")->size()));
  EXPECT_LE(ready->data()->at(ready->data()->size() - 1)->key, t2);
  // Paused: time does not move on its own.
  QThread::msleep(300);
  QCoreApplication::processEvents();
  EXPECT_DOUBLE_EQ(run.data().last_t(), t2);
  // Run at high speed, then pause.
  window_->set_speed(100);
  window_->run();
  for (int i = 0; i < 30; ++i) {  // let it play ~0.3 s of wall time (30 simulated seconds at 100x)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    QThread::msleep(10);
  }
  window_->pause();
  for (int i = 0; i < 300 && !(run.data().paused() && run.data().last_t() > t2); ++i) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(10);
  }
  EXPECT_TRUE(run.data().paused());
  EXPECT_GT(run.data().last_t(), t2);
  run.quit();
  run.wait_until_finished(30000);
}

TEST_F(WindowWithKnsim, WhatIfWithASmallerTargetUsesMorePods) {
  run_baseline_to_end();
  window_->what_if_panel()->set_value("target", "2");
  ASSERT_TRUE(window_->what_if_panel()->valid());
  window_->rerun_what_if();
  ASSERT_TRUE(window_->what_if().wait_until_finished(300000));
  ASSERT_TRUE(window_->what_if().data().done()) << window_->what_if().stderr_text().toStdString();
  window_->refresh_views();
  const auto base = *window_->baseline().data().summary();
  const auto alt = *window_->what_if().data().summary();
  EXPECT_GT(summary_value(alt, "pods_max"), summary_value(base, "pods_max"))
      << "target 2 in flight per pod instead of 7 needs more pods";
  EXPECT_GT(summary_value(alt, "pod_seconds"), summary_value(base, "pod_seconds"));
  EXPECT_NE(window_->plot_panel()->graph("pods/hello-00001 ready (what-if)"), nullptr);
  const auto rows = summary_rows(base, alt);
  EXPECT_NE(rows[0].baseline, rows[0].what_if) << "cost (pod-seconds) differs side by side";
}

// Writes into the build tree, so a test run never changes tracked files; scripts/update_screenshots.sh
// points KNSIM_SCREENSHOT_DIR at docs/screenshots to refresh the README's pictures.
TEST_F(WindowWithKnsim, ScreenshotsForTheReadme) {
  const char* env_dir = std::getenv("KNSIM_SCREENSHOT_DIR");
  const std::filesystem::path dir = env_dir ? std::filesystem::path(env_dir) : test::binary_dir() / "screenshots";
  std::filesystem::create_directories(dir);
  ScreenshotScript script;
  script.run_to_end = true;
  script.screenshot = QString::fromStdString((dir / "knsim-gui-default.png").string());
  script.cursor = 70;
  script.tab = "explain";
  ASSERT_EQ(run_script(*window_, script), 0);
  ScreenshotScript what_if = script;
  what_if.what_if = {"stable-window=20s", "scale-down-delay=30s"};
  what_if.tab = "what-if";
  what_if.screenshot = QString::fromStdString((dir / "knsim-gui-what-if.png").string());
  ASSERT_EQ(run_script(*window_, what_if), 0);
  EXPECT_FALSE(QImage(what_if.screenshot).isNull());
}

}  // namespace
}  // namespace knsim::gui
