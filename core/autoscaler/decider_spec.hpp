#pragma once
// The KPA DeciderSpec and how Knative builds it from config-autoscaler, the revision's
// annotations, containerConcurrency and reachability
// (pkg/reconciler/autoscaling/kpa/resources/decider.go MakeDecider,
//  pkg/reconciler/autoscaling/resources/target.go ResolveMetricTarget,
//  pkg/reconciler/autoscaling/resources/metric.go MakeMetric, kpa.go resolveScrapeTarget,
//  pkg/apis/autoscaling/v1alpha1/pa_lifecycle.go ScaleBounds).
//
// Target resolution (docs/spec/serving.md 3.1), worked example: containerConcurrency 10, annotation
// target 20, default utilisation 0.7 -> total = min(20, 10) = 10, target = max(0.01, 10 * 0.7) = 7.
#include <cstdint>
#include <string>

#include "core/config/autoscaler_config.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/metrics/metric_collector.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

inline constexpr Seconds kTickInterval = 2.0;  // multiscaler.go tickInterval

struct DeciderSpec {
  double max_scale_up_rate = 1000.0;
  double max_scale_down_rate = 2.0;
  std::string scaling_metric = "concurrency";  // "concurrency" or "rps" (anything else: concurrency)
  double target_value = 70.0;                  // per-pod target = max(0.01, total * utilisation)
  double total_value = 100.0;                  // per-pod "total" capacity
  double target_burst_capacity = 211.0;        // -1 unlimited, 0 off
  double activator_capacity = 100.0;
  double panic_threshold = 2.0;                // a FRACTION: panic-threshold-percentage / 100
  Seconds stable_window = 60.0;
  Seconds scale_down_delay = 0.0;
  std::int32_t initial_scale = 1;
  bool reachable = true;
  std::int32_t activation_scale = 0;

  bool uses_rps() const { return scaling_metric == "rps"; }
};

struct MetricTarget {
  double target = 0.0;  // TargetValue
  double total = 0.0;   // TotalValue
};

// ResolveMetricTarget.
MetricTarget resolve_metric_target(const config::AutoscalerConfig& config,
                                   const config::RevisionAnnotations& annotations,
                                   std::int32_t container_concurrency);

// MakeDecider's spec.
DeciderSpec make_decider_spec(const config::AutoscalerConfig& config,
                              const config::RevisionAnnotations& annotations,
                              std::int32_t container_concurrency, bool reachable);

// GetInitialScale: the annotation if present and allowed (0 only with allow-zero-initial-scale),
// else the ConfigMap's initial-scale.
std::int32_t initial_scale(const config::AutoscalerConfig& config, const config::RevisionAnnotations& annotations);

// StableWindow: the window annotation, else the ConfigMap stable-window.
Seconds stable_window(const config::AutoscalerConfig& config, const config::RevisionAnnotations& annotations);

// Panic window = stable window * pct / 100, computed in nanoseconds as Go does, rounded to the
// second (halves up), at least 1 s. Example: 60 s * 10% = 6 s; 30 s * 10% = 3 s; 6 s * 10% -> 1 s.
Seconds panic_window(Seconds stable_window, double panic_window_percentage);

// MakeMetric + resolveScrapeTarget: windows, aggregation algorithm, scrape target set (TBC != -1).
metrics::MetricSpec make_metric_spec(const config::AutoscalerConfig& config,
                                     const config::RevisionAnnotations& annotations);

// ScaleBounds: min (forced 0 when unreachable), max (0 = unbounded).
struct ScaleBounds {
  std::int32_t min = 0;
  std::int32_t max = 0;
};
ScaleBounds scale_bounds(const config::AutoscalerConfig& config, const config::RevisionAnnotations& annotations,
                         bool reachable);

// Everything the autoscaler resolves for one revision, for reports and for the replay's --explain.
struct ResolvedAutoscaling {
  DeciderSpec decider;
  metrics::MetricSpec metric;
  ScaleBounds bounds;
};
ResolvedAutoscaling resolve_autoscaling(const config::AutoscalerConfig& config,
                                        const config::RevisionAnnotations& annotations,
                                        std::int32_t container_concurrency, bool reachable);

}  // namespace knsim::core::autoscaler
