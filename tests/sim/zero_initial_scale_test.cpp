// initial-scale 0 (allowed by config-autoscaler allow-zero-initial-scale: "true"): Knative marks the
// Revision Ready once its PodAutoscaler's ScaleTargetInitialized is true (revision_lifecycle.go
// PropagateAutoscalerStatus; kpa.go: ready >= max(min-scale, initial-scale) = 0), i.e. at once with
// no pod. The Route then programs it, and the first request goes to the activator and cold-starts
// a pod. Without the PA's readiness the revision would never be routable (every request no_route).
#include <gtest/gtest.h>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

using reports::FailureReason;

SimInput zero_initial_scale_input(bool allow_zero) {
  SimInput in = base_input(60);
  in.autoscaler.allow_zero_initial_scale = allow_zero;
  in.services.push_back(make_service("hello", 10, {{"autoscaling.knative.dev/initial-scale", "0"}}));
  models::ArrivalSpec steps;
  steps.kind = models::ArrivalSpec::Kind::kSteps;
  steps.steps = {{0, 0}, {1, 1}};   // 1 request/s from t = 1 s
  in.scenario.workloads.push_back(workload("hello", steps, 0.01, 0.05));
  return in;
}

TEST(ZeroInitialScale, RevisionIsReadyAtOnceAndTheFirstRequestColdStartsAPod) {
  SimRun run(zero_initial_scale_input(true));
  run.to(0.5);
  const auto rev = run.sim->find_revision("hello-00001");
  ASSERT_TRUE(rev.has_value());
  EXPECT_TRUE(rev->serving.api.status.ready.is_true()) << "Ready with no pod (PA initialized)";
  EXPECT_DOUBLE_EQ(rev->serving.api.status.ready.last_transition_time, 0.0);
  EXPECT_EQ(rev->deployment.pods.size(), 0u) << "initial-scale 0: no pod at creation";
  run.to(60);
  run.sim->finish();
  const auto& stats = run.sim->stats();
  EXPECT_EQ(stats.failed_by(FailureReason::kNoRoute), 0);
  EXPECT_EQ(stats.total_failed(), 0);
  EXPECT_GE(stats.total_succeeded(), 55);   // ~59 arrivals in [1, 60)
  EXPECT_GE(stats.cold_start_requests(), 1) << "the first requests waited for a pod in the activator";
  // The first pod was asked for by the decider after the activator's Stat, not at creation.
  double first_scale = -1;
  for (const auto& [t, e] : run.events_of<reports::ScaleEvent>())
    if (first_scale < 0 && e.to_pods > 0) first_scale = t;
  EXPECT_GE(first_scale, 1.0);
  EXPECT_LE(first_scale, 3.0);
}

// Without allow-zero-initial-scale the annotation is ignored (the cluster's initial-scale 1): the
// initial manifests' revision starts with one pod (Ready before t = 0, as every initial revision).
TEST(ZeroInitialScale, NotAllowedStartsOnePod) {
  SimRun run(zero_initial_scale_input(false));
  run.to(0.5);
  const auto rev = run.sim->find_revision("hello-00001");
  ASSERT_TRUE(rev.has_value());
  EXPECT_TRUE(rev->serving.api.status.ready.is_true());
  EXPECT_EQ(rev->deployment.pods.size(), 1u);
  run.to(60);
  run.sim->finish();
  EXPECT_EQ(run.sim->stats().total_failed(), 0);
  EXPECT_EQ(run.sim->stats().cold_start_requests(), 0) << "the pod was there before the first request";
}

}  // namespace
}  // namespace knsim::sim::testing
