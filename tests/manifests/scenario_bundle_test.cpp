// load_scenario over whole fixtures: folders, JSON, ConfigMaps (typed, errors at data.<key>),
// kinds knsim does not simulate, duplicates, and robustness on hostile input.
#include "manifests/scenario_bundle.hpp"

#include <gtest/gtest.h>

#include "manifests/bundle_summary.hpp"
#include "manifests/knative_defaults.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::fixture;
using testing::has_diag;

TEST(ScenarioBundle, LoadsAFolderInNameOrderWithJson) {
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(fixture("good/folder"), diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  ASSERT_EQ(b.files.size(), 3u);
  EXPECT_TRUE(b.files[0].ends_with("10-service.yaml"));
  EXPECT_TRUE(b.files[1].ends_with("20-config.json"));
  EXPECT_EQ(b.base_dir, fixture("good/folder"));
  EXPECT_EQ(b.scenario.name, "folder");
  EXPECT_FALSE(b.configs.autoscaler.enable_scale_to_zero);
  EXPECT_EQ(b.configs.autoscaler.max_scale_up_rate, 10.0);
  EXPECT_EQ(b.scenario.cluster.node_pools[0].memory_bytes, 64ull << 30);
  EXPECT_EQ(b.scenario.cluster.node_pools[0].speed, 1.5);
  const auto& req = b.scenario.workloads[0].request;
  EXPECT_EQ(req.cpu.kind, models::DistributionSpec::Kind::kUniform);
  EXPECT_EQ(req.cpu.max, 0.015);
  ASSERT_EQ(req.wait.quantiles.size(), 3u);
  EXPECT_EQ(req.wait.quantiles[1].first, 0.5);
  EXPECT_EQ(req.wait.quantiles[1].second, 0.010);
  EXPECT_EQ(b.scenario.workloads[0].arrivals.kind, models::ArrivalSpec::Kind::kRamp);
  EXPECT_EQ(b.scenario.workloads[0].arrivals.over, 120.0);
  const std::string summary = summarize(b);
  EXPECT_NE(summary.find("settings that differ from Knative defaults:\n"
                         "  config-autoscaler enable-scale-to-zero: false (default true)\n"
                         "  config-autoscaler max-scale-up-rate: 10 (default 1000)\n"
                         "(1 ConfigMap key set to the default)\n"),
            std::string::npos) << summary;
}

TEST(ScenarioBundle, SameSettingComparesMeaning) {
  EXPECT_TRUE(same_setting("1m", "60s"));
  EXPECT_TRUE(same_setting(" 2.0 ", "2"));
  EXPECT_TRUE(same_setting("True", "true"));
  EXPECT_FALSE(same_setting("30s", "60s"));
  EXPECT_FALSE(same_setting("-1", "211"));
  EXPECT_EQ(knative_default("config-autoscaler", "stable-window"), "60s");
  EXPECT_FALSE(knative_default("config-autoscaler", "no-such-key").has_value());
}

TEST(ScenarioBundle, ConfigMapProblemsAreAtTheirDataKey) {
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(fixture("bad/configmaps.yaml"), diags);
  EXPECT_TRUE(has_diag(diags, 7, "data.container-concurrency-target-default",
                       "ConfigMap data values must be strings: quote the value (\"100\")"));
  EXPECT_TRUE(has_diag(diags, 9, "data.panic-window-percentage",
                       "panic-window-percentage = 500, must be in [1, 100] interval"));
  EXPECT_TRUE(has_diag(diags, 10, "data.enable-scale-to-zero",
                       "failed to parse data: strconv.ParseBool: parsing \"maybe\": invalid syntax"));
  EXPECT_TRUE(has_diag(diags, 12, "metadata.name", "ConfigMap knative-serving/config-autoscaler is defined twice"));
  EXPECT_TRUE(has_diag(diags, 25, "data.rollout-duration", "rollout-duration must be a non-negative value, was: -5"));
  EXPECT_TRUE(has_diag(diags, 27, "metadata.name", "ConfigMap default/my-app-settings is not read by knsim", true));
  EXPECT_TRUE(has_diag(diags, 35, "kind", "unknown kind Deployment (apps/v1): ignored", true));
  EXPECT_TRUE(has_diag(diags, 39, "apiVersion", "missing required field"));
  EXPECT_TRUE(has_diag(diags, 44, "kind", "Channel (messaging.knative.dev/v1) is recognised but not simulated yet",
                       true));
  EXPECT_EQ(diags.error_count(), 6u) << diags.to_string();
  EXPECT_EQ(b.warnings.size(), 3u);
  EXPECT_EQ(b.configs.autoscaler.stable_window, 60.0);  // "1m" parsed
}

TEST(ScenarioBundle, MisspeltConfigMapKeysAreWarned) {
  const std::string text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-autoscaler, namespace: knative-serving}\n"
      "data:\n  stable-windw: \"30s\"\n  _example: \"long text\"\n  scale-down-delay: \"10s\"\n";
  Diagnostics diags;
  const auto set = parse_manifests(text, "c.yaml", ".", KnativeConfigs{}, diags);
  const KnativeConfigs configs = read_knative_configs(set.config_maps, diags);
  EXPECT_TRUE(has_diag(diags, 5, "data.stable-windw", "unknown key (did you mean \"stable-window\"?)", true))
      << diags.to_string();
  EXPECT_EQ(diags.warning_count(), 1u) << diags.to_string();
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(configs.autoscaler.stable_window, 60.0);  // the misspelt key has no effect
  EXPECT_EQ(configs.autoscaler.scale_down_delay, 10.0);
}

// The eventing kinds knsim does not simulate (Broker, Trigger, InMemoryChannel, Subscription,
// PingSource, ContainerSource, SinkBinding, ApiServerSource, Sequence, Parallel are simulated:
// tests/manifests/eventing_manifest_test.cpp).
TEST(ScenarioBundle, EventingKindsAreWarningsNotErrors) {
  const char* kinds[][2] = {{"messaging.knative.dev/v1", "Channel"},
                            {"eventing.knative.dev/v1", "EventType"}};
  for (const auto& k : kinds) {
    const std::string text = std::string("apiVersion: ") + k[0] + "\nkind: " + k[1] + "\nmetadata: {name: x}\n";
    Diagnostics diags;
    const ManifestSet set = parse_manifests(text, "e.yaml", ".", KnativeConfigs{}, diags);
    EXPECT_FALSE(diags.has_errors()) << k[1];
    EXPECT_TRUE(has_diag(diags, 2, "kind", std::string(k[1]) + " (" + k[0] + ") is recognised", true)) << k[1];
    ASSERT_EQ(set.unmodelled.size(), 1u);
    EXPECT_EQ(set.unmodelled[0].kind, k[1]);
  }
}

TEST(ScenarioBundle, DuplicateServicesAreErrors) {
  const std::string svc = "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: a}\n"
                          "spec: {template: {spec: {containers: [{image: x}]}}}\n";
  Diagnostics diags;
  parse_manifests(svc + "---\n" + svc, "d.yaml", ".", KnativeConfigs{}, diags);
  EXPECT_TRUE(has_diag(diags, 6, "metadata.name", "Service default/a is defined twice (first at d.yaml:1)"))
      << diags.to_string();
}

// An apply that changes a template but keeps its BYO revision name (RevisionTemplateSpec.VerifyNameChange).
TEST(ScenarioBundle, UpdateMustChangeTheByoRevisionName) {
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(fixture("bad/byo-name-update.yaml"), diags);
  EXPECT_TRUE(has_diag(diags, 17, "spec.template.metadata.name",
                       "Saw the following changes without a name change (-old +new)"))
      << diags.to_string();
  EXPECT_EQ(diags.error_count(), 1u);
  ASSERT_EQ(b.timeline_applies.size(), 1u);
  EXPECT_EQ(b.timeline_applies[0].services.size(), 1u);
}

TEST(ScenarioBundle, MissingPathAndEmptyFolder) {
  Diagnostics missing;
  load_scenario(testing::scratch_dir() / "nope.yaml", missing);
  ASSERT_EQ(missing.error_count(), 1u);
  EXPECT_EQ(missing.items()[0].message, "no such file or folder");
  std::filesystem::create_directories(testing::scratch_dir() / "empty");
  Diagnostics empty;
  load_scenario(testing::scratch_dir() / "empty", empty);
  EXPECT_TRUE(has_diag(empty, 0, "", "no *.yaml, *.yml or *.json files in the folder"));
}

// Hostile inputs: each must produce diagnostics (or none) and never throw or crash.
TEST(ScenarioBundle, HostileInputNeverCrashes) {
  const std::string inputs[] = {
      "",
      "---\n---\n",
      "[1, 2, 3]\n",
      "apiVersion: 7\nkind: [Service]\n",
      "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: 5\nspec: [1]\n",
      "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: {a: b}}\nspec: {template: 1, traffic: [1, [2]]}\n",
      "apiVersion: knsim.dev/v1alpha1\nkind: Scenario\nspec: 42\n",
      "apiVersion: knsim.dev/v1alpha1\nkind: Scenario\nspec: {duration: [1], cluster: {nodePools: {a: 1}}, workloads: 3, timeline: {x: 1}}\n",
      "apiVersion: knsim.dev/v1alpha1\nkind: Scenario\nspec: {duration: 99999999999999999999999999999h, seed: 1e400}\n",
      "a: &x [*x]\n",
      "a: &a [1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
      std::string(5000, '[') + std::string(5000, ']'),
      "key: \"\xff\xfe\xfd bad utf8\"\n\xc3\x28: 1\n",
      "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"config-autoscaler\", "
      "\"namespace\": \"knative-serving\"}, \"data\": {\"stable-window\": [1]}}\n",
      "apiVersion: knsim.dev/v1alpha1\nkind: Scenario\nspec:\n  duration: 1m\n  cluster: {nodePools: [{}]}\n"
      "  timeline: [{at: 1s, apply: {kind: List, apiVersion: v1, items: [1, {kind: Service}]}}]\n",
      "\t\tbad: indentation\n  - x\n: y\n",
  };
  std::size_t i = 0;
  for (const std::string& in : inputs) {
    const auto path = testing::write_file("hostile" + std::to_string(i++) + ".yaml", in);
    Diagnostics diags;
    EXPECT_NO_THROW(load_scenario(path, diags)) << in.substr(0, 80);
    EXPECT_TRUE(diags.has_errors()) << in.substr(0, 80);
  }
}

TEST(ScenarioBundle, SummaryNamesServicesTrafficWorkloadsAndSettings) {
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(fixture("good/canary.yaml"), diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  const std::string s = summarize(b);
  EXPECT_NE(s.find("scenario canary-70-30: duration 30m0s, seed 42"), std::string::npos) << s;
  EXPECT_NE(s.find("default/hello: revision hello-v2; traffic hello-v1 70%, @latest 30% (tag canary)"),
            std::string::npos) << s;
  EXPECT_NE(s.find("node pools: worker x3 (8 cpu, 32Gi, speed 1)"), std::string::npos) << s;
  EXPECT_NE(s.find("web -> default/hello: poisson 50/s"), std::string::npos) << s;
  EXPECT_NE(s.find("config-autoscaler stable-window: 30s"), std::string::npos) << s;
  EXPECT_NE(s.find("at 16m0s: failNode worker-1"), std::string::npos) << s;
}

}  // namespace
}  // namespace knsim::manifests
