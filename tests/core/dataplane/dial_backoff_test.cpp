// The activator's dial backoff to a dead pod (core/dataplane/dial_backoff.hpp), worked by hand.
#include "core/dataplane/dial_backoff.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace knsim::core::dataplane {
namespace {

// Without jitter: 50 ms + sum_{k=0}^{14} 50 ms x 1.4^k + 15 x 30 ms = 19.8207 s.
TEST(DialBackoff, WithoutJitterIsTheSumOfTheTimeoutsAndSleeps) {
  DialBackoff b;
  b.jitter = 0;
  b.sleep = 0.03;
  Rng rng(1);
  // The sleep is always jittered (wait.Jitter(30ms, 1.0)): bound it by its range instead.
  const double timeouts = 0.05 + 0.05 * (std::pow(1.4, 15) - 1) / 0.4;
  const Seconds t = dial_give_up_after(b, rng);
  EXPECT_GE(t, timeouts + 15 * 0.03);
  EXPECT_LT(t, timeouts + 15 * 0.06);
  EXPECT_NEAR(timeouts, 19.3712, 1e-3);
}

struct Case {
  int steps;
  double min_s, max_s;  // no jitter: timeouts + steps x 30 ms; full jitter: +10 % and 60 ms sleeps
};

TEST(DialBackoff, StepsBoundTheAttempts) {
  const Case cases[] = {
      {0, 0.05, 0.05},                     // one attempt, no retry
      {1, 0.05 + 0.05 + 0.03, 0.05 + 0.055 + 0.06},
      {2, 0.05 + 0.05 + 0.07 + 0.06, 0.05 + 0.055 + 0.077 + 0.12},
  };
  for (const auto& c : cases) {
    DialBackoff b;
    b.steps = c.steps;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      Rng rng(seed);
      const Seconds t = dial_give_up_after(b, rng);
      EXPECT_GE(t, c.min_s - 1e-12) << c.steps;
      EXPECT_LE(t, c.max_s + 1e-12) << c.steps;
    }
  }
}

// Knative's defaults give up after 19.8-21.8 s; the same seed gives the same time.
TEST(DialBackoff, DefaultsGiveUpAfterAboutTwentySeconds) {
  Rng a(7), b(7);
  const Seconds ta = dial_give_up_after(DialBackoff{}, a);
  EXPECT_EQ(ta, dial_give_up_after(DialBackoff{}, b));
  EXPECT_GT(ta, 19.82);
  EXPECT_LT(ta, 19.3712 * 1.1 + 0.05 * 0.1 + 15 * 0.06 + 1e-9);
}

}  // namespace
}  // namespace knsim::core::dataplane
