// A whole scale-to-zero and scale-from-zero cycle through kpa_reconcile, time stepped explicitly
// (defaults: stable window 60 s, grace 30 s, TBC 211, CC 0 -> TotalValue 100).
#include "core/autoscaler/kpa_reconciler.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace knsim::core::autoscaler;
namespace api = knsim::core::api;

struct Cluster {
  api::PodAutoscaler pa;
  api::ServerlessService sks;
  int replicas = 1;
  int ready = 1;

  KpaReconcileDecision tick(int decider_desired, double panic_concurrency, double now) {
    KpaReconcileInput in;
    in.decider_desired_scale = decider_desired;
    in.excess_burst_capacity = static_cast<int>(std::floor(ready * 100.0 - 211.0 - panic_concurrency));
    in.deployment_replicas = replicas;
    in.ready_pods = ready;
    in.reachability = api::Reachability::kReachable;
    // The activator answers the probe once the public endpoints are the activators.
    in.activator_probe = sks.status.activator_endpoints_populated.is_true() ? ActivatorProbe::kOk
                                                                            : ActivatorProbe::kFailed;
    auto d = kpa_reconcile(in, pa, sks, now);
    if (d.scale.patch) replicas = d.scale.scale;
    ready = replicas;  // pods start and stop instantly in this test
    update_sks_status(sks.spec, ready, 2, now, sks.status);
    return d;
  }
};

TEST(KpaReconciler, NoPrivateServiceStartsInProxy) {
  api::PodAutoscaler pa;
  api::ServerlessService sks;
  KpaReconcileInput in;
  in.sks_has_private_service = false;
  const auto d = kpa_reconcile(in, pa, sks, 0);
  EXPECT_EQ(d.sks_mode, api::SksMode::kProxy);
  EXPECT_EQ(sks.spec.num_activators, 2);
  EXPECT_EQ(pa.status.desired_scale, -1);
}

TEST(KpaReconciler, IdleRevisionGoesToZeroThenWakesUp) {
  Cluster c;
  // t = 0: one ready pod serving, decider wants 1.
  auto d = c.tick(1, 0, 0);
  EXPECT_TRUE(c.pa.status.is_active());
  EXPECT_EQ(d.sks_mode, api::SksMode::kProxy);  // EBC = 100 - 211 < 0: activator stays in the path
  EXPECT_EQ(d.num_activators, 4);               // ceil((100 + 211) / 100)
  // t = 40: the decider says 0; the PA has been active 40 s < 60 s: hold one pod, requeue at 60.
  d = c.tick(0, 0, 40);
  EXPECT_EQ(d.scale.scale, 1);
  ASSERT_TRUE(d.scale.requeue_after.has_value());
  EXPECT_DOUBLE_EQ(*d.scale.requeue_after, 20);
  EXPECT_EQ(c.replicas, 1);
  // t = 60: active for a whole stable window: want 0, PA goes Inactive, pods kept.
  d = c.tick(0, 0, 60);
  EXPECT_EQ(d.scale.scale, 0);
  EXPECT_FALSE(d.scale.patch);
  EXPECT_TRUE(c.pa.status.is_inactive());
  EXPECT_EQ(c.pa.status.active.reason, "NoTraffic");
  EXPECT_EQ(c.replicas, 1);
  // t = 70: inactive 10 s < grace 30 s, SKS proxying since 0: fast path (proxy for 70 s >= 30 s).
  d = c.tick(0, 0, 70);
  EXPECT_EQ(d.scale.reason, "ScaleToZeroFastPath");
  EXPECT_TRUE(d.scale.patch);
  EXPECT_EQ(c.replicas, 0);
  // t = 100: a request arrives; the decider wants 1: scale from zero, PA Activating until ready.
  c.ready = 0;
  d = c.tick(1, 1, 100);
  EXPECT_EQ(d.scale.scale, 1);
  EXPECT_TRUE(d.scale.patch);
  EXPECT_EQ(c.replicas, 1);
  EXPECT_EQ(d.sks_mode, api::SksMode::kProxy);
  EXPECT_TRUE(c.pa.status.is_activating());  // ready was 0 when computed
  d = c.tick(1, 1, 102);
  EXPECT_TRUE(c.pa.status.is_active());
  EXPECT_TRUE(c.pa.status.scale_target_initialized);
}

TEST(KpaReconciler, EnoughPodsSwitchToServe) {
  Cluster c;
  c.replicas = 3;
  c.ready = 3;
  const auto d = c.tick(3, 0, 0);  // EBC = 300 - 211 = 89 >= 0
  EXPECT_EQ(d.sks_mode, api::SksMode::kServe);
  EXPECT_EQ(c.sks.status.effective_mode, api::SksMode::kServe);
  EXPECT_DOUBLE_EQ(c.sks.status.proxy_for(10), 0);
}

}  // namespace

namespace {

// computeNumActivators uses the decider's TargetBurstCapacity (kpa.go passes the decider), which
// the driver gives when it differs from the scaler settings' value.
TEST(KpaReconciler, NumActivatorsUsesTheDecidersTargetBurstCapacity) {
  api::PodAutoscaler pa;
  api::ServerlessService sks;
  KpaReconcileInput in;
  in.decider_desired_scale = 3;
  in.deployment_replicas = 3;
  in.ready_pods = 3;
  in.reachability = api::Reachability::kReachable;
  in.settings.target_burst_capacity = 0;  // alone: TBC 0 -> minActivators
  EXPECT_EQ(kpa_reconcile(in, pa, sks, 10).num_activators, kMinActivators);
  in.target_burst_capacity = 500;  // ceil((3 * 100 + 500) / 100) = 8
  EXPECT_EQ(kpa_reconcile(in, pa, sks, 10).num_activators, 8);
}

}  // namespace
