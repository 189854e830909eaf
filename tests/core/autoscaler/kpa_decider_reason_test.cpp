// The decider's one-line explanation names the rule that decided.
#include <gtest/gtest.h>

#include "core/autoscaler/kpa_decider.hpp"

namespace {

using namespace knsim::core::autoscaler;

DeciderSpec spec() {
  DeciderSpec s;
  s.target_value = 10;
  s.total_value = 10;
  s.target_burst_capacity = 0;
  s.max_scale_up_rate = 2;
  s.max_scale_down_rate = 2;
  s.stable_window = 60;
  s.panic_threshold = 100;  // no panic unless a test lowers it
  return s;
}

bool has(const ScaleResult& r, const std::string& text) { return r.reason.find(text) != std::string::npos; }

TEST(KpaDeciderReason, NamesTheScaleUpCap) {
  KpaDecider d(spec(), 0, 0);
  const auto r = d.scale(2, {2, false}, ObservedMetrics{100, 100, false});
  EXPECT_EQ(r.desired_pod_count, 4);  // ceil(2 * 2)
  EXPECT_TRUE(has(r, "stable 100.0 / target 10.0 -> 10 (clamped to max-scale-up-rate cap 4)")) << r.reason;
  EXPECT_TRUE(has(r, "desired 4")) << r.reason;
}

TEST(KpaDeciderReason, NamesTheScaleDownFloor) {
  KpaDecider d(spec(), 0, 0);
  const auto r = d.scale(2, {10, false}, ObservedMetrics{0, 0, false});
  EXPECT_EQ(r.desired_pod_count, 5);
  EXPECT_TRUE(has(r, "(raised to scale-down floor 5)")) << r.reason;
}

TEST(KpaDeciderReason, NamesActivationScale) {
  DeciderSpec s = spec();
  s.activation_scale = 3;
  KpaDecider d(s, 0, 0);
  const auto r = d.scale(2, {1, false}, ObservedMetrics{5, 5, false});
  EXPECT_EQ(r.desired_pod_count, 3);
  EXPECT_TRUE(has(r, "(activation-scale 3)")) << r.reason;
}

TEST(KpaDeciderReason, NamesPanicEntryHoldAndExit) {
  DeciderSpec s = spec();
  s.panic_threshold = 2;
  s.max_scale_up_rate = 1000;
  KpaDecider d(s, 0, 0);
  auto r = d.scale(2, {1, false}, ObservedMetrics{30, 30, false});
  EXPECT_TRUE(has(r, "enters panic: 3.0 >= 2.0 x 1.0 pods")) << r.reason;
  EXPECT_TRUE(has(r, "panic since t=2.0")) << r.reason;
  r = d.scale(4, {3, false}, ObservedMetrics{10, 10, false});
  EXPECT_EQ(r.desired_pod_count, 3);
  EXPECT_TRUE(has(r, "holding panic maximum 3")) << r.reason;
  r = d.scale(64, {3, false}, ObservedMetrics{10, 10, false});
  EXPECT_FALSE(r.in_panic);
  EXPECT_TRUE(has(r, "leaves panic")) << r.reason;
}

TEST(KpaDeciderReason, NamesTheScaleDownDelay) {
  DeciderSpec s = spec();
  s.scale_down_delay = 10;
  KpaDecider d(s, 0, 0);
  d.scale(2, {1, false}, ObservedMetrics{20, 20, false});
  const auto r = d.scale(4, {2, false}, ObservedMetrics{0, 0, false});
  EXPECT_EQ(r.desired_pod_count, 2);
  EXPECT_TRUE(has(r, "scale-down delay holds 2")) << r.reason;
}

TEST(KpaDeciderReason, InvalidResultsSayWhy) {
  KpaDecider d(spec(), 0, 0);
  EXPECT_TRUE(has(d.scale(2, {1, false}, ObservedMetrics{0, 0, true}), "no metric data"));
  EXPECT_TRUE(has(d.scale(2, {1, true}, ObservedMetrics{1, 1, false}), "ready pod count is unavailable"));
}

TEST(KpaDeciderReason, CanBeTurnedOff) {
  KpaDecider d(spec(), 0, 0);
  d.set_explain(false);
  const auto r = d.scale(2, {2, false}, ObservedMetrics{100, 100, false});
  EXPECT_EQ(r.desired_pod_count, 4);
  EXPECT_TRUE(r.reason.empty());
}

}  // namespace
