// HPA class: MakeHPA targets and the Kubernetes replica calculation, stepped every 15 s.
#include "core/autoscaler/hpa_autoscaler.hpp"

#include <gtest/gtest.h>

namespace {

using namespace knsim::core::autoscaler;

TEST(Hpa, MakeSpecTable) {
  auto cpu = make_hpa_spec(0, 0, "cpu", 55.2, std::nullopt);
  EXPECT_EQ(cpu.min_replicas, 1);
  EXPECT_EQ(cpu.max_replicas, 2147483647);
  EXPECT_EQ(cpu.target_type, HpaTargetType::kUtilization);
  EXPECT_DOUBLE_EQ(cpu.target, 56);  // ceil
  auto mem = make_hpa_spec(2, 10, "memory", 100, 60.0);
  EXPECT_EQ(mem.min_replicas, 2);
  EXPECT_EQ(mem.max_replicas, 10);
  EXPECT_EQ(mem.target_type, HpaTargetType::kAverageValue);
  EXPECT_DOUBLE_EQ(mem.target, 100.0 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(mem.scale_down_stabilization, 60);
  EXPECT_DOUBLE_EQ(mem.scale_up_stabilization, 60);
  auto custom = make_hpa_spec(0, 0, "rps", 7.9, std::nullopt);
  EXPECT_DOUBLE_EQ(custom.target, 7);
  auto none = make_hpa_spec(0, 0, "cpu", std::nullopt, std::nullopt);
  EXPECT_DOUBLE_EQ(none.target, 80);
}

TEST(Hpa, ScalesUpByRatioAndRespectsTolerance) {
  HpaAutoscaler hpa(make_hpa_spec(0, 0, "cpu", 80, std::nullopt));
  auto d = hpa.reconcile(4, 4, 100.0, 0);  // ratio 1.25 -> ceil(5)
  EXPECT_EQ(d.desired, 5);
  EXPECT_TRUE(d.changed);
  d = hpa.reconcile(5, 5, 86.0, 15);  // ratio 1.075: within 10%
  EXPECT_EQ(d.desired, 5);
  EXPECT_EQ(d.reason, "WithinTolerance");
}

TEST(Hpa, ScaleUpLimitPerPeriod) {
  HpaAutoscaler hpa(make_hpa_spec(0, 0, "cpu", 10, std::nullopt));
  auto d = hpa.reconcile(2, 2, 100.0, 0);  // raw 20, limited to max(4, 6) = 6
  EXPECT_EQ(d.desired, 6);
  EXPECT_EQ(d.reason, "ScaleUpLimit");
}

TEST(Hpa, ScaleDownWaitsForTheStabilizationWindow) {
  HpaAutoscaler hpa(make_hpa_spec(0, 0, "cpu", 50, std::nullopt));
  EXPECT_EQ(hpa.reconcile(4, 4, 100.0, 0).desired, 8);
  // Load drops: raw says 1, but the 300 s window remembers 8.
  for (double t = 15; t < 300; t += 15) EXPECT_EQ(hpa.reconcile(8, 8, 5.0, t).desired, 8) << t;
  EXPECT_EQ(hpa.reconcile(8, 8, 5.0, 300).desired, 1);
}

TEST(Hpa, NeverZeroAndBounded) {
  HpaAutoscaler hpa(make_hpa_spec(0, 3, "cpu", 50, 0.0));
  EXPECT_EQ(hpa.reconcile(2, 2, 0.0, 0).desired, 1);  // raw 0 -> min 1
  EXPECT_EQ(hpa.reconcile(1, 1, 500.0, 15).desired, 3);  // capped at max-scale
  EXPECT_EQ(hpa.reconcile(3, 0, std::nullopt, 30).reason, "NoMetrics");
}

}  // namespace
