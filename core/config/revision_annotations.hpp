#pragma once
// The per-revision `autoscaling.knative.dev/*` annotations (pkg/apis/autoscaling/register.go).
//
// Two readers, as in Knative:
// - parse_revision_annotations: the lenient reader used by the autoscaler
//   (pkg/apis/autoscaling/v1alpha1/pa_lifecycle.go): a value that does not parse is ignored and
//   the ConfigMap default applies. Legacy camelCase spellings are honoured (kmap.KeyPriority:
//   the kebab-case key wins when both are present).
// - validate_revision_annotations: the webhook (pkg/apis/autoscaling/annotation_validation.go),
//   every problem with the annotation key and Knative's message.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config/autoscaler_config.hpp"
#include "core/time/time.hpp"

namespace knsim::core::config {

inline constexpr const char* kAnnotationPrefix = "autoscaling.knative.dev/";
inline constexpr const char* kMetricConcurrency = "concurrency";
inline constexpr const char* kMetricRps = "rps";
inline constexpr const char* kAlgorithmLinear = "linear";
inline constexpr const char* kAlgorithmWeightedExponential = "weighted-exponential";
inline constexpr const char* kAlgorithmWeightedExponentialAlt = "weightedExponential";

// The lenient, typed view. Absent or unparseable values are nullopt.
struct RevisionAnnotations {
  std::optional<std::string> autoscaler_class;            // class (exact key only)
  std::optional<std::string> metric;                      // metric (exact key only)
  std::optional<double> target;                           // target (per-pod "total")
  std::optional<double> target_utilization;               // target-utilization-percentage / 100
  std::optional<double> target_burst_capacity;            // target-burst-capacity
  std::optional<Seconds> window;                          // window (stable window)
  std::optional<double> panic_window_percentage;          // panic-window-percentage
  std::optional<double> panic_threshold_percentage;       // panic-threshold-percentage
  std::optional<std::int32_t> min_scale;                  // min-scale / minScale
  std::optional<std::int32_t> max_scale;                  // max-scale / maxScale
  std::optional<std::int32_t> initial_scale;              // initial-scale / initialScale
  std::optional<std::int32_t> activation_scale;           // activation-scale
  std::optional<Seconds> scale_down_delay;                // scale-down-delay / scaleDownDelay
  std::optional<Seconds> scale_to_zero_pod_retention_period;
  // metric-aggregation-algorithm, normalised ("weightedExponential" -> "weighted-exponential");
  // empty when absent.
  std::string metric_aggregation_algorithm;

  // Metric(): the metric annotation, else the class default (KPA: concurrency, HPA: cpu).
  std::string metric_or_default() const;
  // Class(): the class annotation, else KPA.
  std::string class_or_default() const;
};

// Lenient reader (what the autoscaler sees). Keys are full annotation keys, e.g.
// "autoscaling.knative.dev/target"; other keys are ignored.
RevisionAnnotations parse_revision_annotations(const std::map<std::string, std::string>& annotations);

// Webhook validation against the cluster config (max-scale-limit, allow-zero-initial-scale,
// default class). Returns every problem; `key` is the annotation key as written by the user.
std::vector<ConfigError> validate_revision_annotations(const AutoscalerConfig& config,
                                                       const std::map<std::string, std::string>& annotations);

// Looks up a KeyPriority: the first of `names` (suffixes after the prefix) present in the map.
// Returns the full key found, or nullopt.
std::optional<std::string> find_annotation_key(const std::map<std::string, std::string>& annotations,
                                               std::initializer_list<const char*> names);

}  // namespace knsim::core::config
