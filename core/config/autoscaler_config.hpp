#pragma once
// The `config-autoscaler` ConfigMap of Knative Serving, typed, with Knative's defaults and
// validation rules (pkg/autoscaler/config/config.go: defaultConfig, NewConfigFromMap, validate).
//
// Usage:
//   auto parsed = knsim::core::config::parse_autoscaler_config({{"stable-window", "30s"}});
//   if (!parsed.ok()) { for (auto& e : parsed.errors) report(e.key, e.message); }
//   const AutoscalerConfig& cfg = parsed.config;   // always filled (defaults where a key failed)
//
// Differences from Knative on purpose: Knative stops at the first problem; we return every problem
// (one ConfigError per failed key or rule, in Knative's check order) so a user can fix all at once.
// The messages are Knative's own wording.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/time/time.hpp"

namespace knsim::core::config {

// One validation problem: the ConfigMap key (or annotation key) and Knative's message.
struct ConfigError {
  std::string key;
  std::string message;
};

// Class names of the two built-in pod autoscalers (pkg/apis/autoscaling/register.go).
inline constexpr const char* kKpaClass = "kpa.autoscaling.knative.dev";
inline constexpr const char* kHpaClass = "hpa.autoscaling.knative.dev";

// Bounds shared by the ConfigMap and the annotations (pkg/apis/autoscaling/register.go).
inline constexpr double kTargetMin = 0.01;                // smallest per-pod target
inline constexpr Seconds kWindowMin = 6.0;                // stable window lower bound
inline constexpr Seconds kWindowMax = 3600.0;             // stable window upper bound (1h)
inline constexpr double kPanicWindowPercentageMin = 1.0;
inline constexpr double kPanicWindowPercentageMax = 100.0;
inline constexpr double kPanicThresholdPercentageMin = 110.0;
inline constexpr double kPanicThresholdPercentageMax = 1000.0;

// config-autoscaler, every key (docs/spec/serving.md section 1). Field names follow Knative's
// autoscalerconfig.Config. Durations are seconds.
struct AutoscalerConfig {
  bool enable_scale_to_zero = true;                     // enable-scale-to-zero
  double container_concurrency_target_fraction = 0.7;   // container-concurrency-target-percentage / 100
  double container_concurrency_target_default = 100.0;  // container-concurrency-target-default
  double target_utilization = 0.7;                      // not a key: utilisation for rps
  double rps_target_default = 200.0;                    // requests-per-second-target-default
  double max_scale_up_rate = 1000.0;                    // max-scale-up-rate
  double max_scale_down_rate = 2.0;                     // max-scale-down-rate
  double target_burst_capacity = 211.0;                 // target-burst-capacity (-1 = unlimited)
  double panic_window_percentage = 10.0;                // panic-window-percentage
  double activator_capacity = 100.0;                    // activator-capacity
  double panic_threshold_percentage = 200.0;            // panic-threshold-percentage
  Seconds stable_window = 60.0;                         // stable-window
  Seconds scale_to_zero_grace_period = 30.0;            // scale-to-zero-grace-period
  Seconds scale_to_zero_pod_retention_period = 0.0;     // scale-to-zero-pod-retention-period
  Seconds scale_down_delay = 0.0;                       // scale-down-delay
  std::string pod_autoscaler_class = kKpaClass;         // pod-autoscaler-class
  bool allow_zero_initial_scale = false;                // allow-zero-initial-scale
  std::int32_t initial_scale = 1;                       // initial-scale
  std::int32_t min_scale = 0;                           // min-scale
  std::int32_t max_scale = 0;                           // max-scale (0 = unlimited)
  std::int32_t max_scale_limit = 0;                     // max-scale-limit (0 = none)
};

struct AutoscalerConfigResult {
  AutoscalerConfig config;           // parsed values; a key that failed to parse keeps its default
  std::vector<ConfigError> errors;   // empty when the ConfigMap is valid
  bool ok() const { return errors.empty(); }
};

// Parses ConfigMap data (Knative's key spellings, string values). Unknown keys (and the legacy
// `tick-interval`, `panic-window`) are ignored, as in Knative. Values are trimmed of spaces.
// container-concurrency-target-percentage > 1 is divided by 100 (legacy fractions in (0, 1] kept).
AutoscalerConfigResult parse_autoscaler_config(const std::map<std::string, std::string>& data);

// Knative's validate() rules over an already typed config, every failed rule reported.
std::vector<ConfigError> validate_autoscaler_config(const AutoscalerConfig& config);

// Go's fmt "%v" of a float64 ("200", "0.7", "1e+06") and of a duration ("1m0s"); used in messages.
std::string go_format_float(double value);
std::string go_format_duration(Seconds value);

}  // namespace knsim::core::config
