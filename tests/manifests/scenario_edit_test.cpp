// The edited scenario copy (what-if load and settings, "Export edited scenario") is a valid
// scenario that knsim reads back with the edits applied.
#include "manifests/scenario_edit.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "manifests/scenario_bundle.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::manifests {
namespace {

namespace fs = std::filesystem;

ScenarioBundle load(const fs::path& p) {
  Diagnostics diags;
  auto b = load_scenario(p, diags);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  return b;
}

TEST(ScenarioEdit, LoadSettingsAndAnnotationsReadBack) {
  const fs::path out = fs::temp_directory_path() / "knsim_scenario_edit_test.yaml";
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

TEST(ScenarioEdit, TraceLoadIsAbsoluteAndKeepsRunning) {
  const fs::path out = fs::temp_directory_path() / "knsim_scenario_edit_trace.yaml";
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

TEST(ScenarioEdit, ReportsUnreadableInput) {
  EXPECT_NE(write_edited_scenario("/nonexistent/x.yaml", "/tmp/knsim_scenario_edit_never.yaml", {}), "");
}

// A folder is read with the loader's rule: *.yaml, *.yml and *.json in name order (a JSON
// ConfigMap counts), so the copy runs what the folder runs.
TEST(ScenarioEdit, FolderIsReadLikeTheLoaderReadsIt) {
  const fs::path dir = fs::temp_directory_path() / "knsim_scenario_edit_folder";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(test::source_dir() / "tests/data/gui/canary.yaml", dir / "a-canary.yaml");
  std::ofstream(dir / "b-defaults.json")
      << R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "config-defaults", )"
      << R"("namespace": "knative-serving"}, "data": {"revision-timeout-seconds": "90"}})";
  std::ofstream(dir / "notes.txt") << "not a manifest";
  const fs::path out = fs::temp_directory_path() / "knsim_scenario_edit_folder.yaml";
  ScenarioEdits edits;
  edits.config_maps["config-defaults"]["container-concurrency"] = "4";
  ASSERT_EQ(write_edited_scenario(dir.string(), out.string(), edits), "");
  const auto b = load(out);
  EXPECT_EQ(b.configs.defaults.revision_timeout_seconds, 90) << "the JSON file was read";
  EXPECT_EQ(b.configs.defaults.container_concurrency, 4) << "and edited, not added a second time";
  EXPECT_DOUBLE_EQ(b.configs.autoscaler.stable_window, 60);
  fs::remove_all(dir);
  fs::remove(out);
}

TEST(ScenarioEdit, SyntaxErrorNamesFileAndLine) {
  const fs::path bad = fs::temp_directory_path() / "knsim_scenario_edit_bad.yaml";
  std::ofstream(bad) << "apiVersion: v1\nkind: ConfigMap\ndata: {a: [1, 2\n";
  const std::string error = write_edited_scenario(bad.string(), "/tmp/knsim_scenario_edit_never.yaml", {});
  EXPECT_NE(error.find("knsim_scenario_edit_bad.yaml:"), std::string::npos) << error;
  EXPECT_NE(error.find("YAML syntax error"), std::string::npos) << error;
  fs::remove(bad);
}

}  // namespace
}  // namespace knsim::manifests
