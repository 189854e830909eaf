// Knative's webhook rules on real manifests: one manifest per rule (defaulting then validation by
// core/serving), each with the exact line, field path and Knative's message.
#include <gtest/gtest.h>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;

struct RuleCase {
  const char* name;
  const char* manifest;
  int line;
  const char* field;
  const char* message;
};

const RuleCase kRules[] = {
    {"sum90",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "  traffic:\n"
       "    - revisionName: hello-00001\n"
       "      percent: 60\n"
       "    - latestRevision: true\n"
       "      percent: 30\n"
       "",
       10, "spec.traffic", "Traffic targets sum to 90, want 100"},
    {"neither",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Route\n"
       "metadata:\n"
       "  name: r\n"
       "spec:\n"
       "  traffic:\n"
       "    - percent: 100\n"
       "",
       7, "spec.traffic[0].revisionName, spec.traffic[0].configurationName", "expected exactly one, got neither"},
    {"both",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Route\n"
       "metadata:\n"
       "  name: r\n"
       "spec:\n"
       "  traffic:\n"
       "    - percent: 100\n"
       "      revisionName: a-00001\n"
       "      configurationName: a\n"
       "",
       8, "spec.traffic[0].revisionName, spec.traffic[0].configurationName", "expected exactly one, got both"},
    {"noimage",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - name: c\n"
       "",
       9, "spec.template.spec.containers[0].image", "missing field(s)"},
    {"dns",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: Hello_World\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "",
       4, "metadata.name", "not a DNS 1035 label"},
    {"byo",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    metadata:\n"
       "      name: other-v1\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "",
       8, "spec.template.metadata.name", "invalid value: \"other-v1\" must have prefix \"hello-\""},
    {"svcann",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "  annotations:\n"
       "    autoscaling.knative.dev/min-scale: \"1\"\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "",
       5, "metadata.annotations", "invalid key name \"autoscaling.knative.dev/min-scale\""},
    {"minmax",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    metadata:\n"
       "      annotations:\n"
       "        autoscaling.knative.dev/min-scale: \"5\"\n"
       "        autoscaling.knative.dev/max-scale: \"2\"\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "",
       10, "spec.template.metadata.annotations.autoscaling.knative.dev/max-scale", "max-scale=2 is less than min-scale=5"},
    {"envport",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "          env:\n"
       "            - name: PORT\n"
       "              value: \"9\"\n"
       "",
       11, "spec.template.spec.containers[0].env[0].name", "\"PORT\" is a reserved environment variable"},
    {"rollout",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Route\n"
       "metadata:\n"
       "  name: r\n"
       "  annotations:\n"
       "    serving.knative.dev/rollout-duration: \"-5s\"\n"
       "spec:\n"
       "  traffic:\n"
       "    - configurationName: c\n"
       "      percent: 100\n"
       "",
       6, "metadata.annotations.serving.knative.dev/rollout-duration", "rollout-duration=-5s must be positive"},
    {"url",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Route\n"
       "metadata:\n"
       "  name: r\n"
       "spec:\n"
       "  traffic:\n"
       "    - configurationName: c\n"
       "      percent: 100\n"
       "      url: http://x\n"
       "",
       9, "spec.traffic[0].url", "must not set the field(s)"},
    {"badtag",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Route\n"
       "metadata:\n"
       "  name: r\n"
       "spec:\n"
       "  traffic:\n"
       "    - configurationName: c\n"
       "      percent: 100\n"
       "      tag: Not_A_Label\n"
       "",
       9, "spec.traffic[0].tag", "invalid value: not a DNS 1035 label"},
    {"cpulimit",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "          resources:\n"
       "            requests: {cpu: \"2\"}\n"
       "            limits: {cpu: \"1\"}\n"
       "",
       11, "spec.template.spec.containers[0].resources.requests.cpu", "must be less than or equal to cpu limit of 1"},
    {"confnotemplate",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Configuration\n"
       "metadata:\n"
       "  name: c\n"
       "spec: {}\n"
       "",
       5, "spec.template.spec.containers", "missing field(s)"},
    {"noname",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  namespace: default\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "",
       3, "metadata.name", "name or generateName is required"},
    {"twocontainers",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containers:\n"
       "        - image: x\n"
       "          ports: [{containerPort: 8080}]\n"
       "        - image: y\n"
       "          ports: [{containerPort: 8081}]\n"
       "",
       8, "spec.template.spec.containers[*].ports", "more than one container port is set"},
    {"reservedport",
       "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\nspec:\n"
       "  template:\n    spec:\n      containers:\n        - image: x\n          ports: [{containerPort: 8012}]\n",
       9, "spec.template.spec.containers[0].ports.containerPort", "invalid value: 8012 is a reserved port"},
    {"negcc",
       "apiVersion: serving.knative.dev/v1\n"
       "kind: Service\n"
       "metadata:\n"
       "  name: hello\n"
       "spec:\n"
       "  template:\n"
       "    spec:\n"
       "      containerConcurrency: -1\n"
       "      containers:\n"
       "        - image: x\n"
       "",
       8, "spec.template.spec.containerConcurrency", "expected 0 <= -1 <= 1000"},
};

TEST(KnativeValidation, EveryRuleReportsItsLineFieldAndMessage) {
  for (const RuleCase& c : kRules) {
    Diagnostics diags;
    parse_manifests(c.manifest, std::string(c.name) + ".yaml", ".", KnativeConfigs{}, diags);
    EXPECT_TRUE(has_diag(diags, c.line, c.field, c.message))
        << c.name << ": want " << c.line << ": " << c.field << ": " << c.message << "\ngot:\n" << diags.to_string();
    EXPECT_EQ(diags.error_count(), 1u) << c.name << "\n" << diags.to_string();
  }
}

// The example of the issue: a traffic split summing to 90 inside a multi-document file.
TEST(KnativeValidation, TrafficSumIsReportedAtItsFileLine) {
  const std::string text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-gc, namespace: knative-serving}\n---\n"
      "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\nspec:\n"
      "  template:\n    spec:\n      containers:\n        - image: x\n"
      "  traffic:\n    - {revisionName: hello-00001, percent: 60}\n    - {latestRevision: true, percent: 30}\n";
  Diagnostics diags;
  parse_manifests(text, "hello.yaml", ".", KnativeConfigs{}, diags);
  ASSERT_EQ(diags.error_count(), 1u) << diags.to_string();
  EXPECT_EQ(format_diagnostic(diags.items()[0]), "hello.yaml:14: spec.traffic: Traffic targets sum to 90, want 100");
}

TEST(KnativeValidation, DefaultingFillsRevisionSpecFromConfigDefaults) {
  const std::string text =
      "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\n"
      "spec: {template: {spec: {containers: [{image: x}]}}}\n";
  KnativeConfigs configs;
  configs.defaults.revision_timeout_seconds = 120;
  configs.defaults.container_concurrency = 7;
  Diagnostics diags;
  const ManifestSet set = parse_manifests(text, "d.yaml", ".", configs, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  ASSERT_EQ(set.services.size(), 1u);
  const auto& spec = set.services[0].object.spec;
  EXPECT_EQ(spec.configuration.revision_template.spec.timeout_seconds, 120);
  EXPECT_EQ(spec.configuration.revision_template.spec.container_concurrency, 7);
  EXPECT_EQ(spec.configuration.revision_template.spec.containers[0].name, "user-container");
  ASSERT_EQ(spec.route.traffic.size(), 1u);  // no traffic: 100% to the latest revision
  EXPECT_EQ(spec.route.traffic[0].latest_revision, true);
  EXPECT_EQ(spec.route.traffic[0].percent, 100);
  EXPECT_EQ(set.services[0].where.line, 1);
}

TEST(KnativeValidation, ValidationUsesTheScenarioConfigMaps) {
  // container-concurrency-max-limit 50 in config-defaults makes containerConcurrency 80 invalid.
  const std::string text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-defaults, namespace: knative-serving}\n"
      "data:\n  container-concurrency-max-limit: \"50\"\n---\n"
      "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\n"
      "spec:\n  template:\n    spec:\n      containerConcurrency: 80\n      containers: [{image: x}]\n"
      "---\napiVersion: knsim.dev/v1alpha1\nkind: Scenario\nspec: {duration: 1m, cluster: {nodePools: [{}]}}\n";
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(testing::write_file("cc.yaml", text), diags);
  EXPECT_TRUE(has_diag(diags, 13, "spec.template.spec.containerConcurrency", "expected 0 <= 80 <= 50"))
      << diags.to_string();
  EXPECT_EQ(b.configs.defaults.container_concurrency_max_limit, 50);
}

struct TypeCase {
  const char* name;
  const char* spec;  // the Service's spec, starting on line 4
  int line;
  const char* field;
  const char* message;
};

// Decoding errors the API server would give (before Knative's rules).
TEST(KnativeValidation, WrongTypesAreReportedAtTheirField) {
  const TypeCase cases[] = {
      {"percent_text", "spec:\n  traffic: [{latestRevision: true, percent: ten}]\n", 5, "spec.traffic[0].percent",
       "must be an integer, got \"ten\""},
      {"traffic_map", "spec:\n  traffic: {percent: 100}\n", 5, "spec.traffic", "must be a list, got a mapping"},
      {"containers_scalar", "spec:\n  template: {spec: {containers: nginx}}\n", 5, "spec.template.spec.containers",
       "must be a list, got \"nginx\""},
      {"unknown_container_field", "spec:\n  template: {spec: {containers: [{image: x, imagePolicy: Always}]}}\n", 5,
       "spec.template.spec.containers[0].imagePolicy", "unknown field \"imagePolicy\""},
      {"unknown_spec_field", "spec:\n  templates: {}\n", 5, "spec.templates",
       "unknown field \"templates\" (did you mean \"template\"?)"},
      {"latest_text", "spec:\n  traffic: [{latestRevision: yes, percent: 100}]\n", 5, "spec.traffic[0].latestRevision",
       "must be true or false, got \"yes\""},
      {"cc_huge", "spec:\n  template: {spec: {containerConcurrency: 99999999999, containers: [{image: x}]}}\n", 5,
       "spec.template.spec.containerConcurrency", "integer out of range"},
      {"bad_cpu", "spec:\n  template: {spec: {containers: [{image: x, resources: {requests: {cpu: lots}}}]}}\n", 5,
       "spec.template.spec.containers[0].resources.requests.cpu", "quantities must match the regular expression"},
      {"annotation_number",
       "spec:\n  template:\n    metadata: {annotations: {autoscaling.knative.dev/min-scale: 2}}\n"
       "    spec: {containers: [{image: x}]}\n",
       6, "spec.template.metadata.annotations.autoscaling.knative.dev/min-scale",
       "must be a string: quote the value (\"2\")"},
  };
  for (const TypeCase& c : cases) {
    const std::string text = std::string("apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\n") + c.spec;
    Diagnostics diags;
    parse_manifests(text, std::string(c.name) + ".yaml", ".", KnativeConfigs{}, diags);
    EXPECT_TRUE(has_diag(diags, c.line, c.field, c.message))
        << c.name << ": want " << c.line << ": " << c.field << ": " << c.message << "\ngot:\n" << diags.to_string();
  }
}

}  // namespace
}  // namespace knsim::manifests
