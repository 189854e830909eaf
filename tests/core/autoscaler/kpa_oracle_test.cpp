// Every kpa-oracle trace (Knative's own collector + decider run on it) replayed through our core:
// every tick equal on t, desired, ebc, panic and valid; the resolved DeciderSpec equal too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/autoscaler/replay.hpp"
#include "tests/core/autoscaler/replay_loader.hpp"

namespace {

using knsim::core::autoscaler::run_replay;

class KpaOracle : public ::testing::TestWithParam<std::string> {};

TEST_P(KpaOracle, EveryTickMatchesKnative) {
  const auto path = knsim::test::knative_vectors_dir() / "kpa-oracle" / GetParam();
  const nlohmann::json doc = knsim::test::load_json(path);
  const auto out = run_replay(knsim::test::replay_input_from_json(doc));
  ASSERT_TRUE(out.ok()) << out.errors.front().message;
  const auto& expect = doc.at("expect");
  const auto& trace = doc.at("trace");
  ASSERT_EQ(out.ticks.size(), expect.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < expect.size() && mismatches < 5; ++i) {
    const auto& e = expect[i];
    const auto& got = out.ticks[i];
    const bool same = got.t == e.at("t").get<double>() && got.desired == e.at("desired").get<int>() &&
                      got.ebc == e.at("ebc").get<int>() && got.panic == e.at("panic").get<bool>() &&
                      got.valid == e.at("valid").get<bool>();
    if (!same) {
      ++mismatches;
      ADD_FAILURE() << GetParam() << " tick " << i << " t=" << got.t << ": got desired " << got.desired << " ebc "
                    << got.ebc << " panic " << got.panic << " valid " << got.valid << " (stable "
                    << got.observed_stable << " panic " << got.observed_panic << "), want " << e.dump()
                    << " trace " << trace[i].dump() << "\n  reason: " << got.reason;
    }
    if (got.valid && trace[i].at("valid").get<bool>()) {
      // Knative's float64 results: bit-exact, not near (a ceil/floor over them decides pods).
      EXPECT_EQ(got.observed_stable, trace[i].at("observed_stable").get<double>()) << GetParam() << " " << i;
      EXPECT_EQ(got.observed_panic, trace[i].at("observed_panic").get<double>()) << GetParam() << " " << i;
      EXPECT_EQ(got.informed, trace[i].at("informed").get<bool>()) << GetParam() << " tick " << i;
    }
  }
}

TEST_P(KpaOracle, ResolvedSpecMatchesKnative) {
  const auto path = knsim::test::knative_vectors_dir() / "kpa-oracle" / GetParam();
  const nlohmann::json doc = knsim::test::load_json(path);
  const auto out = run_replay(knsim::test::replay_input_from_json(doc));
  ASSERT_TRUE(out.ok());
  const auto& r = doc.at("resolved");
  const auto& d = out.resolved.decider;
  EXPECT_EQ(d.activation_scale, r.at("activation_scale").get<int>());
  EXPECT_EQ(d.initial_scale, r.at("initial_scale").get<int>());
  EXPECT_EQ(out.resolved.bounds.max, r.at("max_scale").get<int>());
  EXPECT_EQ(out.resolved.bounds.min, r.at("min_scale").get<int>());
  EXPECT_DOUBLE_EQ(d.max_scale_down_rate, r.at("max_scale_down_rate").get<double>());
  EXPECT_DOUBLE_EQ(d.max_scale_up_rate, r.at("max_scale_up_rate").get<double>());
  EXPECT_DOUBLE_EQ(d.panic_threshold, r.at("panic_threshold").get<double>());
  EXPECT_DOUBLE_EQ(out.resolved.metric.panic_window, r.at("panic_window_s").get<double>());
  EXPECT_EQ(d.reachable, r.at("reachable").get<bool>());
  EXPECT_DOUBLE_EQ(d.scale_down_delay, r.at("scale_down_delay_s").get<double>());
  EXPECT_EQ(d.scaling_metric, r.at("scaling_metric").get<std::string>());
  EXPECT_EQ(out.resolved.metric.scrape_target_set, r.at("scrape_target_set").get<bool>());
  EXPECT_DOUBLE_EQ(d.stable_window, r.at("stable_window_s").get<double>());
  EXPECT_DOUBLE_EQ(d.target_burst_capacity, r.at("target_burst_capacity").get<double>());
  EXPECT_DOUBLE_EQ(d.target_value, r.at("target_value").get<double>());
  EXPECT_DOUBLE_EQ(d.total_value, r.at("total_value").get<double>());
  const bool weighted = out.resolved.metric.algorithm == knsim::core::metrics::WindowAlgorithm::kWeightedExponential;
  EXPECT_EQ(weighted, r.at("aggregation_algorithm").get<std::string>() == "weighted-exponential");
}

std::vector<std::string> oracle_names() {
  std::vector<std::string> names;
  for (const auto& p : knsim::test::kpa_oracle_files()) names.push_back(p.filename().string());
  return names;
}

INSTANTIATE_TEST_SUITE_P(AllFiles, KpaOracle, ::testing::ValuesIn(oracle_names()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string n = p.param.substr(0, p.param.size() - 5);
                           std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(c); }, '_');
                           return n;
                         });

TEST(KpaOracleFiles, AllTwentyArePresent) { EXPECT_EQ(knsim::test::kpa_oracle_files().size(), 20u); }

}  // namespace
