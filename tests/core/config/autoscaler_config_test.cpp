// config-autoscaler: Knative's defaults, parsing and validation messages (config.go, config_test.go).
#include <gtest/gtest.h>

#include "core/config/autoscaler_config.hpp"

namespace {

using namespace knsim::core::config;

TEST(AutoscalerConfig, DefaultsAreKnatives) {
  const auto r = parse_autoscaler_config({});
  ASSERT_TRUE(r.ok());
  const AutoscalerConfig& c = r.config;
  EXPECT_TRUE(c.enable_scale_to_zero);
  EXPECT_DOUBLE_EQ(c.container_concurrency_target_fraction, 0.7);
  EXPECT_DOUBLE_EQ(c.container_concurrency_target_default, 100);
  EXPECT_DOUBLE_EQ(c.target_utilization, 0.7);
  EXPECT_DOUBLE_EQ(c.rps_target_default, 200);
  EXPECT_DOUBLE_EQ(c.max_scale_up_rate, 1000);
  EXPECT_DOUBLE_EQ(c.max_scale_down_rate, 2);
  EXPECT_DOUBLE_EQ(c.target_burst_capacity, 211);
  EXPECT_DOUBLE_EQ(c.panic_window_percentage, 10);
  EXPECT_DOUBLE_EQ(c.activator_capacity, 100);
  EXPECT_DOUBLE_EQ(c.panic_threshold_percentage, 200);
  EXPECT_DOUBLE_EQ(c.stable_window, 60);
  EXPECT_DOUBLE_EQ(c.scale_to_zero_grace_period, 30);
  EXPECT_DOUBLE_EQ(c.scale_to_zero_pod_retention_period, 0);
  EXPECT_DOUBLE_EQ(c.scale_down_delay, 0);
  EXPECT_EQ(c.pod_autoscaler_class, "kpa.autoscaling.knative.dev");
  EXPECT_FALSE(c.allow_zero_initial_scale);
  EXPECT_EQ(c.initial_scale, 1);
  EXPECT_EQ(c.min_scale, 0);
  EXPECT_EQ(c.max_scale, 0);
  EXPECT_EQ(c.max_scale_limit, 0);
}

TEST(AutoscalerConfig, EveryKeyIsParsed) {
  const auto r = parse_autoscaler_config({{"enable-scale-to-zero", "false"},
                                          {"container-concurrency-target-percentage", "80"},
                                          {"container-concurrency-target-default", "10"},
                                          {"requests-per-second-target-default", "150"},
                                          {"target-burst-capacity", "-1"},
                                          {"stable-window", "5m"},
                                          {"panic-window-percentage", "20"},
                                          {"panic-threshold-percentage", "300"},
                                          {"max-scale-up-rate", "3"},
                                          {"max-scale-down-rate", "4"},
                                          {"scale-to-zero-grace-period", "45s"},
                                          {"scale-to-zero-pod-retention-period", "1m30s"},
                                          {"pod-autoscaler-class", "hpa.autoscaling.knative.dev"},
                                          {"activator-capacity", "50"},
                                          {"initial-scale", "0"},
                                          {"allow-zero-initial-scale", "true"},
                                          {"min-scale", "1"},
                                          {"max-scale", "8"},
                                          {"max-scale-limit", "10"},
                                          {"scale-down-delay", "20s"},
                                          {"tick-interval", "2s"},  // legacy key, ignored
                                          {"panic-window", "6s"}});
  ASSERT_TRUE(r.ok()) << r.errors.front().message;
  const AutoscalerConfig& c = r.config;
  EXPECT_FALSE(c.enable_scale_to_zero);
  EXPECT_DOUBLE_EQ(c.container_concurrency_target_fraction, 0.8);
  EXPECT_DOUBLE_EQ(c.container_concurrency_target_default, 10);
  EXPECT_DOUBLE_EQ(c.rps_target_default, 150);
  EXPECT_DOUBLE_EQ(c.target_burst_capacity, -1);
  EXPECT_DOUBLE_EQ(c.stable_window, 300);
  EXPECT_DOUBLE_EQ(c.panic_window_percentage, 20);
  EXPECT_DOUBLE_EQ(c.panic_threshold_percentage, 300);
  EXPECT_DOUBLE_EQ(c.max_scale_up_rate, 3);
  EXPECT_DOUBLE_EQ(c.max_scale_down_rate, 4);
  EXPECT_DOUBLE_EQ(c.scale_to_zero_grace_period, 45);
  EXPECT_DOUBLE_EQ(c.scale_to_zero_pod_retention_period, 90);
  EXPECT_EQ(c.pod_autoscaler_class, "hpa.autoscaling.knative.dev");
  EXPECT_DOUBLE_EQ(c.activator_capacity, 50);
  EXPECT_EQ(c.initial_scale, 0);
  EXPECT_TRUE(c.allow_zero_initial_scale);
  EXPECT_EQ(c.min_scale, 1);
  EXPECT_EQ(c.max_scale, 8);
  EXPECT_EQ(c.max_scale_limit, 10);
  EXPECT_DOUBLE_EQ(c.scale_down_delay, 20);
}

TEST(AutoscalerConfig, LegacyFractionIsKept) {
  // A value in (0, 1] is already a fraction; above 1 it is a percentage.
  EXPECT_DOUBLE_EQ(parse_autoscaler_config({{"container-concurrency-target-percentage", "0.5"}})
                       .config.container_concurrency_target_fraction, 0.5);
  EXPECT_DOUBLE_EQ(parse_autoscaler_config({{"container-concurrency-target-percentage", "1"}})
                       .config.container_concurrency_target_fraction, 1.0);
  EXPECT_DOUBLE_EQ(parse_autoscaler_config({{"container-concurrency-target-percentage", "100"}})
                       .config.container_concurrency_target_fraction, 1.0);
}

struct ErrorCase {
  const char* name;
  std::map<std::string, std::string> data;
  const char* key;
  const char* message;
};

class AutoscalerConfigError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(AutoscalerConfigError, KnativeMessage) {
  const ErrorCase& c = GetParam();
  const auto r = parse_autoscaler_config(c.data);
  ASSERT_EQ(r.errors.size(), 1u) << (r.errors.empty() ? "no error" : r.errors[1].message);
  EXPECT_EQ(r.errors[0].key, c.key);
  EXPECT_EQ(r.errors[0].message, c.message);
}

const ErrorCase kErrorCases[] = {
    {"grace_zero", {{"scale-to-zero-grace-period", "0s"}}, "scale-to-zero-grace-period",
     "scale-to-zero-grace-period must be positive, was: 0s"},
    {"delay_negative", {{"scale-down-delay", "-1s"}}, "scale-down-delay", "scale-down-delay cannot be negative, was: -1s"},
    {"delay_fraction", {{"scale-down-delay", "1500ms"}}, "scale-down-delay",
     "scale-down-delay = 1.5s, must be specified with at most second precision"},
    {"retention_negative", {{"scale-to-zero-pod-retention-period", "-1m"}}, "scale-to-zero-pod-retention-period",
     "scale-to-zero-pod-retention-period cannot be negative, was: -1m0s"},
    {"tbc_negative", {{"target-burst-capacity", "-11"}}, "target-burst-capacity",
     "target-burst-capacity must be either non-negative or -1 (for unlimited), was: -11.000000"},
    {"target_percentage_zero", {{"container-concurrency-target-percentage", "0"}},
     "container-concurrency-target-percentage",
     "container-concurrency-target-percentage = 0.000000 is outside of valid range of (0, 100]"},
    {"target_percentage_too_big", {{"container-concurrency-target-percentage", "200"}},
     "container-concurrency-target-percentage",
     "container-concurrency-target-percentage = 2.000000 is outside of valid range of (0, 100]"},
    {"target_too_small", {{"container-concurrency-target-default", "0.001"}}, "container-concurrency-target-default",
     "container-concurrency-target-percentage and container-concurrency-target-default yield target concurrency of "
     "0.0007, can't be less than 0.01"},
    {"rps_too_small", {{"requests-per-second-target-default", "0.001"}}, "requests-per-second-target-default",
     "requests-per-second-target-default must be at least 0.01, was: 0.001"},
    {"activator_capacity", {{"activator-capacity", "0.5"}}, "activator-capacity",
     "activator-capacity = 0.5, must be at least 1"},
    {"up_rate", {{"max-scale-up-rate", "1.0"}}, "max-scale-up-rate", "max-scale-up-rate = 1, must be greater than 1.0"},
    {"down_rate", {{"max-scale-down-rate", "0.5"}}, "max-scale-down-rate",
     "max-scale-down-rate = 0.5, must be greater than 1.0"},
    {"window_small", {{"stable-window", "5s"}}, "stable-window", "stable-window = 5s, must be in [6s; 1h0m0s] range"},
    {"window_big", {{"stable-window", "2h"}}, "stable-window",
     "stable-window = 2h0m0s, must be in [6s; 1h0m0s] range"},
    {"window_fraction", {{"stable-window", "6500ms"}}, "stable-window",
     "stable-window = 6.5s, must be specified with at most second precision"},
    {"panic_window_pct", {{"panic-window-percentage", "0.5"}}, "panic-window-percentage",
     "panic-window-percentage = 0.5, must be in [1, 100] interval"},
    {"initial_zero", {{"initial-scale", "0"}}, "initial-scale",
     "initial-scale = 0, must be at least 0 (or at least 1 when allow-zero-initial-scale is false)"},
    {"min_negative", {{"min-scale", "-1"}}, "min-scale", "min-scale = -1, must be at least 0"},
    {"max_over_limit", {{"max-scale", "11"}, {"max-scale-limit", "10"}}, "max-scale",
     "max-scale = 11, must be in [1, max-scale-limit(10)] range"},
    {"max_zero_with_limit", {{"max-scale-limit", "10"}}, "max-scale",
     "max-scale = 0, must be in [1, max-scale-limit(10)] range"},
    {"limit_negative", {{"max-scale-limit", "-1"}}, "max-scale-limit", "max-scale-limit = -1, must be at least 0"},
    {"min_over_max", {{"min-scale", "5"}, {"max-scale", "3"}}, "min-scale",
     "min-scale (5) must be less than max-scale (3)"},
    {"bad_float", {{"max-scale-up-rate", "fast"}}, "max-scale-up-rate",
     "failed to parse data: failed to parse \"max-scale-up-rate\": strconv.ParseFloat: parsing \"fast\": invalid "
     "syntax"},
    {"bad_int", {{"max-scale", "2.5"}}, "max-scale",
     "failed to parse data: failed to parse \"max-scale\": strconv.ParseInt: parsing \"2.5\": invalid syntax"},
    {"int_range", {{"max-scale", "3000000000"}}, "max-scale",
     "failed to parse data: failed to parse \"max-scale\": strconv.ParseInt: parsing \"3000000000\": value out of "
     "range"},
    {"bad_bool", {{"enable-scale-to-zero", "yes"}}, "enable-scale-to-zero",
     "failed to parse data: strconv.ParseBool: parsing \"yes\": invalid syntax"},
    {"bad_duration", {{"stable-window", "60"}}, "stable-window",
     "failed to parse data: failed to parse \"stable-window\": time: invalid duration \"60\""},
};

INSTANTIATE_TEST_SUITE_P(Knative, AutoscalerConfigError, ::testing::ValuesIn(kErrorCases),
                         [](const ::testing::TestParamInfo<ErrorCase>& p) { return std::string(p.param.name); });

TEST(AutoscalerConfig, EveryProblemIsListed) {
  const auto r = parse_autoscaler_config(
      {{"stable-window", "1s"}, {"max-scale-up-rate", "0"}, {"target-burst-capacity", "x"}, {"min-scale", "-3"}});
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].key, "target-burst-capacity");  // parse errors first, then rules in Knative's order
  EXPECT_EQ(r.errors[1].key, "max-scale-up-rate");
  EXPECT_EQ(r.errors[2].key, "stable-window");
  EXPECT_EQ(r.errors[3].key, "min-scale");
}

TEST(AutoscalerConfig, ValuesAreTrimmed) {
  const auto r = parse_autoscaler_config({{"max-scale-up-rate", " 10 "}, {"stable-window", "30s\n"}});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r.config.max_scale_up_rate, 10);
  EXPECT_DOUBLE_EQ(r.config.stable_window, 30);
}

TEST(GoFormat, FloatLikeGoPercentV) {
  EXPECT_EQ(go_format_float(200), "200");
  EXPECT_EQ(go_format_float(0.7), "0.7");
  EXPECT_EQ(go_format_float(1.0), "1");
  EXPECT_EQ(go_format_float(100000), "100000");
  EXPECT_EQ(go_format_float(1e6), "1e+06");
  EXPECT_EQ(go_format_float(1234567), "1.234567e+06");
  EXPECT_EQ(go_format_float(0.0001), "0.0001");
  EXPECT_EQ(go_format_float(0.00001), "1e-05");
  EXPECT_EQ(go_format_float(-2.5), "-2.5");
  EXPECT_EQ(go_format_float(0), "0");
}

}  // namespace
