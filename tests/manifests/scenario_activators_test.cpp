// spec.cluster.activators: the number of activator pods (default 1); an integer in [1, 1000],
// anything else is an error naming the file line and the field.
#include <gtest/gtest.h>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;

// A Service (lines 1-6), then the Scenario; `activators:` is on line 12 when given.
std::string scenario_with_activators(const std::string& value) {
  std::string s =
      "apiVersion: serving.knative.dev/v1\n"     // 1
      "kind: Service\n"                          // 2
      "metadata: {name: hello}\n"                // 3
      "spec: {template: {spec: {containers: [{image: x}]}}}\n"  // 4
      "---\n"                                    // 5
      "apiVersion: knsim.dev/v1alpha1\n"         // 6
      "kind: Scenario\n"                         // 7
      "metadata: {name: t}\n"                    // 8
      "spec:\n"                                  // 9
      "  duration: 1m\n"                         // 10
      "  cluster:\n"                             // 11
      ;
  if (!value.empty()) s += "    activators: " + value + "\n";  // 12
  s += "    nodePools: [{}]\n";
  return s;
}

TEST(ScenarioActivators, DefaultIsOne) {
  const auto path = testing::write_file("default.yaml", scenario_with_activators(""));
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(path, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_EQ(b.scenario.cluster.activators, 1);
}

TEST(ScenarioActivators, ReadsTheCount) {
  const struct {
    const char* text;
    int want;
  } kCases[] = {{"1", 1}, {"3", 3}, {"+7", 7}, {"1000", 1000}};
  for (const auto& c : kCases) {
    const auto path = testing::write_file("ok.yaml", scenario_with_activators(c.text));
    Diagnostics diags;
    const ScenarioBundle b = load_scenario(path, diags);
    ASSERT_FALSE(diags.has_errors()) << c.text << "\n" << diags.to_string();
    EXPECT_EQ(b.scenario.cluster.activators, c.want) << c.text;
  }
}

TEST(ScenarioActivators, BadValuesNameLineAndField) {
  const struct {
    const char* name;
    const char* text;
    const char* message;
  } kCases[] = {
      {"zero", "0", "must be in [1, 1000], got 0"},
      {"negative", "-2", "must be in [1, 1000], got -2"},
      {"too_many", "1001", "must be in [1, 1000], got 1001"},
      {"fraction", "1.5", "must be an integer"},
      {"word", "many", "must be an integer"},
      {"list", "[1]", "must be"},
  };
  for (const auto& c : kCases) {
    const auto path = testing::write_file(std::string(c.name) + ".yaml", scenario_with_activators(c.text));
    Diagnostics diags;
    load_scenario(path, diags);
    EXPECT_TRUE(diags.has_errors()) << c.name;
    EXPECT_TRUE(has_diag(diags, 12, "spec.cluster.activators", c.message))
        << c.name << ": want 12: spec.cluster.activators: " << c.message << "\ngot:\n" << diags.to_string();
  }
}

}  // namespace
}  // namespace knsim::manifests
