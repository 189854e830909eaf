// The edited scenario copy (what-if load and settings, "Export edited scenario") is a valid
// scenario that knsim reads back with the edits applied.
#include "gui/scenario_editor.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "manifests/scenario_bundle.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::gui {
namespace {

namespace fs = std::filesystem;

manifests::ScenarioBundle load(const fs::path& p) {
  manifests::Diagnostics diags;
  auto b = manifests::load_scenario(p, diags);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  return b;
}

TEST(ScenarioEditor, LoadSettingsAndAnnotationsReadBack) {
  const fs::path out = fs::temp_directory_path() / "knsim_gui_editor_test.yaml";
  ScenarioEdits edits;
  edits.load = {0, "poisson", "42", "", ""};
  edits.config_maps["config-autoscaler"]["stable-window"] = "30s";
  edits.config_maps["config-defaults"]["revision-timeout-seconds"] = "120";
  edits.annotations["autoscaling.knative.dev/target"] = "4";
  edits.container_concurrency = "8";
  ASSERT_EQ(write_edited_scenario((test::source_dir() / "tests/data/gui/canary.yaml").string(), out.string(), edits), "");
  const auto b = load(out);
  ASSERT_EQ(b.scenario.workloads.size(), 1u);
  EXPECT_EQ(b.scenario.workloads[0].arrivals.kind, models::ArrivalSpec::Kind::kPoisson);
  EXPECT_DOUBLE_EQ(b.scenario.workloads[0].arrivals.rate, 42);
  EXPECT_DOUBLE_EQ(b.configs.autoscaler.stable_window, 30) << "existing ConfigMap edited";
  EXPECT_EQ(b.configs.defaults.revision_timeout_seconds, 120) << "missing ConfigMap added";
  ASSERT_EQ(b.manifests.services.size(), 1u);
  const auto& tmpl = b.manifests.services[0].object.spec.configuration.revision_template;
  EXPECT_EQ(tmpl.metadata.annotations.at("autoscaling.knative.dev/target"), "4");
  ASSERT_TRUE(tmpl.spec.container_concurrency.has_value());
  EXPECT_EQ(*tmpl.spec.container_concurrency, 8);
  fs::remove(out);
}

TEST(ScenarioEditor, TraceLoadIsAbsoluteAndKeepsRunning) {
  const fs::path out = fs::temp_directory_path() / "knsim_gui_editor_trace.yaml";
  ScenarioEdits edits;
  const fs::path trace = test::source_dir() / "tests/data/gui/trace.csv";
  edits.load = {0, "trace", "", "csv", trace.string()};
  ASSERT_EQ(write_edited_scenario((test::source_dir() / "tests/data/gui/canary.yaml").string(), out.string(), edits), "");
  const auto b = load(out);
  ASSERT_EQ(b.scenario.workloads.size(), 1u);
  EXPECT_EQ(b.scenario.workloads[0].arrivals.kind, models::ArrivalSpec::Kind::kTrace);
  EXPECT_TRUE(fs::path(b.scenario.workloads[0].arrivals.trace.file).is_absolute());
  fs::remove(out);
}

TEST(ScenarioEditor, ReportsUnreadableInput) {
  EXPECT_NE(write_edited_scenario("/nonexistent/x.yaml", "/tmp/knsim_gui_never.yaml", {}), "");
}

}  // namespace
}  // namespace knsim::gui
