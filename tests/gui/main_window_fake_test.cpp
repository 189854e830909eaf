// The whole window against the fake stream player (tests/data/gui/fake_knsim.sh replays
// canary.jsonl): plotted series equal the run's timeseries.csv, step and pause, the what-if rerun's
// arguments, errors with file and line, the explain panel, exports and the scripted screenshot.
#include <qcustomplot.h>

#include <QComboBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <cmath>

#include "gui/explain_panel.hpp"
#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/scenario_panel.hpp"
#include "gui/screenshot_script.hpp"
#include "gui/whatif_panel.hpp"
#include "tests/gui/gui_test_support.hpp"
#include "tests/gui/plot_compare.hpp"

namespace knsim::gui {
namespace {

class WindowWithFake : public ::testing::Test {
 protected:
  void SetUp() override {
    test::gui_app();
    window_ = std::make_unique<MainWindow>();
    window_->set_knsim_program(test::fake_knsim());
    ASSERT_TRUE(window_->open_scenario(test::fixture_scenario())) << window_->scenario_panel()->problems().join("\n").toStdString();
  }
  std::unique_ptr<MainWindow> window_;
};

TEST_F(WindowWithFake, RunToEndPlotsEqualTheTimeSeries) {
  window_->set_speed(0);
  window_->run_to_end();
  ASSERT_TRUE(window_->baseline().wait_until_finished(30000));
  ASSERT_TRUE(window_->baseline().data().done());
  window_->refresh_views();
  const auto csv = test::read_timeseries_csv(window_->baseline().options().out_dir.toStdString() + "/timeseries.csv");
  expect_plots_equal_csv(*window_->plot_panel(), csv, 1.0);
  const QCPGraph* node = window_->plot_panel()->graph("nodes/worker-0 pods");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->data()->size(), 60);
  EXPECT_EQ(window_->what_if_panel()->summary_table()->item(0, 1)->text(), "160") << "pod-seconds 110 + 50";
}

TEST_F(WindowWithFake, StepAdvancesOneTickAndPauses) {
  window_->step();
  RunController& run = window_->baseline();
  auto wait_paused_at = [&](double t) {
    for (int i = 0; i < 200 && !(run.data().paused() && run.data().last_t() >= t); ++i) {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
      QThread::msleep(10);
    }
    return run.data().paused() && run.data().last_t() == t;
  };
  ASSERT_TRUE(wait_paused_at(2)) << "t=" << run.data().last_t();
  window_->refresh_views();
  EXPECT_EQ(window_->plot_panel()->graph("pods/hello-00001 ready")->data()->size(), 2) << "samples at 1 s and 2 s";
  window_->step();
  ASSERT_TRUE(wait_paused_at(4));
  window_->refresh_views();
  EXPECT_EQ(window_->plot_panel()->graph("pods/hello-00001 ready")->data()->size(), 4);
  EXPECT_EQ(run.command_log(), (QStringList{"speed 10", "step 2", "step 2"}));
  window_->pause();
  window_->run_to_end();
  ASSERT_TRUE(run.wait_until_finished(30000));
  EXPECT_TRUE(run.data().done());
}

TEST_F(WindowWithFake, WhatIfRerunPassesSetsAndShowsBothSummaries) {
  window_->set_speed(0);
  window_->run_to_end();
  ASSERT_TRUE(window_->baseline().wait_until_finished(30000));
  WhatIfPanel* panel = window_->what_if_panel();
  panel->set_value("stable-window", "5s");
  EXPECT_FALSE(panel->valid()) << "Knative: stable-window must be in [6s, 1h]";
  panel->set_value("stable-window", "30s");
  panel->set_value("target", "4");
  ASSERT_TRUE(panel->valid());
  window_->rerun_what_if();
  ASSERT_TRUE(window_->what_if().wait_until_finished(30000));
  const QStringList args = window_->what_if().options().sets;
  EXPECT_EQ(args, (QStringList{"hello.autoscaling.knative.dev/target=4", "config-autoscaler.stable-window=30s"}));
  EXPECT_EQ(window_->what_if().options().scenario, test::fixture_scenario()) << "no copy needed for --set edits";
  QFile written(window_->what_if().options().out_dir + "/args.txt");
  ASSERT_TRUE(written.open(QIODevice::ReadOnly));
  EXPECT_TRUE(written.readAll().contains("--set\nhello.autoscaling.knative.dev/target=4\n"))
      << "the child got the --set arguments";
  window_->refresh_views();
  EXPECT_NE(window_->plot_panel()->graph("pods/hello-00001 ready (what-if)"), nullptr) << "overlay";
  EXPECT_EQ(panel->summary_table()->item(0, 2)->text(), "160");
}

TEST_F(WindowWithFake, LoadSwapAndContainerConcurrencyGoThroughAnEditedCopy) {
  WhatIfPanel* panel = window_->what_if_panel();
  panel->set_load(0, "poisson", "abc");
  EXPECT_FALSE(panel->valid()) << "a rate must be a number";
  panel->set_load(0, "poisson", "42");
  panel->set_value("containerConcurrency", "3");
  ASSERT_TRUE(panel->valid());
  window_->rerun_what_if();
  ASSERT_TRUE(window_->what_if().wait_until_finished(30000));
  const QString copy = window_->what_if().options().scenario;
  ASSERT_TRUE(copy.endsWith("what-if-scenario.yaml"));
  manifests::Diagnostics diags;
  const auto bundle = manifests::load_scenario(copy.toStdString(), diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_EQ(bundle.scenario.workloads.at(0).arrivals.kind, models::ArrivalSpec::Kind::kPoisson);
  EXPECT_DOUBLE_EQ(bundle.scenario.workloads.at(0).arrivals.rate, 42);
  EXPECT_EQ(bundle.manifests.services.at(0).object.spec.configuration.revision_template.spec.container_concurrency, 3);
}

TEST_F(WindowWithFake, InvalidScenarioErrorsShowFileAndLine) {
  QTemporaryDir dir;
  const QString bad = dir.filePath("bad.yaml");
  QFile f(bad);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("apiVersion: knsim.dev/v1alpha1\nkind: Scenario\nspec:\n  duration: 60\n# INVALID\n");
  f.close();
  EXPECT_FALSE(window_->open_scenario(bad));
  const QStringList problems = window_->scenario_panel()->problems();
  ASSERT_FALSE(problems.isEmpty());
  EXPECT_TRUE(problems.join("\n").contains("bad.yaml:")) << problems.join("\n").toStdString();
  window_->run_to_end();
  window_->baseline().wait_until_finished(30000);
  EXPECT_TRUE(window_->scenario_panel()->problems().join("\n").contains("bad.yaml:3: spec.duration"))
      << "the child's error line is listed too";
}

TEST_F(WindowWithFake, ExplainPanelFollowsTheCursorAndFilters) {
  window_->set_speed(0);
  window_->run_to_end();
  ASSERT_TRUE(window_->baseline().wait_until_finished(30000));
  window_->refresh_views();
  ExplainPanel* explain = window_->explain_panel();
  window_->set_cursor(16);
  const QString html = explain->decision_html();
  EXPECT_TRUE(html.contains("hello-00001")) << html.toStdString();
  EXPECT_TRUE(html.contains("panic: observed panic concurrency")) << "the rule that decided at t=16";
  EXPECT_TRUE(html.contains("excess burst capacity &lt; 0") || html.contains("excess burst capacity < 0"))
      << "why the mode is Proxy";
  const int all = explain->visible_event_count();
  explain->kind_filter()->setCurrentText("mode_switch");
  EXPECT_EQ(explain->visible_event_count(), 2);
  explain->kind_filter()->setCurrentIndex(0);
  explain->revision_filter()->setCurrentText("hello-00002");
  EXPECT_LT(explain->visible_event_count(), all);
  QTableWidget* table = explain->event_table();
  ASSERT_FALSE(table->selectedItems().isEmpty()) << "the list follows the cursor";
  EXPECT_LE(table->item(table->selectedItems().first()->row(), 0)->data(Qt::UserRole).toDouble(), 16.0);
}

TEST_F(WindowWithFake, ExportsPlotsOutputsAndScenario) {
  window_->set_speed(0);
  window_->run_to_end();
  ASSERT_TRUE(window_->baseline().wait_until_finished(30000));
  window_->refresh_views();
  QTemporaryDir dir;
  EXPECT_EQ(window_->export_plots(dir.filePath("plots")), "");
  EXPECT_TRUE(QFile::exists(dir.filePath("plots/01_pods_per_revision.png")));
  EXPECT_TRUE(QFile::exists(dir.filePath("plots/01_pods_per_revision.pdf")));
  EXPECT_EQ(QDir(dir.filePath("plots")).entryList(QDir::Files).size(), 14) << "7 plots x PNG + PDF";
  EXPECT_EQ(window_->export_outputs(dir.filePath("out")), "");
  EXPECT_TRUE(QFile::exists(dir.filePath("out/timeseries.csv")));
  window_->what_if_panel()->set_value("stable-window", "30s");
  EXPECT_EQ(window_->export_scenario(dir.filePath("edited.yaml")), "");
  QFile edited(dir.filePath("edited.yaml"));
  ASSERT_TRUE(edited.open(QIODevice::ReadOnly));
  EXPECT_TRUE(edited.readAll().contains("stable-window: \"30s\"")) << "ConfigMap data stays a string";
}

TEST_F(WindowWithFake, ScriptedScreenshot) {
  QTemporaryDir dir;
  ScreenshotScript script;
  script.run_to_end = true;
  script.screenshot = dir.filePath("shot.png");
  script.size = "1200x900";
  EXPECT_EQ(run_script(*window_, script), 0);
  QImage image(script.screenshot);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.width(), 1200);
  EXPECT_DOUBLE_EQ(window_->plot_panel()->cursor(), 30) << "the middle of the 60 s run";
}

}  // namespace
}  // namespace knsim::gui
