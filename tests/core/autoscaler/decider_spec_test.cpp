// DeciderSpec / Metric resolution (decider.go, target.go, metric.go, kpa.go, pa_lifecycle.go).
#include <gtest/gtest.h>

#include "core/autoscaler/decider_spec.hpp"

namespace {

using namespace knsim::core;
using autoscaler::resolve_metric_target;

std::string key(const char* suffix) { return std::string("autoscaling.knative.dev/") + suffix; }

config::RevisionAnnotations ann(const std::map<std::string, std::string>& m) {
  return config::parse_revision_annotations(m);
}

struct TargetCase {
  const char* name;
  std::map<std::string, std::string> annotations;
  int cc;
  double target;
  double total;
};

class TargetResolution : public ::testing::TestWithParam<TargetCase> {};

TEST_P(TargetResolution, MatchesKnative) {
  const auto& c = GetParam();
  const auto t = resolve_metric_target(config::AutoscalerConfig{}, ann(c.annotations), c.cc);
  EXPECT_DOUBLE_EQ(t.target, c.target);
  EXPECT_DOUBLE_EQ(t.total, c.total);
}

const TargetCase kTargets[] = {
    {"defaults", {}, 0, 70, 100},
    {"cc10", {}, 10, 7, 10},
    {"annotation", {{key("target"), "10"}}, 0, 7, 10},
    {"annotation_capped_by_cc", {{key("target"), "20"}}, 10, 7, 10},
    {"annotation_below_cc", {{key("target"), "5"}}, 10, 3.5, 5},
    {"utilization", {{key("target-utilization-percentage"), "50"}}, 0, 50, 100},
    {"rps_default", {{key("metric"), "rps"}}, 0, 140, 200},
    {"rps_ignores_cc", {{key("metric"), "rps"}, {key("target"), "50"}}, 10, 35, 50},
    {"tiny_target_floor", {{key("target"), "0.001"}}, 0, 0.01, 0.001},
};

INSTANTIATE_TEST_SUITE_P(Knative, TargetResolution, ::testing::ValuesIn(kTargets),
                         [](const ::testing::TestParamInfo<TargetCase>& p) { return std::string(p.param.name); });

TEST(PanicWindow, RoundedToTheSecondAtLeastOne) {
  EXPECT_DOUBLE_EQ(autoscaler::panic_window(60, 10), 6);
  EXPECT_DOUBLE_EQ(autoscaler::panic_window(30, 10), 3);
  EXPECT_DOUBLE_EQ(autoscaler::panic_window(6, 10), 1);    // 0.6 s rounds to 1 s
  EXPECT_DOUBLE_EQ(autoscaler::panic_window(6, 1), 1);     // 0.06 s: minimum 1 s
  EXPECT_DOUBLE_EQ(autoscaler::panic_window(25, 10), 3);   // 2.5 s: halves round up
  EXPECT_DOUBLE_EQ(autoscaler::panic_window(3600, 100), 3600);
}

TEST(DeciderSpec, FromConfigAndAnnotations) {
  auto cfg = config::parse_autoscaler_config({{"max-scale-up-rate", "5"}, {"scale-down-delay", "10s"}}).config;
  const auto spec = autoscaler::make_decider_spec(
      cfg,
      ann({{key("panic-threshold-percentage"), "150"}, {key("window"), "20s"}, {key("targetBurstCapacity"), "0"},
           {key("activation-scale"), "2"}, {key("initial-scale"), "3"}}),
      0, false);
  EXPECT_DOUBLE_EQ(spec.max_scale_up_rate, 5);
  EXPECT_DOUBLE_EQ(spec.panic_threshold, 1.5);
  EXPECT_DOUBLE_EQ(spec.stable_window, 20);
  EXPECT_DOUBLE_EQ(spec.target_burst_capacity, 0);
  EXPECT_DOUBLE_EQ(spec.scale_down_delay, 10);
  EXPECT_EQ(spec.activation_scale, 2);
  EXPECT_EQ(spec.initial_scale, 3);
  EXPECT_FALSE(spec.reachable);
  EXPECT_EQ(spec.scaling_metric, "concurrency");
}

TEST(DeciderSpec, InitialScaleZeroNeedsTheClusterFlag) {
  config::AutoscalerConfig cfg;
  EXPECT_EQ(autoscaler::initial_scale(cfg, ann({{key("initial-scale"), "0"}})), 1);
  cfg.allow_zero_initial_scale = true;
  EXPECT_EQ(autoscaler::initial_scale(cfg, ann({{key("initial-scale"), "0"}})), 0);
}

TEST(MetricSpec, WindowsAlgorithmAndScrapeTarget) {
  const config::AutoscalerConfig cfg;
  auto m = autoscaler::make_metric_spec(cfg, ann({{key("window"), "40s"}, {key("panic-window-percentage"), "25"}}));
  EXPECT_DOUBLE_EQ(m.stable_window, 40);
  EXPECT_DOUBLE_EQ(m.panic_window, 10);
  EXPECT_EQ(m.algorithm, metrics::WindowAlgorithm::kLinear);
  EXPECT_TRUE(m.scrape_target_set);
  m = autoscaler::make_metric_spec(cfg, ann({{key("metric-aggregation-algorithm"), "weightedExponential"},
                                             {key("target-burst-capacity"), "-1"}}));
  EXPECT_EQ(m.algorithm, metrics::WindowAlgorithm::kWeightedExponential);
  EXPECT_FALSE(m.scrape_target_set);
}

TEST(ScaleBounds, MinIsDroppedWhenUnreachable) {
  config::AutoscalerConfig cfg;
  cfg.min_scale = 1;
  cfg.max_scale = 10;
  auto b = autoscaler::scale_bounds(cfg, ann({{key("minScale"), "2"}}), true);
  EXPECT_EQ(b.min, 2);
  EXPECT_EQ(b.max, 10);
  b = autoscaler::scale_bounds(cfg, ann({{key("min-scale"), "2"}, {key("max-scale"), "4"}}), false);
  EXPECT_EQ(b.min, 0);
  EXPECT_EQ(b.max, 4);
}

}  // namespace
