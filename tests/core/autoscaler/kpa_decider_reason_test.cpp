// The decider's one-line explanation names the rule that decided.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <string>

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

bool has(const ScaleResult& r, const std::string& text) { return explain_scale(r).find(text) != std::string::npos; }

// Whole numbers are written as to_chars(fixed, 1) writes them (the sign of -0 kept), others with
// six significant digits.
TEST(KpaDeciderReason, WritesNumbersAsFixedOrSixDigits) {
  for (const double v : {0.0, -0.0, 1.0, -1.0, 7.0, 42.0, 1e14, -123456789012345.0, 999999999999999.0, 6.88524,
                         0.1, 1e15, 2.5e-7, -3.75}) {
    ScaleResult r;
    r.why.kind = ScaleExplanation::Kind::kDecided;
    r.observed_stable = v;
    char buf[64];
    const bool whole = v == std::floor(v) && std::fabs(v) < 1e15;
    const auto end = whole ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1).ptr
                           : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6).ptr;
    EXPECT_TRUE(has(r, "stable " + std::string(buf, end) + " / target")) << v << ": " << explain_scale(r);
  }
}

TEST(KpaDeciderReason, NamesTheScaleUpCap) {
  KpaDecider d(spec(), 0, 0);
  const auto r = d.scale(2, {2, false}, ObservedMetrics{100, 100, false});
  EXPECT_EQ(r.desired_pod_count, 4);  // ceil(2 * 2)
  EXPECT_TRUE(has(r, "stable 100.0 / target 10.0 -> 10 (clamped to max-scale-up-rate cap 4)")) << explain_scale(r);
  EXPECT_TRUE(has(r, "desired 4")) << explain_scale(r);
}

TEST(KpaDeciderReason, NamesTheScaleDownFloor) {
  KpaDecider d(spec(), 0, 0);
  const auto r = d.scale(2, {10, false}, ObservedMetrics{0, 0, false});
  EXPECT_EQ(r.desired_pod_count, 5);
  EXPECT_TRUE(has(r, "(raised to scale-down floor 5)")) << explain_scale(r);
}

TEST(KpaDeciderReason, NamesActivationScale) {
  DeciderSpec s = spec();
  s.activation_scale = 3;
  KpaDecider d(s, 0, 0);
  const auto r = d.scale(2, {1, false}, ObservedMetrics{5, 5, false});
  EXPECT_EQ(r.desired_pod_count, 3);
  EXPECT_TRUE(has(r, "(activation-scale 3)")) << explain_scale(r);
}

TEST(KpaDeciderReason, NamesPanicEntryHoldAndExit) {
  DeciderSpec s = spec();
  s.panic_threshold = 2;
  s.max_scale_up_rate = 1000;
  KpaDecider d(s, 0, 0);
  auto r = d.scale(2, {1, false}, ObservedMetrics{30, 30, false});
  EXPECT_TRUE(has(r, "enters panic: 3.0 >= 2.0 x 1.0 pods")) << explain_scale(r);
  EXPECT_TRUE(has(r, "panic since t=2.0")) << explain_scale(r);
  r = d.scale(4, {3, false}, ObservedMetrics{10, 10, false});
  EXPECT_EQ(r.desired_pod_count, 3);
  EXPECT_TRUE(has(r, "holding panic maximum 3")) << explain_scale(r);
  r = d.scale(64, {3, false}, ObservedMetrics{10, 10, false});
  EXPECT_FALSE(r.in_panic);
  EXPECT_TRUE(has(r, "leaves panic")) << explain_scale(r);
}

TEST(KpaDeciderReason, NamesTheScaleDownDelay) {
  DeciderSpec s = spec();
  s.scale_down_delay = 10;
  KpaDecider d(s, 0, 0);
  d.scale(2, {1, false}, ObservedMetrics{20, 20, false});
  const auto r = d.scale(4, {2, false}, ObservedMetrics{0, 0, false});
  EXPECT_EQ(r.desired_pod_count, 2);
  EXPECT_TRUE(has(r, "scale-down delay holds 2")) << explain_scale(r);
}

TEST(KpaDeciderReason, InvalidResultsSayWhy) {
  KpaDecider d(spec(), 0, 0);
  EXPECT_TRUE(has(d.scale(2, {1, false}, ObservedMetrics{0, 0, true}), "no metric data"));
  EXPECT_TRUE(has(d.scale(2, {1, true}, ObservedMetrics{1, 1, false}), "ready pod count is unavailable"));
}

// The reason is written from the numbers the decision kept, whenever it is asked for: later
// decisions (here one that enters panic) do not change an earlier one's reason.
TEST(KpaDeciderReason, IsWrittenFromTheDecisionAlone) {
  DeciderSpec s = spec();
  s.panic_threshold = 2;
  KpaDecider d(s, 0, 0);
  const ScaleResult first = d.scale(2, {2, false}, ObservedMetrics{10, 10, false});
  const std::string said_then = explain_scale(first);
  const ScaleResult second = d.scale(4, {2, false}, ObservedMetrics{100, 100, false});
  ASSERT_TRUE(d.in_panic());
  EXPECT_EQ(explain_scale(first), said_then);
  EXPECT_EQ(said_then.find("panic since"), std::string::npos) << said_then;
  EXPECT_TRUE(has(second, "enters panic")) << explain_scale(second);
}

}  // namespace
