// HPA class: MakeHPA (pkg/reconciler/autoscaling/hpa/resources/hpa.go) and the Kubernetes HPA
// replica calculation and stabilization (k8s.io/kubernetes pkg/controller/podautoscaler).
#include "core/autoscaler/hpa_autoscaler.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace knsim::core::autoscaler {

HpaSpec make_hpa_spec(std::int32_t min_scale, std::int32_t max_scale, const std::string& metric,
                      std::optional<double> target_annotation, std::optional<Seconds> window_annotation) {
  HpaSpec s;
  s.min_replicas = std::max<std::int32_t>(1, min_scale);
  s.max_replicas = max_scale == 0 ? 2147483647 : max_scale;
  s.metric = metric;
  if (target_annotation) {
    if (metric == "cpu") {
      s.target_type = HpaTargetType::kUtilization;
      s.target = std::ceil(*target_annotation);
    } else if (metric == "memory") {
      s.target_type = HpaTargetType::kAverageValue;
      s.target = std::trunc(*target_annotation) * 1024.0 * 1024.0;  // MiB -> bytes
    } else {
      s.target_type = HpaTargetType::kAverageValue;
      s.target = std::trunc(*target_annotation);
    }
  } else {
    s.metric = "cpu";  // no metrics in the HPA: Kubernetes' default 80% CPU
  }
  if (window_annotation) {
    s.scale_up_stabilization = std::trunc(*window_annotation);
    s.scale_down_stabilization = std::trunc(*window_annotation);
  }
  return s;
}

HpaAutoscaler::HpaAutoscaler(HpaSpec spec) : spec_(std::move(spec)) {}

std::int32_t HpaAutoscaler::stabilize(std::int32_t current, std::int32_t raw, Seconds now) {
  // stabilizeRecommendationWithBehaviors: lowest of the up window, highest of the down window.
  const Seconds keep = std::max(spec_.scale_up_stabilization, spec_.scale_down_stabilization);
  while (!recommendations_.empty() && recommendations_.front().at <= now - keep) recommendations_.pop_front();
  std::int32_t up = raw, down = raw;
  for (const auto& r : recommendations_) {
    if (r.at > now - spec_.scale_up_stabilization) up = std::min(up, r.replicas);
    if (r.at > now - spec_.scale_down_stabilization) down = std::max(down, r.replicas);
  }
  recommendations_.push_back({now, raw});
  std::int32_t rec = current;
  if (rec < up) rec = up;
  if (rec > down) rec = down;
  return rec;
}

HpaDecision HpaAutoscaler::reconcile(std::int32_t current, std::int32_t ready, std::optional<double> metric_value,
                                     Seconds now) {
  HpaDecision d;
  std::int32_t raw = current;
  if (!metric_value || ready <= 0 || spec_.target <= 0) {
    d.reason = "NoMetrics";
  } else {
    const double ratio = *metric_value / spec_.target;
    if (std::fabs(ratio - 1.0) <= kHpaTolerance) {
      d.reason = "WithinTolerance";
    } else {
      raw = static_cast<std::int32_t>(std::ceil(ratio * ready));
      d.reason = raw > current ? "ScaleUp" : raw < current ? "ScaleDown" : "Unchanged";
    }
  }
  return limit(current, raw, std::move(d.reason), now);
}

HpaDecision HpaAutoscaler::reconcile_recommendation(std::int32_t current, std::optional<std::int32_t> raw,
                                                    const std::string& reason, Seconds now) {
  return limit(current, raw.value_or(current), raw ? reason : "NoMetrics", now);
}

// Stabilization, the default scale-up policy (100 % or 4 pods per 15 s, whichever is more) and
// [min, max]: the same for both ways of computing the raw recommendation.
HpaDecision HpaAutoscaler::limit(std::int32_t current, std::int32_t raw, std::string reason, Seconds now) {
  HpaDecision d;
  d.reason = std::move(reason);
  std::int32_t desired = stabilize(current, raw, now);
  if (desired != raw) d.reason = "Stabilized";
  const std::int32_t up_limit = std::max(current * 2, current + 4);
  if (desired > up_limit) {
    desired = up_limit;
    d.reason = "ScaleUpLimit";
  }
  desired = std::clamp(desired, spec_.min_replicas, spec_.max_replicas);
  d.desired = desired;
  d.changed = desired != current;
  return d;
}

}  // namespace knsim::core::autoscaler
