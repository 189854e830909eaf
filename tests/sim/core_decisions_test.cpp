// The simulation follows core's decisions (issue 12: core/ is the only place Knative decides):
// the decider ticks on core's cadence, the KPA reconcile is core::kpa_reconcile (SKS mode,
// numActivators, replicas), mode-switch reasons are core's, the scraper's sample is core's
// (extrapolated by N/n). Each TEST is its own process (one SimGrid engine).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/autoscaler/cadence.hpp"
#include "core/autoscaler/kpa_reconciler.hpp"
#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

namespace ca = core::autoscaler;

// 100 req/s of 0.5 s from t = 0 (50 in flight, target 7 per pod): the revision scales up through
// panic; the run stops at t = 150, just after the tick and reconcile of t = 150.
SimInput busy_input() {
  SimInput in = base_input(200);
  in.services.push_back(make_service("hello", 10));
  in.scenario.workloads.push_back(workload("hello", constant_rate(100), 0.0, 0.5));
  return in;
}

TEST(CoreDecisions, DeciderTicksOnCoresCadence) {
  SimRun run(busy_input());
  run.to(150);
  int ticks = 0;
  for (const auto& [t, d] : run.events_of<reports::AutoscalerDecision>()) {
    if (d.reason.rfind("tick:", 0) != 0) continue;
    ++ticks;
    EXPECT_TRUE(ca::decider_tick_due(t)) << "tick at t = " << t;
  }
  EXPECT_GT(ticks, 0);
}

TEST(CoreDecisions, KpaReconcileIsCores) {
  SimRun run(busy_input());
  run.to(150);
  const auto r = run.sim->find_revision("hello-00001");
  ASSERT_TRUE(r.has_value());
  // Core's reconcile on a copy of the revision's PA and SKS with the same inputs decides what the
  // simulation did at t = 150.
  ca::KpaReconcileInput in;
  in.settings = r->control.kpa->scaler();
  in.decider_desired_scale = r->control.kpa->runner().status().desired_scale;
  in.excess_burst_capacity = r->control.kpa->runner().status().excess_burst_capacity;
  in.total_value = r->control.resolved().decider.total_value;
  in.target_burst_capacity = r->control.resolved().decider.target_burst_capacity;
  in.activator_capacity = r->control.resolved().decider.activator_capacity;
  in.deployment_replicas = r->deployment.replicas;
  in.ready_pods = static_cast<std::int32_t>(r->deployment.endpoints.size());
  in.reachability = r->control.pa().spec.reachability;
  auto pa = r->control.pa();
  auto sks = r->control.sks();
  const auto d = ca::kpa_reconcile(in, pa, sks, 150);
  EXPECT_EQ(r->control.sks().spec.mode, d.sks_mode);
  EXPECT_EQ(r->control.sks().spec.num_activators, d.num_activators);
  EXPECT_EQ(r->control.pa().status.desired_scale, d.scale.scale);
  EXPECT_EQ(r->deployment.replicas, d.scale.scale) << "steady state: the Deployment has what core wants";
  EXPECT_GE(r->deployment.replicas, 8);
}

TEST(CoreDecisions, ModeSwitchReasonsAreCores) {
  SimInput in = base_input(200);
  in.services.push_back(make_service("hello", 10, {{"autoscaling.knative.dev/target-burst-capacity", "0"}}));
  models::ArrivalSpec a;
  a.kind = models::ArrivalSpec::Kind::kSteps;
  a.steps = {{0, 20}, {40, 0}};
  in.scenario.workloads.push_back(workload("hello", a, 0.0, 0.05));
  SimRun run(std::move(in));
  run.to(200);
  const std::set<std::string> core_reasons = {"ScaledToZero", "NegativeExcessBurstCapacity", "InactiveNoMetrics",
                                              "Serve", "NoReadyEndpoints", "NoReadyActivators"};
  const auto switches = run.events_of<reports::ModeSwitch>();
  ASSERT_GE(switches.size(), 2u) << "Serve after the first pod, Proxy when scaled to zero";
  for (const auto& [t, m] : switches)
    EXPECT_EQ(core_reasons.count(m.reason), 1u) << "t = " << t << " reason " << m.reason;
}

// 8 pods (min-scale 8) share 40 in-flight requests: the scraper samples n = 6 of N = 8 and
// extrapolates by 8/6, so the observed stable concurrency is the revision's, about 40 (without the
// extrapolation it would be about 30).
TEST(CoreDecisions, ScraperExtrapolatesItsSample) {
  SimInput in = base_input(200);
  in.services.push_back(make_service("hello", 10, {{"autoscaling.knative.dev/min-scale", "8"}}));
  in.scenario.workloads.push_back(workload("hello", constant_rate(80), 0.0, 0.5));
  SimRun run(std::move(in));
  run.to(200);
  const auto rows = run.rows("hello-00001");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().ready_pods, 8);
  EXPECT_NEAR(rows.back().observed_stable, 40.0, 1.5);
  EXPECT_NEAR(rows.back().concurrency, 40.0, 1.0);
}

}  // namespace
}  // namespace knsim::sim::testing
