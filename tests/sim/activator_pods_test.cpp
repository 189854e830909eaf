// Activators are pods (sim/cluster_activators.cpp): placed on nodes holding their requests, lost
// with their node or a crash, restarted or replaced, and the data path follows. Worked by hand with
// the fixture's constant phases (scheduling 0.1 s, container start 1.0 s, kubelet probe every
// 0.5 s from the container's start).
#include <gtest/gtest.h>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim {
namespace {

using namespace testing;
using reports::FailureReason;

constexpr const char* kTbc = "autoscaling.knative.dev/target-burst-capacity";

// Two activators, a revision always behind them (TBC -1) with 2 pods, 100 requests/s of 0.2 s.
SimInput proxied(double duration) {
  SimInput in = base_input(duration, 3);
  in.scenario.cluster.activators = 2;
  in.scenario.cluster.activator_pods = models::ActivatorPodSpec{};  // 300m, 60Mi
  in.services.push_back(make_service("hello", 10, {{kTbc, "-1"}, {"autoscaling.knative.dev/min-scale", "2"}}));
  in.scenario.workloads.push_back(workload("hello", constant_rate(100), 0.0, 0.2));
  return in;
}

void add_action(SimInput& in, double at, models::TimelineAction::Kind kind, const std::string& target) {
  models::TimelineAction a;
  a.at = at;
  a.kind = kind;
  a.node = target;
  in.scenario.timeline.push_back(a);
}

// The scheduler places the activators before t = 0 like pods (LeastAllocated over empty nodes:
// worker-0, then worker-1), each holding 300m CPU and 60Mi.
TEST(ActivatorPods, PlacedOnNodesHoldingTheirRequests) {
  SimRun run(proxied(5));
  const auto& acts = run.sim->activator_pods();
  ASSERT_EQ(acts.size(), 2u);
  EXPECT_EQ(acts[0].name, "activator-0");
  EXPECT_EQ(acts[0].node, 0);
  EXPECT_EQ(acts[1].node, 1);
  EXPECT_TRUE(acts[0].ready && acts[1].ready);
  double allocated = 0, pod_cpu = 0;
  for (const auto& n : run.sim->nodes()) allocated += n.cpu_allocated;
  for (const auto& p : run.sim->pods())
    if (p.node >= 0) pod_cpu += 0.1;  // make_service's pods request 100m each
  EXPECT_NEAR(allocated - pod_cpu, 2 * 0.3, 1e-9);
}

// failActivator at 10 s: about half of the ~20 requests in flight were proxied by activator-0 and
// fail (other); it is out of the subset at once, so nothing else fails; its container restarts
// and is Ready at 11.0 (container start 1.0; the kubelet's 0.5 s probe grid from 10.0 passes at
// 11.0); from then on it takes requests again.
TEST(ActivatorPods, ACrashFailsItsRequestsAndRestarts) {
  SimInput in = proxied(20);
  add_action(in, 10, models::TimelineAction::Kind::kFailActivator, "activator-0");
  SimRun run(std::move(in));
  run.to(10.5);
  const auto failed = run.sim->stats().failed_by(FailureReason::kOther);
  EXPECT_GE(failed, 5);
  EXPECT_LE(failed, 15);
  EXPECT_FALSE(run.sim->activator_pods()[0].ready);
  const auto r = run.sim->find_revision("hello-00001");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->traffic.activator_subset, std::vector<int>{1});
  const auto before = r->traffic.activators[0].requests;
  run.to(10.99);
  EXPECT_FALSE(run.sim->activator_pods()[0].ready);
  run.to(11.01);
  EXPECT_TRUE(run.sim->activator_pods()[0].ready);
  run.to(20);
  run.sim->finish();
  EXPECT_EQ(run.sim->stats().failed_by(FailureReason::kOther), failed) << "no failure after the crash";
  EXPECT_GT(run.sim->find_revision("hello-00001")->traffic.activators[0].requests, before) << "back in the subset";
  EXPECT_EQ(run.sim->stats().total_arrivals(), run.sim->stats().total_succeeded() + run.sim->stats().total_failed());
}

// worker-0 (with activator-0) fails at 10 s; grace 5 s, toleration 10 s. The ingress keeps sending
// half of the requests to the dead activator-0 until NotReady at 15 s: they fail (node_failure) at
// once; then activator-1 takes them all. At 25 s activator-0 is evicted and its replacement is
// scheduled on a node that is up: bound 0.1 s later, listening 1.0 s after that, Ready at 26.1.
TEST(ActivatorPods, LostWithItsNodeAndReplacedAfterTheToleration) {
  SimInput in = proxied(30);
  in.scenario.cluster.node_lifecycle.node_monitor_grace_period = 5;
  in.scenario.cluster.node_lifecycle.unreachable_toleration_seconds = 10;
  add_action(in, 10, models::TimelineAction::Kind::kFailNode, "worker-0");
  SimRun run(std::move(in));
  run.to(15.01);
  const auto failed = run.sim->stats().failed_by(FailureReason::kNodeFailure);
  // ~50 requests/s to activator-0 for 5 s, and the requests in flight on worker-0's pods.
  EXPECT_GT(failed, 200);
  EXPECT_LT(failed, 320);
  EXPECT_FALSE(run.sim->activator_pods()[0].ready);
  run.to(25.5);
  EXPECT_EQ(run.sim->stats().failed_by(FailureReason::kNodeFailure), failed) << "only activator-1 after NotReady";
  EXPECT_GT(run.sim->activator_pods()[0].node, 0) << "replaced on a node that is up";
  EXPECT_FALSE(run.sim->activator_pods()[0].ready);
  run.to(26.09);
  EXPECT_FALSE(run.sim->activator_pods()[0].ready);
  run.to(26.11);
  EXPECT_TRUE(run.sim->activator_pods()[0].ready);
}

}  // namespace
}  // namespace knsim::sim
