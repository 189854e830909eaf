// Table tests of the KPA scaler beyond the Knative vectors: requeue delays, reasons, bounds.
#include "core/autoscaler/kpa_scaler.hpp"

#include <gtest/gtest.h>

namespace {

using namespace knsim::core::autoscaler;
namespace api = knsim::core::api;

KpaScalerInput input_with(api::ConditionStatus active, double in_state_for, double now, int desired) {
  KpaScalerInput in;
  in.desired_scale = desired;
  in.deployment_replicas = 1;
  in.pa.active.status = active;
  in.pa.active.last_transition_time = now - in_state_for;
  return in;
}

TEST(KpaScaler, ActiveWaitsForTheRemainderOfTheStableWindow) {
  const KpaScalerSettings s;  // defaults: window 60 s
  const auto d = kpa_scale(s, input_with(api::ConditionStatus::kTrue, 20, 100, 0), 100);
  EXPECT_EQ(d.scale, 1);
  EXPECT_TRUE(d.apply);
  ASSERT_TRUE(d.requeue_after.has_value());
  EXPECT_DOUBLE_EQ(*d.requeue_after, 40);
  EXPECT_EQ(d.reason, "WaitingForStableWindow");
}

TEST(KpaScaler, InactiveGraceRemainderUsesProxyFor) {
  const KpaScalerSettings s;  // grace 30 s
  auto in = input_with(api::ConditionStatus::kFalse, 10, 100, 0);
  in.sks_proxy_for = 12;
  const auto d = kpa_scale(s, in, 100);
  EXPECT_EQ(d.scale, 0);
  EXPECT_FALSE(d.apply);
  ASSERT_TRUE(d.requeue_after.has_value());
  EXPECT_DOUBLE_EQ(*d.requeue_after, 18);
  EXPECT_EQ(d.reason, "GracePeriod");
}

TEST(KpaScaler, RetentionRemainderIsRequeued) {
  KpaScalerSettings s;
  s.scale_to_zero_pod_retention_period = 90;
  const auto d = kpa_scale(s, input_with(api::ConditionStatus::kFalse, 40, 100, 0), 100);
  EXPECT_FALSE(d.apply);
  ASSERT_TRUE(d.requeue_after.has_value());
  EXPECT_DOUBLE_EQ(*d.requeue_after, 50);
  EXPECT_EQ(d.reason, "PodRetention");
}

TEST(KpaScaler, ActivatingRequeuesAfterTheActivationTimeout) {
  KpaScalerSettings s;
  s.progress_deadline = 600;
  const auto d = kpa_scale(s, input_with(api::ConditionStatus::kUnknown, 5, 100, -1), 100);
  EXPECT_EQ(d.scale, -1);
  EXPECT_FALSE(d.apply);
  ASSERT_TRUE(d.requeue_after.has_value());
  EXPECT_DOUBLE_EQ(*d.requeue_after, 630);
  const auto late = kpa_scale(s, input_with(api::ConditionStatus::kUnknown, 631, 1000, -1), 1000);
  EXPECT_EQ(late.scale, 0);
  EXPECT_TRUE(late.patch);
  EXPECT_EQ(late.reason, "ActivationTimedOut");
}

TEST(KpaScaler, NilReplicasCountAsOne) {
  KpaScalerSettings s;
  auto in = input_with(api::ConditionStatus::kTrue, 0, 0, 1);
  in.deployment_replicas.reset();
  EXPECT_FALSE(kpa_scale(s, in, 0).patch);
  in.desired_scale = 3;
  EXPECT_TRUE(kpa_scale(s, in, 0).patch);
}

TEST(KpaScaler, ApplyBoundsTable) {
  struct Row {
    int min, max, x, want;
  } rows[] = {{0, 0, -1, 0}, {2, 0, -1, 2}, {2, 0, 1, 2}, {0, 5, 7, 5}, {1, 5, 3, 3}, {0, 0, 1000, 1000}};
  for (const auto& r : rows) EXPECT_EQ(apply_bounds(r.min, r.max, r.x), r.want) << r.min << " " << r.max << " " << r.x;
}

TEST(KpaScaler, ResolveSettingsPrefersAnnotations) {
  KpaClusterConfig c;
  c.initial_scale = 3;
  KpaScalerOverrides o;
  o.initial_scale = 0;  // not allowed: falls back to the ConfigMap
  o.window = 30;
  auto s = resolve_kpa_scaler_settings(c, o);
  EXPECT_EQ(s.initial_scale, 3);
  EXPECT_DOUBLE_EQ(s.stable_window, 30);
  c.allow_zero_initial_scale = true;
  EXPECT_EQ(resolve_kpa_scaler_settings(c, o).initial_scale, 0);
}

// The one mapping of config-autoscaler (+ progress-deadline) to the scaler's cluster values, used by
// sim/revision_control.cpp and adapter/shadow/twin_revision.cpp alike: every field is carried.
TEST(KpaScaler, ClusterConfigCarriesEveryConfigAutoscalerField) {
  knsim::core::config::AutoscalerConfig a;
  a.enable_scale_to_zero = false;
  a.stable_window = 90;
  a.scale_to_zero_grace_period = 45;
  a.scale_to_zero_pod_retention_period = 120;
  a.target_burst_capacity = -1;
  a.initial_scale = 3;
  a.allow_zero_initial_scale = true;
  a.min_scale = 2;
  a.max_scale = 7;
  const KpaClusterConfig c = kpa_cluster_config(a, 240);
  EXPECT_FALSE(c.enable_scale_to_zero);
  EXPECT_EQ(c.stable_window, 90);
  EXPECT_EQ(c.scale_to_zero_grace_period, 45);
  EXPECT_EQ(c.scale_to_zero_pod_retention_period, 120);
  EXPECT_EQ(c.progress_deadline, 240);
  EXPECT_EQ(c.target_burst_capacity, -1);
  EXPECT_EQ(c.initial_scale, 3);
  EXPECT_TRUE(c.allow_zero_initial_scale);
  EXPECT_EQ(c.min_scale, 2);
  EXPECT_EQ(c.max_scale, 7);
}

}  // namespace
