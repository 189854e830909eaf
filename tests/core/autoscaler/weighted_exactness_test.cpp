// Regression tests (from review): the weighted-exponential average must be bit-exact with Knative's
// Go code, because a ceil()/floor() over it decides desired pods and EBC.
//
// Knative (pkg/autoscaler/aggregation/bucketing.go computeSmoothingCoeff) computes
// math.Pow(1-weightPrecision, 1/nb) where `1-weightPrecision` is an untyped Go constant: it is
// folded exactly to 0.0001, then rounded once to float64 (1e-4). In double arithmetic
// 1 - 0.9999 = 9.999999999998899e-05, which moves m by ~40 ULPs (nb = 6: 0.7845565309968155
// instead of Go's 0.7845565309968116). Go's math.Pow is also not glibc's pow: for 0 < y < 0.5 it is
// Exp(y * Log(x)), and for an integer y it is Frexp-based repeated squaring (1-ULP differences).
#include <gtest/gtest.h>

#include "core/autoscaler/replay.hpp"
#include "tests/core/autoscaler/replay_loader.hpp"

namespace {

using knsim::core::autoscaler::ReplayEvent;
using knsim::core::autoscaler::ReplayInput;
using knsim::core::autoscaler::run_replay;

constexpr const char* kA = "autoscaling.knative.dev/";

// The oracle's per-tick observed values are Knative's float64 results: they must be equal, not near.
TEST(WeightedExactness, OracleObservedValuesAreBitExact) {
  const auto path = knsim::test::knative_vectors_dir() / "kpa-oracle" / "weighted_exponential.json";
  const nlohmann::json doc = knsim::test::load_json(path);
  const auto out = run_replay(knsim::test::replay_input_from_json(doc));
  ASSERT_TRUE(out.ok());
  const auto& trace = doc.at("trace");
  ASSERT_EQ(out.ticks.size(), trace.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    if (!trace[i].at("valid").get<bool>()) continue;
    const double want_s = trace[i].at("observed_stable").get<double>();
    const double want_p = trace[i].at("observed_panic").get<double>();
    if (out.ticks[i].observed_stable != want_s || out.ticks[i].observed_panic != want_p) ++mismatches;
  }
  EXPECT_EQ(mismatches, 0) << "ticks whose observed values differ from Knative's float64 results";
}

ReplayInput one_stat_one_tick(std::map<std::string, std::string> annotations) {
  ReplayInput in;
  in.annotations = std::move(annotations);
  ReplayEvent stat;
  stat.kind = ReplayEvent::Kind::kStat;
  stat.t = 0.0;
  stat.stat.average_concurrency = 10.0;
  ReplayEvent tick;
  tick.kind = ReplayEvent::Kind::kTick;
  tick.t = 0.0;
  tick.ready_pods = 1;
  in.events = {stat, tick};
  return in;
}

// Panic window 6 s, one stat of 10: Knative's panic value is 10 * m = 7.845565309968116 exactly.
// Target set to that value (utilisation 100%): dppc = ceil(1.0) = 1, no panic, desired 1.
TEST(WeightedExactness, CeilOfPanicOverTargetMatchesKnative) {
  const auto out = run_replay(one_stat_one_tick({{std::string(kA) + "metric-aggregation-algorithm", "weighted-exponential"},
                                                 {std::string(kA) + "target", "7.845565309968116"},
                                                 {std::string(kA) + "target-utilization-percentage", "100"}}));
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out.ticks.size(), 1u);
  EXPECT_EQ(out.ticks[0].observed_panic, 7.845565309968116);
  EXPECT_EQ(out.ticks[0].desired, 1);
  EXPECT_EQ(out.ticks[0].ebc, -211);
  EXPECT_FALSE(out.ticks[0].panic);
}

// Same stat; TBC chosen so that 1 * 10 - TBC - panic is 0 in Knative's arithmetic: EBC 0, not -1.
TEST(WeightedExactness, FloorOfEbcMatchesKnative) {
  const auto out = run_replay(one_stat_one_tick({{std::string(kA) + "metric-aggregation-algorithm", "weighted-exponential"},
                                                 {std::string(kA) + "target", "10"},
                                                 {std::string(kA) + "target-burst-capacity", "2.154434690031884"}}));
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out.ticks.size(), 1u);
  EXPECT_EQ(out.ticks[0].desired, 2);
  EXPECT_EQ(out.ticks[0].ebc, 0);
  EXPECT_TRUE(out.ticks[0].panic);
}

}  // namespace
