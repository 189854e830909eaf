// autoscaling.knative.dev/* annotations: lenient reading with legacy spellings (pa_lifecycle.go)
// and the webhook's validation messages (annotation_validation.go).
#include <gtest/gtest.h>

#include "core/config/revision_annotations.hpp"

namespace {

using namespace knsim::core::config;

std::string key(const char* suffix) { return std::string("autoscaling.knative.dev/") + suffix; }

TEST(RevisionAnnotations, ReadsEveryAnnotation) {
  const auto a = parse_revision_annotations({{key("class"), "kpa.autoscaling.knative.dev"},
                                             {key("metric"), "rps"},
                                             {key("target"), "50"},
                                             {key("target-utilization-percentage"), "80"},
                                             {key("target-burst-capacity"), "-1"},
                                             {key("window"), "30s"},
                                             {key("panic-window-percentage"), "20"},
                                             {key("panic-threshold-percentage"), "150"},
                                             {key("min-scale"), "1"},
                                             {key("max-scale"), "9"},
                                             {key("initial-scale"), "2"},
                                             {key("activation-scale"), "3"},
                                             {key("scale-down-delay"), "1m"},
                                             {key("scale-to-zero-pod-retention-period"), "10s"},
                                             {key("metric-aggregation-algorithm"), "weightedExponential"}});
  EXPECT_EQ(a.class_or_default(), "kpa.autoscaling.knative.dev");
  EXPECT_EQ(a.metric_or_default(), "rps");
  EXPECT_DOUBLE_EQ(*a.target, 50);
  EXPECT_DOUBLE_EQ(*a.target_utilization, 0.8);
  EXPECT_DOUBLE_EQ(*a.target_burst_capacity, -1);
  EXPECT_DOUBLE_EQ(*a.window, 30);
  EXPECT_DOUBLE_EQ(*a.panic_window_percentage, 20);
  EXPECT_DOUBLE_EQ(*a.panic_threshold_percentage, 150);
  EXPECT_EQ(*a.min_scale, 1);
  EXPECT_EQ(*a.max_scale, 9);
  EXPECT_EQ(*a.initial_scale, 2);
  EXPECT_EQ(*a.activation_scale, 3);
  EXPECT_DOUBLE_EQ(*a.scale_down_delay, 60);
  EXPECT_DOUBLE_EQ(*a.scale_to_zero_pod_retention_period, 10);
  EXPECT_EQ(a.metric_aggregation_algorithm, "weighted-exponential");  // normalised
}

TEST(RevisionAnnotations, LegacyCamelCaseSpellings) {
  const auto a = parse_revision_annotations({{key("minScale"), "2"},
                                             {key("maxScale"), "7"},
                                             {key("initialScale"), "3"},
                                             {key("targetBurstCapacity"), "0"},
                                             {key("panicWindowPercentage"), "5"},
                                             {key("panicThresholdPercentage"), "400"},
                                             {key("scaleDownDelay"), "15s"},
                                             {key("scaleToZeroPodRetentionPeriod"), "5s"},
                                             {key("targetUtilizationPercentage"), "50"},
                                             {key("metricAggregationAlgorithm"), "linear"}});
  EXPECT_EQ(*a.min_scale, 2);
  EXPECT_EQ(*a.max_scale, 7);
  EXPECT_EQ(*a.initial_scale, 3);
  EXPECT_DOUBLE_EQ(*a.target_burst_capacity, 0);
  EXPECT_DOUBLE_EQ(*a.panic_window_percentage, 5);
  EXPECT_DOUBLE_EQ(*a.panic_threshold_percentage, 400);
  EXPECT_DOUBLE_EQ(*a.scale_down_delay, 15);
  EXPECT_DOUBLE_EQ(*a.scale_to_zero_pod_retention_period, 5);
  EXPECT_DOUBLE_EQ(*a.target_utilization, 0.5);
  EXPECT_EQ(a.metric_aggregation_algorithm, "linear");
}

TEST(RevisionAnnotations, KebabCaseWinsOverCamelCase) {
  const auto a = parse_revision_annotations({{key("min-scale"), "4"}, {key("minScale"), "1"}});
  EXPECT_EQ(*a.min_scale, 4);
}

TEST(RevisionAnnotations, UnparseableValuesAreIgnored) {
  const auto a = parse_revision_annotations({{key("target"), "ten"},
                                             {key("min-scale"), "1.5"},
                                             {key("window"), "60"},
                                             {key("target-burst-capacity"), ""},
                                             {"serving.knative.dev/other", "x"}});
  EXPECT_FALSE(a.target);
  EXPECT_FALSE(a.min_scale);
  EXPECT_FALSE(a.window);
  EXPECT_FALSE(a.target_burst_capacity);
  EXPECT_EQ(a.metric_or_default(), "concurrency");
  EXPECT_EQ(a.class_or_default(), "kpa.autoscaling.knative.dev");
}

TEST(RevisionAnnotations, HpaDefaultMetricIsCpu) {
  EXPECT_EQ(parse_revision_annotations({{key("class"), "hpa.autoscaling.knative.dev"}}).metric_or_default(), "cpu");
}

struct AnnotationCase {
  const char* name;
  std::map<std::string, std::string> annotations;
  const char* key;      // empty: valid
  const char* message;
};

class AnnotationValidation : public ::testing::TestWithParam<AnnotationCase> {};

TEST_P(AnnotationValidation, KnativeRule) {
  const auto& c = GetParam();
  AutoscalerConfig config;
  config.max_scale_limit = std::string(c.name).find("limit") != std::string::npos ? 10 : 0;
  const auto errs = validate_revision_annotations(config, c.annotations);
  if (std::string(c.key).empty()) {
    EXPECT_TRUE(errs.empty()) << errs.front().key << ": " << errs.front().message;
    return;
  }
  ASSERT_FALSE(errs.empty());
  EXPECT_EQ(errs[0].key, c.key);
  EXPECT_EQ(errs[0].message, c.message);
}

const AnnotationCase kCases[] = {
    {"valid_all", {{key("min-scale"), "1"}, {key("max-scale"), "5"}, {key("target"), "10"}}, "", ""},
    {"bad_class", {{key("class"), "foo.knative.dev"}}, "autoscaling.knative.dev/class", "invalid value: foo.knative.dev"},
    {"custom_class_ok", {{key("class"), "my.example.com"}}, "", ""},
    {"min_negative", {{key("min-scale"), "-1"}}, "autoscaling.knative.dev/min-scale", "expected 0 <= -1 <= 2147483647"},
    {"min_not_int", {{key("minScale"), "x"}}, "autoscaling.knative.dev/minScale", "invalid value: x"},
    {"max_less_than_min", {{key("min-scale"), "5"}, {key("max-scale"), "3"}}, "autoscaling.knative.dev/max-scale",
     "max-scale=3 is less than min-scale=5"},
    {"max_over_limit", {{key("max-scale"), "11"}}, "autoscaling.knative.dev/max-scale", "expected 1 <= 11 <= 10"},
    {"max_zero_limit", {{key("max-scale"), "0"}}, "autoscaling.knative.dev/max-scale",
     "max-scale=0 (unlimited), must be less than 10"},
    {"activation_below_min", {{key("min-scale"), "3"}, {key("activation-scale"), "2"}},
     "autoscaling.knative.dev/activation-scale", "min-scale=3 is greater than activation-scale=2"},
    {"activation_above_max", {{key("max-scale"), "2"}, {key("activation-scale"), "3"}},
     "autoscaling.knative.dev/activation-scale", "max-scale=2 is less than activation-scale=3"},
    {"activation_one", {{key("activation-scale"), "1"}}, "autoscaling.knative.dev/activation-scale",
     "activation-scale=1 must be greater than 1"},
    {"panic_window_range", {{key("panic-window-percentage"), "200"}},
     "autoscaling.knative.dev/panic-window-percentage", "expected 1 <= 200 <= 100"},
    {"panic_threshold_range", {{key("panicThresholdPercentage"), "100"}},
     "autoscaling.knative.dev/panicThresholdPercentage", "expected 110 <= 100 <= 1000"},
    {"target_small", {{key("target"), "0.001"}}, "autoscaling.knative.dev/target", "target 0.001 should be at least 0.01"},
    {"utilization_range", {{key("target-utilization-percentage"), "0"}},
     "autoscaling.knative.dev/target-utilization-percentage", "expected 1 <= 0 <= 100"},
    {"tbc_negative", {{key("target-burst-capacity"), "-2"}}, "autoscaling.knative.dev/target-burst-capacity",
     "invalid value: -2"},
    {"tbc_minus_one_ok", {{key("target-burst-capacity"), "-1"}}, "", ""},
    {"window_small", {{key("window"), "5s"}}, "autoscaling.knative.dev/window", "expected 6s <= 5s <= 1h0m0s"},
    {"window_fraction", {{key("window"), "6500ms"}}, "autoscaling.knative.dev/window",
     "must be specified with at most second precision"},
    {"window_bad", {{key("window"), "soon"}}, "autoscaling.knative.dev/window", "invalid value: soon"},
    {"retention_big", {{key("scale-to-zero-pod-retention-period"), "2h"}},
     "autoscaling.knative.dev/scale-to-zero-pod-retention-period", "expected 0s <= 2h <= 1h0m0s"},
    {"delay_fraction", {{key("scale-down-delay"), "1.5s"}}, "autoscaling.knative.dev/scale-down-delay",
     "must be specified with at most second precision"},
    {"metric_kpa", {{key("metric"), "cpu"}}, "autoscaling.knative.dev/metric", "invalid value: cpu"},
    {"metric_hpa_ok", {{key("class"), "hpa.autoscaling.knative.dev"}, {key("metric"), "memory"}}, "", ""},
    {"algorithm_bad", {{key("class"), "kpa.autoscaling.knative.dev"}, {key("metric-aggregation-algorithm"), "avg"}},
     "autoscaling.knative.dev/metric-aggregation-algorithm", "invalid value: avg"},
    {"algorithm_unchecked_without_class", {{key("metric-aggregation-algorithm"), "avg"}}, "", ""},
    {"initial_zero", {{key("initial-scale"), "0"}}, "autoscaling.knative.dev/initial-scale",
     "invalid value: 0: autoscaling.knative.dev/initial-scale=0 not allowed by cluster"},
    {"initial_above_max", {{key("initial-scale"), "5"}, {key("max-scale"), "3"}}, "autoscaling.knative.dev/max-scale",
     "max-scale=3 is less than initial-scale=5"},
};

INSTANTIATE_TEST_SUITE_P(Knative, AnnotationValidation, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<AnnotationCase>& p) { return std::string(p.param.name); });

TEST(AnnotationValidation, DuplicateProblemsAreMerged) {
  // max-scale is parsed by two rules in Knative; its error is reported once.
  const auto errs = validate_revision_annotations(AutoscalerConfig{}, {{key("max-scale"), "x"}});
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].message, "invalid value: x");
}

}  // namespace
