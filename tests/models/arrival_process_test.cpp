#include "models/arrival_process.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace knsim::models {
namespace {

using Kind = ArrivalSpec::Kind;

// Arrival times in [origin, until), drawn with a fixed seed.
std::vector<double> times(const ArrivalSpec& spec, double until, double origin = 0, std::uint64_t seed = 1) {
  auto p = make_arrival_process(spec, origin);
  core::Rng rng(seed);
  std::vector<double> t;
  Arrival a;
  while (p->next(rng, a) && a.t < until) t.push_back(a.t);
  return t;
}

std::size_t count_in(const std::vector<double>& t, double lo, double hi) {
  std::size_t n = 0;
  for (double x : t) n += (x >= lo && x < hi) ? 1 : 0;
  return n;
}

ArrivalSpec poisson(double rate) {
  ArrivalSpec s;
  s.kind = Kind::kPoisson;
  s.rate = rate;
  return s;
}

TEST(Arrivals, PoissonCountAndOrder) {
  const auto t = times(poisson(50), 2000);
  // mean 100000, sd 316: +-1%
  EXPECT_NEAR(static_cast<double>(t.size()), 100000, 1000);
  for (std::size_t i = 1; i < t.size(); ++i) ASSERT_LT(t[i - 1], t[i]);
  EXPECT_EQ(times(poisson(50), 100, 0, 9), times(poisson(50), 100, 0, 9));  // deterministic
  EXPECT_TRUE(times(poisson(0), 100).empty());
}

TEST(Arrivals, ConstantSpacingExact) {
  ArrivalSpec s;
  s.kind = Kind::kConstant;
  s.rate = 10;
  const auto t = times(s, 10.0 + 1e-9, 5.0);
  ASSERT_EQ(t.size(), 50u);  // (5, 10]: 5 + k/10, k = 1..50
  for (std::size_t k = 0; k < t.size(); ++k) EXPECT_DOUBLE_EQ(t[k], 5.0 + static_cast<double>(k + 1) / 10.0);
}

TEST(Arrivals, StepsSwitchAtStepTimes) {
  ArrivalSpec s;
  s.kind = Kind::kSteps;
  s.steps = {{0, 10}, {300, 100}, {600, 0}, {900, 20}};
  const auto t = times(s, 1200, 60);  // origin 60 s: steps are relative
  EXPECT_EQ(count_in(t, 0, 60), 0u);
  EXPECT_NEAR(static_cast<double>(count_in(t, 60, 360)), 3000, 200);     // 10/s x 300 s
  EXPECT_NEAR(static_cast<double>(count_in(t, 360, 660)), 30000, 600);   // 100/s
  EXPECT_EQ(count_in(t, 660, 960), 0u);                                 // rate 0
  EXPECT_NEAR(static_cast<double>(count_in(t, 960, 1200)), 4800, 300);    // 20/s x 240 s
  // first arrival right after the zero step ends, not before
  ArrivalSpec late;
  late.kind = Kind::kSteps;
  late.steps = {{0, 0}, {100, 1000}};
  const auto tl = times(late, 200);
  ASSERT_FALSE(tl.empty());
  EXPECT_GE(tl.front(), 100.0);
  EXPECT_LT(tl.front(), 100.1);
}

TEST(Arrivals, StepsEndWhenLastRateIsZero) {
  ArrivalSpec s;
  s.kind = Kind::kSteps;
  s.steps = {{0, 5}, {10, 0}};
  auto p = make_arrival_process(s, 0);
  core::Rng rng(3);
  Arrival a;
  int n = 0;
  while (p->next(rng, a)) {
    ASSERT_LT(a.t, 10.0);
    ++n;
  }
  EXPECT_GT(n, 20);
  EXPECT_FALSE(p->next(rng, a));
}

TEST(Arrivals, RampFollowsLinearRate) {
  ArrivalSpec s;
  s.kind = Kind::kRamp;
  s.from = 0;
  s.to = 200;
  s.over = 100;
  const auto t = times(s, 200);
  // integral over [0,50) = 50*100/2 = 2500; [50,100) = 7500; [100,200) = 20000
  EXPECT_NEAR(static_cast<double>(count_in(t, 0, 50)), 2500, 200);
  EXPECT_NEAR(static_cast<double>(count_in(t, 50, 100)), 7500, 350);
  EXPECT_NEAR(static_cast<double>(count_in(t, 100, 200)), 20000, 600);
  // a decreasing ramp to 0 ends
  ArrivalSpec down;
  down.kind = Kind::kRamp;
  down.from = 100;
  down.to = 0;
  down.over = 10;
  const auto td = times(down, 1e9);
  EXPECT_NEAR(static_cast<double>(td.size()), 500, 90);
  EXPECT_LT(td.back(), 10.0);
}

TEST(Arrivals, SinusoidRateOverPhases) {
  ArrivalSpec s;
  s.kind = Kind::kSinusoid;
  s.mean = 100;
  s.amplitude = 50;
  s.period = 100;
  const auto t = times(s, 1000);
  EXPECT_NEAR(static_cast<double>(t.size()), 100000, 1500);
  // first half period: integral = 100*50 + 50*100/pi = 6591.5 per period, 10 periods
  std::size_t high = 0;
  for (double x : t) high += std::fmod(x, 100.0) < 50.0 ? 1 : 0;
  EXPECT_NEAR(static_cast<double>(high), 65915, 900);
  for (std::size_t i = 1; i < t.size(); ++i) ASSERT_LT(t[i - 1], t[i]);
}

TEST(Arrivals, MeanRates) {
  ArrivalSpec steps;
  steps.kind = Kind::kSteps;
  steps.steps = {{0, 3}, {5, 7}};
  EXPECT_DOUBLE_EQ(make_arrival_process(poisson(4), 0)->mean_rate(), 4);
  EXPECT_DOUBLE_EQ(make_arrival_process(steps, 0)->mean_rate(), 7);
  ArrivalSpec clipped;
  clipped.kind = Kind::kSinusoid;
  clipped.mean = 0;
  clipped.amplitude = 10;
  clipped.period = 60;
  EXPECT_NEAR(make_arrival_process(clipped, 0)->mean_rate(), 10 / M_PI, 0.01);
}

TEST(Arrivals, Validation) {
  ArrivalSpec neg = poisson(-1);
  ArrivalSpec unsorted;
  unsorted.kind = Kind::kSteps;
  unsorted.steps = {{10, 1}, {5, 2}};
  ArrivalSpec ramp;
  ramp.kind = Kind::kRamp;
  ramp.over = 0;
  ArrivalSpec sin;
  sin.kind = Kind::kSinusoid;
  sin.mean = 1;
  sin.period = 0;
  ArrivalSpec trace;
  trace.kind = Kind::kTrace;
  trace.trace.file = "x.csv";
  trace.trace.scale = -1;
  EXPECT_FALSE(validate_arrivals(poisson(1)).has_value());
  for (const auto& [spec, word] : {std::pair{neg, "rate"}, {unsorted, "steps[1].at"}, {ramp, "over"},
                                   {sin, "period"}, {trace, "scale"}}) {
    const auto err = validate_arrivals(spec);
    ASSERT_TRUE(err.has_value()) << word;
    EXPECT_NE(err->find(word), std::string::npos) << *err;
  }
}

}  // namespace
}  // namespace knsim::models
