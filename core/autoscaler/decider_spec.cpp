// DeciderSpec and Metric resolution, ported from knative/serving
// pkg/reconciler/autoscaling/kpa/resources/decider.go (MakeDecider, GetInitialScale),
// pkg/reconciler/autoscaling/resources/target.go (ResolveMetricTarget),
// pkg/reconciler/autoscaling/resources/metric.go (MakeMetric, StableWindow),
// pkg/reconciler/autoscaling/kpa/kpa.go (resolveScrapeTarget) and
// pkg/apis/autoscaling/v1alpha1/pa_lifecycle.go (ScaleBounds).
#include "core/autoscaler/decider_spec.hpp"

#include <algorithm>
#include <cmath>

#include "core/config/go_parse.hpp"

namespace knsim::core::autoscaler {

MetricTarget resolve_metric_target(const config::AutoscalerConfig& config,
                                   const config::RevisionAnnotations& annotations,
                                   std::int32_t container_concurrency) {
  const std::string metric = annotations.metric_or_default();
  double total = 0;
  double tu = 0;
  if (metric == config::kMetricRps) {
    total = config.rps_target_default;
    tu = config.target_utilization;
  } else {  // concurrency is the default
    total = static_cast<double>(container_concurrency);
    if (total == 0) total = config.container_concurrency_target_default;
    tu = config.container_concurrency_target_fraction;
  }
  if (annotations.target) {
    total = *annotations.target;
    // Never aim above what containerConcurrency lets one pod take.
    if (metric == config::kMetricConcurrency && container_concurrency != 0) {
      total = std::min(*annotations.target, static_cast<double>(container_concurrency));
    }
  }
  if (annotations.target_utilization) tu = *annotations.target_utilization;
  return {std::max(config::kTargetMin, total * tu), total};
}

std::int32_t initial_scale(const config::AutoscalerConfig& config, const config::RevisionAnnotations& annotations) {
  if (!annotations.initial_scale || (*annotations.initial_scale == 0 && !config.allow_zero_initial_scale)) {
    return config.initial_scale;
  }
  return *annotations.initial_scale;
}

Seconds stable_window(const config::AutoscalerConfig& config, const config::RevisionAnnotations& annotations) {
  return annotations.window.value_or(config.stable_window);
}

Seconds panic_window(Seconds stable, double panic_window_percentage) {
  constexpr std::int64_t kSecond = 1000000000;
  // time.Duration(float64(stableWindow) * pct / 100.0): nanoseconds, truncated toward zero.
  const double ns = static_cast<double>(config::to_nanoseconds(stable)) * panic_window_percentage / 100.0;
  std::int64_t d = std::isfinite(ns) ? static_cast<std::int64_t>(ns) : 0;
  // Duration.Round(time.Second): halves away from zero.
  std::int64_t r = d % kSecond;
  if (d < 0) {
    r = -r;
    d = (r + r < kSecond) ? d + r : d - kSecond + r;
  } else {
    d = (r + r < kSecond) ? d - r : d + kSecond - r;
  }
  if (d < kSecond) d = kSecond;
  return static_cast<double>(d / kSecond);
}

DeciderSpec make_decider_spec(const config::AutoscalerConfig& config,
                              const config::RevisionAnnotations& annotations,
                              std::int32_t container_concurrency, bool reachable) {
  DeciderSpec spec;
  const MetricTarget target = resolve_metric_target(config, annotations, container_concurrency);
  spec.max_scale_up_rate = config.max_scale_up_rate;
  spec.max_scale_down_rate = config.max_scale_down_rate;
  spec.scaling_metric = annotations.metric_or_default();
  spec.target_value = target.target;
  spec.total_value = target.total;
  spec.target_burst_capacity = annotations.target_burst_capacity.value_or(config.target_burst_capacity);
  spec.activator_capacity = config.activator_capacity;
  spec.panic_threshold = annotations.panic_threshold_percentage.value_or(config.panic_threshold_percentage) / 100.0;
  spec.stable_window = stable_window(config, annotations);
  spec.scale_down_delay = annotations.scale_down_delay.value_or(config.scale_down_delay);
  spec.initial_scale = initial_scale(config, annotations);
  spec.reachable = reachable;
  spec.activation_scale = annotations.activation_scale.value_or(0);
  return spec;
}

metrics::MetricSpec make_metric_spec(const config::AutoscalerConfig& config,
                                     const config::RevisionAnnotations& annotations) {
  metrics::MetricSpec spec;
  spec.stable_window = stable_window(config, annotations);
  spec.panic_window =
      panic_window(spec.stable_window, annotations.panic_window_percentage.value_or(config.panic_window_percentage));
  spec.algorithm = annotations.metric_aggregation_algorithm == config::kAlgorithmWeightedExponential
                       ? metrics::WindowAlgorithm::kWeightedExponential
                       : metrics::WindowAlgorithm::kLinear;
  const double tbc = annotations.target_burst_capacity.value_or(config.target_burst_capacity);
  spec.scrape_target_set = tbc != -1;  // TBC -1: only the activator reports
  return spec;
}

ScaleBounds scale_bounds(const config::AutoscalerConfig& config, const config::RevisionAnnotations& annotations,
                         bool reachable) {
  ScaleBounds b;
  if (reachable) b.min = annotations.min_scale.value_or(config.min_scale);
  b.max = annotations.max_scale.value_or(config.max_scale);
  return b;
}

ResolvedAutoscaling resolve_autoscaling(const config::AutoscalerConfig& config,
                                        const config::RevisionAnnotations& annotations,
                                        std::int32_t container_concurrency, bool reachable) {
  return {make_decider_spec(config, annotations, container_concurrency, reachable),
          make_metric_spec(config, annotations), scale_bounds(config, annotations, reachable)};
}

}  // namespace knsim::core::autoscaler
