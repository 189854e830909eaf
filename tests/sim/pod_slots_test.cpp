// Pod slots are reused (sim/cluster.cpp recycle_slot): a revision that scales to zero and back
// again and again creates new pods each time, but the cluster holds only as many pod slots as were
// ever alive at once (plus the ones ended within the last event), so memory does not grow with
// the simulated time. Names and IPs still come from the creation order, so each pod of the run has
// its own, and nothing that named an ended pod reaches the pod now in its slot.
#include <gtest/gtest.h>

#include <set>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

// Six bursts of 60 s at 20 requests/s (0.5 s each, containerConcurrency 1: about 10 pods), each
// followed by 120 s without load: the revision scales to zero in between (stable window 60 s,
// scale-to-zero grace 30 s), so every burst cold-starts new pods.
SimInput bursts_input() {
  SimInput in = base_input(6 * 180.0);
  in.services.push_back(make_service("bursty", 1));
  models::ArrivalSpec steps;
  steps.kind = models::ArrivalSpec::Kind::kSteps;
  for (int k = 0; k < 6; ++k) {
    steps.steps.push_back({k * 180.0, 20});
    steps.steps.push_back({k * 180.0 + 60, 0});
  }
  in.scenario.workloads.push_back(workload("bursty", steps, 0.01, 0.5));
  return in;
}

TEST(PodSlots, AScaleToZeroCycleReusesTheSlotsOfEndedPods) {
  SimRun run(bursts_input());
  run.to(6 * 180.0);
  run.sim->finish();

  std::set<std::string> created, ended;
  for (const auto& [t, e] : run.events_of<reports::PodPhaseChange>()) {
    if (e.from.empty()) {
      EXPECT_TRUE(created.insert(e.pod).second) << "a pod name is used twice: " << e.pod;
    }
    if (e.to == "Terminated") ended.insert(e.pod);
  }
  // Every burst created pods, and the earlier bursts' pods all ended.
  ASSERT_GE(created.size(), 30u);
  EXPECT_GE(ended.size(), created.size() / 2);
  // ... but the cluster holds about one burst's worth of slots, not every pod of the run.
  EXPECT_LT(run.sim->pods().size(), created.size() / 3) << created.size() << " pods created";
  // Each slot holds its latest pod, whose serial (creation order) names it.
  std::set<std::uint32_t> serials;
  for (const auto& p : run.sim->pods()) {
    EXPECT_TRUE(created.count(p.name)) << p.name;
    EXPECT_TRUE(serials.insert(p.serial).second);
  }
  EXPECT_GE(*serials.rbegin(), created.size() - 20) << "the slots hold the latest pods";

  // Reuse loses nothing: every request was answered, and all succeeded.
  const auto& stats = run.sim->stats();
  EXPECT_GT(stats.total_arrivals(), 6 * 60 * 20 - 10);
  EXPECT_EQ(stats.total_failed(), 0);
  EXPECT_EQ(stats.total_succeeded(), stats.total_arrivals());
  for (std::uint32_t i = 0; i < run.sim->pods().size(); ++i)
    EXPECT_TRUE(run.sim->pod_proxy(PodId{i}).in_flight.empty()) << run.sim->pods()[i].name;
}

}  // namespace
}  // namespace knsim::sim::testing
