// An imported cluster's running revisions (ScenarioSpec::starting_pods, the Scenario annotation
// knsim.dev/starting-pods) start with that many Ready pods at t = 0, whatever their initial-scale;
// then the autoscaler decides. A revision not named, or created after t = 0, starts as usual.
#include <gtest/gtest.h>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

SimInput imported_input() {
  SimInput in = base_input(300);
  in.services.push_back(make_service("hello", 1));
  in.services.push_back(make_service("other", 1));
  in.scenario.starting_pods = {{"default/hello-00001", 4}, {"default/gone-00001", 2}};
  return in;
}

TEST(StartingPods, ImportedRevisionStartsWithItsReadyPods) {
  SimRun run(imported_input());
  const auto hello = run.sim->find_revision("hello-00001");
  ASSERT_TRUE(hello.has_value());
  EXPECT_EQ(hello->deployment.replicas, 4);
  EXPECT_EQ(hello->deployment.endpoints.size(), 4u) << "all four Ready at t = 0, no cold start";
  const auto other = run.sim->find_revision("other-00001");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->deployment.endpoints.size(), 1u) << "initial-scale 1 for a revision not imported";
  // Every pod of hello went Pending -> Scheduled -> Ready at t = 0.
  int ready_at_zero = 0;
  for (const auto& [t, p] : run.events_of<reports::PodPhaseChange>())
    if (p.revision == "hello-00001" && p.to == "Ready" && t == 0.0) ++ready_at_zero;
  EXPECT_EQ(ready_at_zero, 4);
}

TEST(StartingPods, TheAutoscalerDecidesFromThen) {
  SimRun run(imported_input());
  // No traffic: after the stable window (60 s) and the scale-to-zero grace period the KPA scales
  // the imported revision down, as Knative would the live one.
  run.to(200);
  const auto hello = run.sim->find_revision("hello-00001");
  EXPECT_EQ(hello->deployment.replicas, 0);
  std::vector<reports::ScaleEvent> scales;
  for (const auto& [t, e] : run.events_of<reports::ScaleEvent>())
    if (e.revision == "hello-00001") scales.push_back(e);
  ASSERT_FALSE(scales.empty());
  EXPECT_EQ(scales.front().from_pods, 4) << "the first decision starts from the imported pods";
}

}  // namespace
}  // namespace knsim::sim::testing
