// The what-if settings validate with Knative's rules (core/config) and become --set arguments or
// annotation edits depending on what the scenario already sets.
#include "gui/whatif_settings.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_paths.hpp"

namespace knsim::gui {
namespace {

manifests::ScenarioBundle load_fixture() {
  manifests::Diagnostics diags;
  auto bundle = manifests::load_scenario(test::source_dir() / "tests/data/gui/canary.yaml", diags);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  return bundle;
}

TEST(WhatIfModel, BaselineComesFromTheScenario) {
  const auto bundle = load_fixture();
  WhatIfModel m;
  m.set_bundle(&bundle);
  EXPECT_EQ(m.baseline("stable-window"), "1m0s");
  EXPECT_EQ(m.baseline("target"), "10") << "the Service's autoscaling.knative.dev/target annotation";
  EXPECT_EQ(m.baseline("panic-threshold-percentage"), "200");
  EXPECT_TRUE(m.uses_annotation("target"));
  EXPECT_FALSE(m.uses_annotation("stable-window")) << "not annotated: goes to config-autoscaler";
}

TEST(WhatIfModel, ValidatesAsKnativeDoes) {
  const auto bundle = load_fixture();
  WhatIfModel m;
  m.set_bundle(&bundle);
  struct Case {
    const char* id;
    const char* value;
    bool valid;
  };
  const Case cases[] = {
      {"stable-window", "30s", true},   {"stable-window", "5s", false},    {"stable-window", "30", false},
      {"stable-window", "1.5s", false}, {"panic-window-percentage", "10", true},
      {"panic-window-percentage", "0.5", false}, {"target-burst-capacity", "-1", true},
      {"target-burst-capacity", "-2", false},    {"target", "0.001", false}, {"target", "25", true},
      {"metric", "rps", true},          {"metric", "cpu", false},          {"min-scale", "-1", false},
      {"scale-to-zero-grace-period", "0s", false}, {"scale-to-zero-grace-period", "10s", true},
      {"containerConcurrency", "10", true},        {"containerConcurrency", "-1", false},
      {"scale-down-delay", "15s", true},           {"max-scale", "3", true},
  };
  for (const auto& c : cases) {
    const auto problems = m.validate({{c.id, c.value}});
    EXPECT_EQ(problems.empty(), c.valid) << c.id << "=" << c.value << ": "
                                         << (problems.empty() ? "" : problems.begin()->second);
    if (!c.valid) {
      EXPECT_TRUE(problems.count(c.id)) << "the problem is shown at the field " << c.id;
    }
  }
  EXPECT_FALSE(m.validate({{"min-scale", "5"}, {"max-scale", "2"}}).empty()) << "min-scale above max-scale";
}

TEST(WhatIfModel, SetArgumentsAndScenarioEdits) {
  const auto bundle = load_fixture();
  WhatIfModel m;
  m.set_bundle(&bundle);
  const std::map<std::string, std::string> edits = {
      {"stable-window", "30s"}, {"target", "5"}, {"containerConcurrency", "4"}, {"max-scale", "3"}};
  EXPECT_EQ(m.set_arguments(edits),
            (std::vector<std::string>{"hello.autoscaling.knative.dev/target=5", "config-autoscaler.stable-window=30s",
                                      "config-autoscaler.max-scale=3"}))
      << "target is annotated on ksvc hello, so it is overridden there (knsim run --set SERVICE.ANNOTATION=V)";
  const ScenarioEdits e = m.scenario_edits(edits, {});
  EXPECT_TRUE(e.annotations.empty());
  EXPECT_EQ(e.container_concurrency, "4") << "a Revision spec field: only through an edited scenario";
  EXPECT_TRUE(e.config_maps.empty());
  const ScenarioEdits all = m.all_as_edits(edits, {});
  EXPECT_EQ(all.config_maps.at("config-autoscaler").at("stable-window"), "30s");
  EXPECT_EQ(all.annotations.at("autoscaling.knative.dev/target"), "5");
}

}  // namespace
}  // namespace knsim::gui
