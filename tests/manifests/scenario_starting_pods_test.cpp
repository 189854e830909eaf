// The Scenario annotation knsim.dev/starting-pods (written by `knsim cluster import` / `record`):
// a JSON object {"<namespace>/<revision>": ready pods}; read into ScenarioSpec::starting_pods,
// anything else an error naming the file line and the field.
#include <gtest/gtest.h>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;

// A Service (lines 1-4), then the Scenario; the annotation is on line 10.
std::string scenario_with(const std::string& annotation_yaml) {
  return "apiVersion: serving.knative.dev/v1\n"                       // 1
         "kind: Service\n"                                            // 2
         "metadata: {name: hello}\n"                                  // 3
         "spec: {template: {spec: {containers: [{image: x}]}}}\n"     // 4
         "---\n"                                                      // 5
         "apiVersion: knsim.dev/v1alpha1\n"                           // 6
         "kind: Scenario\n"                                           // 7
         "metadata:\n"                                                // 8
         "  annotations:\n"                                           // 9
         "    knsim.dev/starting-pods: " + annotation_yaml + "\n"     // 10
         "    knsim.dev/imported-from: https://example\n"             // 11
         "spec:\n"
         "  duration: 1m\n"
         "  cluster: {nodePools: [{}]}\n";
}

TEST(ScenarioStartingPods, ReadsTheImportedCounts) {
  const auto path = testing::write_file("ok.yaml", scenario_with(R"('{"demo/hello-00007":3,"demo/hello-00006":0}')"));
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(path, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  const std::map<std::string, std::int32_t> want{{"demo/hello-00006", 0}, {"demo/hello-00007", 3}};
  EXPECT_EQ(b.scenario.starting_pods, want);
}

TEST(ScenarioStartingPods, AbsentIsEmpty) {
  const auto path = testing::write_file("none.yaml", scenario_with("'{}'"));
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(path, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_TRUE(b.scenario.starting_pods.empty());
}

TEST(ScenarioStartingPods, BadValuesNameLineAndField) {
  const struct {
    const char* name;
    const char* yaml;
    const char* message;
  } kCases[] = {
      {"not_json", "'{demo/a: 1'", "must be a JSON object"},
      {"list", "'[1, 2]'", "must be a JSON object"},
      {"negative", R"('{"demo/a": -1}')", "'demo/a': must be a whole number of pods in [0, 10000], got -1"},
      {"too_many", R"('{"demo/a": 10001}')", "got 10001"},
      {"fraction", R"('{"demo/a": 1.5}')", "got 1.5"},
      {"string", R"('{"demo/a": "3"}')", "got \"3\""},
      {"no_namespace", R"('{"a": 1}')", "key 'a' must be <namespace>/<revision>"},
      {"two_slashes", R"('{"x/y/z": 1}')", "key 'x/y/z' must be <namespace>/<revision>"},
  };
  for (const auto& c : kCases) {
    const auto path = testing::write_file(std::string(c.name) + ".yaml", scenario_with(c.yaml));
    Diagnostics diags;
    load_scenario(path, diags);
    EXPECT_TRUE(diags.has_errors()) << c.name;
    EXPECT_TRUE(has_diag(diags, 10, "metadata.annotations.knsim.dev/starting-pods", c.message))
        << c.name << ": want 10: metadata.annotations.knsim.dev/starting-pods: " << c.message << "\ngot:\n"
        << diags.to_string();
  }
}

}  // namespace
}  // namespace knsim::manifests
