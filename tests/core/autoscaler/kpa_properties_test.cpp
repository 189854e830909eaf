// Properties of the KPA decider, runner and metric windows over random input (seeded, so every
// run checks the same thousands of cases): rate limits, no decrease in panic, panic entry/exit
// rules, EBC formula, activation-scale, delay window >= undelayed, determinism, and the windows
// against brute-force reference computations.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/autoscaler/kpa_decider.hpp"
#include "core/autoscaler/multiscaler_runner.hpp"
#include "core/autoscaler/replay.hpp"
#include "core/metrics/max_time_window.hpp"
#include "core/metrics/timed_buckets.hpp"
#include "core/random/rng.hpp"

namespace {

using namespace knsim::core;
using autoscaler::DeciderSpec;
using autoscaler::KpaDecider;

DeciderSpec random_spec(Rng& rng) {
  DeciderSpec s;
  s.target_value = rng.uniform(0.5, 50);
  s.total_value = s.target_value / rng.uniform(0.3, 1.0);
  const double tbc[] = {-1, 0, 10, 211};
  s.target_burst_capacity = tbc[rng.below(4)];
  s.panic_threshold = rng.uniform(1.1, 5);
  s.max_scale_up_rate = rng.uniform(1.01, 20);
  s.max_scale_down_rate = rng.uniform(1.01, 10);
  s.stable_window = static_cast<double>(6 + rng.below(120));
  s.reachable = rng.below(4) != 0;
  s.activation_scale = rng.below(3) == 0 ? static_cast<std::int32_t>(2 + rng.below(4)) : 0;
  return s;
}

struct Step {
  double t;
  int ready;
  double stable;
  double panic;
};

std::vector<Step> random_steps(Rng& rng, int n) {
  std::vector<Step> steps;
  double t = 0;
  double level = rng.uniform(0, 100);
  int ready = static_cast<int>(rng.below(10));
  for (int i = 0; i < n; ++i) {
    t += 2;
    level = std::max(0.0, level + rng.uniform(-20, 20) + (rng.below(20) == 0 ? rng.uniform(0, 300) : 0));
    if (rng.below(15) == 0) level = 0;  // idle spells
    if (rng.below(3) == 0) ready = std::max(0, ready + static_cast<int>(rng.below(7)) - 3);
    steps.push_back({t, ready, level * rng.uniform(0.5, 1.0), level});
  }
  return steps;
}

TEST(KpaProperties, StableDecisionsStayWithinTheRateLimits) {
  Rng rng(11);
  for (int run = 0; run < 300; ++run) {
    DeciderSpec spec = random_spec(rng);
    spec.activation_scale = 0;
    KpaDecider d(spec, 0, 0);
    for (const Step& s : random_steps(rng, 60)) {
      const auto r = d.scale(s.t, {s.ready, false}, {s.stable, s.panic, false});
      ASSERT_TRUE(r.scale_valid);
      ASSERT_GE(r.desired_pod_count, 0);
      if (d.in_panic()) continue;
      const double rp = std::max(1, s.ready);
      EXPECT_LE(r.desired_pod_count, std::ceil(spec.max_scale_up_rate * rp)) << explain_scale(r);
      if (spec.reachable) {
        EXPECT_GE(r.desired_pod_count, std::floor(rp / spec.max_scale_down_rate)) << explain_scale(r);
      }
    }
  }
}

TEST(KpaProperties, NeverDecreasesWhileInPanic) {
  Rng rng(12);
  for (int run = 0; run < 300; ++run) {
    KpaDecider d(random_spec(rng), 0, static_cast<int>(rng.below(4)));
    bool was_panicking = d.in_panic();
    std::int32_t last = -1;
    for (const Step& s : random_steps(rng, 80)) {
      const auto r = d.scale(s.t, {s.ready, false}, {s.stable, s.panic, false});
      if (was_panicking && d.in_panic() && last >= 0) {
        EXPECT_GE(r.desired_pod_count, last) << explain_scale(r);
      }
      was_panicking = d.in_panic();
      last = r.desired_pod_count;
    }
  }
}

TEST(KpaProperties, PanicEntryAndExitFollowTheRules) {
  Rng rng(13);
  for (int run = 0; run < 300; ++run) {
    const DeciderSpec spec = random_spec(rng);
    KpaDecider d(spec, 0, 0);
    for (const Step& s : random_steps(rng, 80)) {
      const auto before = d.panic_time();
      d.scale(s.t, {s.ready, false}, {s.stable, s.panic, false});
      const bool over = std::ceil(s.panic / spec.target_value) / std::max(1, s.ready) >= spec.panic_threshold;
      if (over) {
        ASSERT_TRUE(d.in_panic());
        EXPECT_EQ(*d.panic_time(), s.t);  // entered or extended now
      } else if (before && !d.in_panic()) {
        EXPECT_LT(*before + spec.stable_window, s.t);  // left only after the stable window
      } else if (before) {
        EXPECT_EQ(*d.panic_time(), *before);  // not over: the start does not move
      } else {
        EXPECT_FALSE(d.in_panic());
      }
    }
  }
}

TEST(KpaProperties, ExcessBurstCapacityFormula) {
  Rng rng(14);
  for (int run = 0; run < 200; ++run) {
    const DeciderSpec spec = random_spec(rng);
    KpaDecider d(spec, 0, 0);
    for (const Step& s : random_steps(rng, 30)) {
      const auto r = d.scale(s.t, {s.ready, false}, {s.stable, s.panic, false});
      if (spec.target_burst_capacity == 0) {
        EXPECT_EQ(r.excess_burst_capacity, 0);
      } else if (spec.target_burst_capacity < 0) {
        EXPECT_EQ(r.excess_burst_capacity, -1);
      } else {
        EXPECT_EQ(r.excess_burst_capacity,
                  static_cast<std::int32_t>(std::floor(s.ready * spec.total_value - spec.target_burst_capacity - s.panic)));
      }
    }
  }
}

TEST(KpaProperties, ActivationScaleIsAFloorForNonZeroLoad) {
  Rng rng(15);
  for (int run = 0; run < 200; ++run) {
    DeciderSpec spec = random_spec(rng);
    spec.activation_scale = static_cast<std::int32_t>(2 + rng.below(5));
    KpaDecider d(spec, 0, 0);
    for (const Step& s : random_steps(rng, 40)) {
      const auto r = d.scale(s.t, {s.ready, false}, {s.stable, s.panic, false});
      if (s.stable > 0) {
        EXPECT_GE(r.desired_pod_count, spec.activation_scale) << explain_scale(r);
      }
      // No load: only the scale-down floor remains (activation-scale does not apply to a raw 0).
      const double floor_pods = spec.reachable ? std::floor(std::max(1, s.ready) / spec.max_scale_down_rate) : 0;
      if (s.stable == 0 && s.panic == 0 && !d.in_panic()) {
        EXPECT_EQ(r.desired_pod_count, floor_pods) << explain_scale(r);
      }
    }
  }
}

TEST(KpaProperties, ScaleDownDelayNeverGoesBelowTheUndelayedDecision) {
  Rng rng(16);
  for (int run = 0; run < 200; ++run) {
    DeciderSpec spec = random_spec(rng);
    spec.reachable = true;
    DeciderSpec delayed = spec;
    delayed.scale_down_delay = static_cast<double>(2 + rng.below(60));
    KpaDecider a(spec, 0, 0), b(delayed, 0, 0);
    std::vector<std::pair<double, std::int32_t>> history;
    for (const Step& s : random_steps(rng, 60)) {
      const auto ra = a.scale(s.t, {s.ready, false}, {s.stable, s.panic, false});
      const auto rb = b.scale(s.t, {s.ready, false}, {s.stable, s.panic, false});
      EXPECT_GE(rb.desired_pod_count, ra.desired_pod_count);
      // and equals the max of the undelayed decisions within the delay (ticks are 2 s apart)
      history.emplace_back(s.t, ra.desired_pod_count);
      std::int32_t expect = 0;
      const auto slots = static_cast<std::int64_t>(std::ceil(delayed.scale_down_delay / 2));
      for (const auto& [t, v] : history) {
        if (static_cast<std::int64_t>(s.t) / 2 - static_cast<std::int64_t>(t) / 2 < slots) expect = std::max(expect, v);
      }
      EXPECT_EQ(rb.desired_pod_count, expect);
    }
  }
}

TEST(RunnerProperties, InformsOnlyOnDesiredOrEbcSignChange) {
  Rng rng(17);
  for (int run = 0; run < 200; ++run) {
    const DeciderSpec spec = random_spec(rng);
    autoscaler::MultiScalerRunner runner(spec, 0, 0);
    EXPECT_EQ(runner.status().desired_scale, -1);
    EXPECT_EQ(runner.status().excess_burst_capacity, autoscaler::initial_excess_burst_capacity(spec));
    for (const Step& s : random_steps(rng, 40)) {
      const auto before = runner.status();
      const bool no_data = rng.below(10) == 0;
      const auto tick = runner.tick(s.t, {s.ready, false}, {s.stable, s.panic, no_data});
      if (no_data) {
        EXPECT_FALSE(tick.informed);
        EXPECT_EQ(runner.status().desired_scale, before.desired_scale);
        continue;
      }
      const bool changed = before.desired_scale != tick.result.desired_pod_count ||
                           (before.excess_burst_capacity < 0) != (tick.result.excess_burst_capacity < 0);
      EXPECT_EQ(tick.informed, changed);
      metrics::Stat stat;
      stat.average_concurrency = s.panic;
      EXPECT_EQ(runner.should_poke(stat), runner.status().desired_scale == 0 && s.panic != 0);
    }
  }
}

TEST(RunnerProperties, InitialExcessBurstCapacity) {
  DeciderSpec s;
  s.initial_scale = 1;
  s.total_value = 100;
  s.target_burst_capacity = 211;
  EXPECT_EQ(autoscaler::initial_excess_burst_capacity(s), -111);
  s.target_burst_capacity = -1;
  EXPECT_EQ(autoscaler::initial_excess_burst_capacity(s), -1);
  s.target_burst_capacity = 0;
  EXPECT_EQ(autoscaler::initial_excess_burst_capacity(s), 0);
  s.initial_scale = 3;
  s.total_value = 10.5;
  s.target_burst_capacity = 20;
  EXPECT_EQ(autoscaler::initial_excess_burst_capacity(s), 11);  // int32(11.5) truncates
}

TEST(WindowProperties, LinearAverageMatchesBruteForce) {
  Rng rng(18);
  for (int run = 0; run < 200; ++run) {
    const auto window = static_cast<std::int64_t>(5 + rng.below(40));
    metrics::TimedBuckets b(static_cast<double>(window));
    std::map<std::int64_t, double> sums;
    std::int64_t t = static_cast<std::int64_t>(rng.below(100));
    std::int64_t first = -1;  // bucket of the first write since the last reset
    for (int i = 0; i < 200; ++i) {
      const std::int64_t gap = rng.below(8) == 0 ? static_cast<std::int64_t>(rng.below(window + 5)) : rng.below(2);
      t += gap;
      if (first < 0 || gap >= window) {  // first write, or a whole window without data: start over
        sums.clear();
        first = t;
      }
      const double v = rng.uniform(0, 50);
      const double frac = rng.uniform01();
      b.record(static_cast<double>(t) + frac, v);
      sums[t] += v;
      // Brute force: the buckets in (t - window, t], averaged over those since the first write.
      double total = 0;
      for (const auto& [bt, s] : sums) total += bt > t - window ? s : 0;
      const double n = static_cast<double>(std::min(t - first + 1, window));
      ASSERT_NEAR(b.window_average(static_cast<double>(t) + 0.5), metrics::round_to_n_digits(6, total / n), 1e-6);
    }
  }
}

TEST(WindowProperties, WeightedAverageMatchesItsFormula) {
  Rng rng(19);
  for (int run = 0; run < 100; ++run) {
    const auto nb = static_cast<std::int64_t>(5 + rng.below(60));
    metrics::TimedBuckets b(static_cast<double>(nb), 1.0, metrics::WindowAlgorithm::kWeightedExponential);
    const double m = metrics::compute_smoothing_coeff(static_cast<double>(nb));
    std::vector<double> values;
    for (std::int64_t t = 0; t < nb * 2; ++t) {
      values.push_back(rng.uniform(0, 10));
      b.record(static_cast<double>(t), values.back());
    }
    const std::int64_t last = nb * 2 - 1;
    const std::int64_t z = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(nb)));
    double expect = 0;
    for (std::int64_t k = 0; k < nb - z; ++k) {
      expect += values[static_cast<std::size_t>(last - k)] * m * std::pow(1 - m, static_cast<double>(z + k));
    }
    EXPECT_NEAR(b.window_average(static_cast<double>(last + z)), expect, 1e-9);
  }
}

TEST(WindowProperties, MaxWindowMatchesBruteForce) {
  Rng rng(20);
  for (int run = 0; run < 200; ++run) {
    const double duration = static_cast<double>(1 + rng.below(30));
    metrics::MaxTimeWindow w(duration, 2.0);
    std::vector<std::pair<std::int64_t, double>> records;
    double t = 0;
    for (int i = 0; i < 100; ++i) {
      t += rng.below(3) == 0 ? 0.0 : 2.0 * static_cast<double>(1 + rng.below(3));
      const double v = static_cast<double>(rng.below(20));
      w.record(t, v);
      const auto idx = static_cast<std::int64_t>(t) / 2;
      records.emplace_back(idx, v);
      double expect = 0;
      bool any = false;
      for (const auto& [ri, rv] : records) {
        if (idx - ri < static_cast<std::int64_t>(w.size())) {
          expect = any ? std::max(expect, rv) : rv;
          any = true;
        }
      }
      ASSERT_EQ(w.current(), expect);
    }
  }
}

TEST(ReplayProperties, DeterministicAndOneLinePerTick) {
  Rng rng(21);
  autoscaler::ReplayInput in;
  in.annotations = {{"autoscaling.knative.dev/target", "10"}};
  int ticks = 0;
  for (int s = 0; s < 600; ++s) {
    autoscaler::ReplayEvent e;
    e.kind = autoscaler::ReplayEvent::Kind::kStat;
    e.t = s;
    e.stat.average_concurrency = rng.uniform(0, 80);
    e.stat.request_count = rng.uniform(0, 200);
    in.events.push_back(e);
    if (s % 2 == 0) {
      autoscaler::ReplayEvent tick;
      tick.t = s;
      tick.ready_pods = static_cast<int>(rng.below(10));
      in.events.push_back(tick);
      ++ticks;
    }
  }
  const auto a = autoscaler::run_replay(in);
  const auto b = autoscaler::run_replay(in);
  ASSERT_EQ(a.ticks.size(), static_cast<std::size_t>(ticks));
  for (std::size_t i = 0; i < a.ticks.size(); ++i) {
    EXPECT_EQ(a.ticks[i].desired, b.ticks[i].desired);
    EXPECT_EQ(a.ticks[i].ebc, b.ticks[i].ebc);
    EXPECT_EQ(a.ticks[i].reason, b.ticks[i].reason);
  }
}

TEST(ReplayProperties, InvalidConfigGivesErrorsAndNoTicks) {
  autoscaler::ReplayInput in;
  in.config = {{"max-scale-down-rate", "1"}};
  in.events.push_back({});
  const auto out = autoscaler::run_replay(in);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.errors[0].key, "max-scale-down-rate");
  EXPECT_TRUE(out.ticks.empty());
}

}  // namespace
