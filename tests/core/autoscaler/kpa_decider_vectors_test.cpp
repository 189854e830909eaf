// The 37 `decider` cases of knative-serving-tests.json (transcribed from autoscaler_test.go),
// each a sequence of Scale() calls on one decider with given ready pods and observed values.
#include <gtest/gtest.h>

#include "core/autoscaler/kpa_decider.hpp"
#include "tests/core/autoscaler/serving_vectors.hpp"

namespace {

using knsim::core::autoscaler::DeciderSpec;
using knsim::core::autoscaler::KpaDecider;
using knsim::core::autoscaler::ObservedMetrics;
using knsim::core::autoscaler::ReadyPods;

DeciderSpec spec_from(const nlohmann::json& c) {
  DeciderSpec s;
  s.scaling_metric = c.at("scaling_metric").get<std::string>();
  s.target_value = c.at("target_value").get<double>();
  s.total_value = c.at("total_value").get<double>();
  s.target_burst_capacity = c.at("target_burst_capacity").get<double>();
  s.panic_threshold = c.at("panic_threshold").get<double>();
  s.max_scale_up_rate = c.at("max_scale_up_rate").get<double>();
  s.max_scale_down_rate = c.at("max_scale_down_rate").get<double>();
  s.stable_window = c.at("stable_window_s").get<double>();
  s.scale_down_delay = c.at("scale_down_delay_s").get<double>();
  s.reachable = c.at("reachable").get<bool>();
  s.activation_scale = c.at("activation_scale").get<int>();
  s.activator_capacity = c.value("activator_capacity", 100.0);
  return s;
}

class DeciderVector : public ::testing::TestWithParam<std::string> {};

TEST_P(DeciderVector, MatchesKnative) {
  const nlohmann::json v = knsim::test::serving_vector(GetParam());
  const auto& init = v.at("init");
  std::optional<int> ready_at_creation = init.at("ready_pods_at_creation").get<int>();
  if (init.at("pod_count_error_at_creation").get<bool>()) ready_at_creation.reset();
  KpaDecider decider(spec_from(v.at("config")), 0.0, ready_at_creation);

  const auto& steps = v.at("steps");
  const auto& expect = v.at("expect");
  if (steps.empty()) {  // construct-only cases
    ASSERT_EQ(expect.size(), 1u);
    EXPECT_EQ(decider.in_panic(), expect[0].at("in_panic").get<bool>());
    if (expect[0].contains("max_panic_pods")) {
      EXPECT_EQ(decider.max_panic_pods(), expect[0].at("max_panic_pods").get<int>());
    }
    return;
  }
  ASSERT_EQ(steps.size(), expect.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& st = steps[i];
    const auto& ex = expect[i];
    if (st.contains("update_spec")) decider.update(spec_from(st.at("update_spec")));
    if (st.contains("preset")) {
      decider.set_panic_state(st.at("preset").at("panic_start_t_s").get<double>(),
                              st.at("preset").at("max_panic_pods").get<int>());
    }
    ReadyPods ready{st.at("ready_pods").get<int>(), st.contains("pod_count_error")};
    ObservedMetrics observed{st.at("observed_stable").get<double>(), st.at("observed_panic").get<double>(),
                             st.contains("metric_error")};
    const double now = st.at("t_s").get<double>();
    const auto r = decider.scale(now, ready, observed);
    SCOPED_TRACE("step " + std::to_string(i) + " t=" + std::to_string(now) + " reason: " + explain_scale(r));
    EXPECT_EQ(r.scale_valid, ex.at("scale_valid").get<bool>());
    EXPECT_EQ(r.desired_pod_count, ex.at("desired_pods").get<int>());
    EXPECT_EQ(r.excess_burst_capacity, ex.at("excess_burst_capacity").get<int>());
    if (ex.contains("derived_by_reference_model")) {
      const auto& d = ex.at("derived_by_reference_model");
      EXPECT_EQ(r.excess_burst_capacity, d.at("excess_burst_capacity_exact").get<int>());
      if (!d.at("in_panic").is_null()) {
        EXPECT_EQ(decider.in_panic(), d.at("in_panic").get<bool>());
      }
    }
    if (ex.contains("in_panic")) {
      EXPECT_EQ(decider.in_panic(), ex.at("in_panic").get<bool>());
    }
    if (ex.contains("panic_start_t_s")) {
      ASSERT_TRUE(decider.panic_time().has_value());
      EXPECT_DOUBLE_EQ(*decider.panic_time(), ex.at("panic_start_t_s").get<double>());
    }
    EXPECT_FALSE(explain_scale(r).empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Knative, DeciderVector, ::testing::ValuesIn(knsim::test::serving_vector_ids("decider")));

TEST(DeciderVectors, ThirtySevenCases) { EXPECT_EQ(knsim::test::serving_vector_ids("decider").size(), 37u); }

}  // namespace
