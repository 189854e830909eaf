// The HPA class driven by the Kubernetes replica calculator (HpaAutoscaler::reconcile_recommendation
// after hpa_resource_replicas): the kpa-vs-hpa case of the 2026-12 fidelity review, worked by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/autoscaler/hpa_autoscaler.hpp"
#include "core/autoscaler/hpa_replica_calculator.hpp"

namespace {

using namespace knsim::core::autoscaler;

HpaPodSample pod(const std::string& name, double now, double age, double ready_for, std::int64_t usage) {
  HpaPodSample p;
  p.name = name;
  p.start_time = now - age;
  p.ready = true;
  p.ready_last_transition = now - ready_for;
  p.usage_milli = usage;
  p.sample_timestamp = now;
  p.sample_window = 15;
  p.request_milli = 500;
  return p;
}

TEST(HpaRecommendation, NewlyReadyPodsCountAsIdleOnScaleUp) {
  // 7 pods, target 60 %: 3 old pods at 860m of 500m (172 %), 4 Ready for 13.5 s (less than the
  // 15 s metric window within the 5 min CPU initialization period: ignored). utilization =
  // floor(100 * 2580 / 1500) = 172, ratio 2.87 > 1 -> the 4 count as 0 %: floor(100 * 2580 /
  // 3500) = 73 -> 73 / 60 = 1.217 -> ceil(1.217 * 7) = 9 (knsim's old mean over all Ready pods
  // asked for 14 here: docs/calibration.md, HPA row).
  const double now = 210;
  std::vector<HpaPodSample> pods = {pod("a", now, 200, 190, 860), pod("b", now, 200, 190, 860),
                                    pod("c", now, 200, 190, 860)};
  for (int i = 0; i < 4; ++i) pods.push_back(pod("new-" + std::to_string(i), now, 15, 13.5, 100));
  const auto calc = hpa_resource_replicas(7, 60, true, pods, now);
  ASSERT_TRUE(calc.valid);
  EXPECT_EQ(calc.replicas, 9);
  EXPECT_EQ(calc.ignored_pods, 4);
  HpaAutoscaler hpa(make_hpa_spec(0, 0, "cpu", 60, std::nullopt));
  const auto d = hpa.reconcile_recommendation(7, calc.replicas, calc.reason, now);
  EXPECT_EQ(d.desired, 9);  // within the scale-up limit max(14, 11)
  EXPECT_TRUE(d.changed);
}

TEST(HpaRecommendation, LimitsAndNoMetrics) {
  HpaAutoscaler hpa(make_hpa_spec(2, 10, "cpu", 60, std::nullopt));
  EXPECT_EQ(hpa.reconcile_recommendation(3, 40, "up", 0).desired, 7);  // max(6, 7) = 7 per period
  EXPECT_EQ(hpa.reconcile_recommendation(7, 40, "up", 15).desired, 10);  // max-scale 10
  const auto none = hpa.reconcile_recommendation(10, std::nullopt, "x", 30);
  EXPECT_EQ(none.desired, 10);
  EXPECT_EQ(none.reason, "NoMetrics");
}

}  // namespace
