// KPA scaler: bounds and the scale-to-zero gate (pkg/reconciler/autoscaling/kpa/scaler.go).
#include "core/autoscaler/kpa_scaler.hpp"

#include <algorithm>

namespace knsim::core::autoscaler {
namespace {

using api::Reachability;

// handleScaleToZero for a desired scale of 0, PA Activating (Active=Unknown).
void activating_to_zero(const KpaScalerSettings& s, const KpaScalerInput& in, Seconds now, KpaScaleDecision& d) {
  const Seconds activation_timeout = s.progress_deadline + kActivationTimeoutBuffer;
  if (in.pa.active.in_state_for(now) > activation_timeout) {
    d.scale = 0;
    d.apply = true;
    d.reason = "ActivationTimedOut";
    return;
  }
  d.scale = -1;
  d.requeue_after = activation_timeout;
  d.reason = "Activating";
}

// PA Active (Active=True): hold one pod until the PA has been active for a whole stable window.
void active_to_zero(const KpaScalerSettings& s, const KpaScalerInput& in, Seconds now, KpaScaleDecision& d) {
  const Seconds active_for = in.pa.active.in_state_for(now);
  if (active_for >= s.stable_window) {
    // Returned unapplied: kpa.go marks the PA Inactive, which puts the SKS in Proxy mode.
    d.scale = 0;
    if (in.sks_spec_mode == api::SksMode::kProxy) d.requeue_after = kProxyModeRequeue;
    d.reason = "CanDeactivate";
    return;
  }
  d.scale = 1;
  d.apply = true;
  d.requeue_after = s.stable_window - active_for;
  d.reason = "WaitingForStableWindow";
}

// PA Inactive (Active=False): remove the last pod once the activator is in the path long enough.
void inactive_to_zero(const KpaScalerSettings& s, const KpaScalerInput& in, Seconds now, KpaScaleDecision& d) {
  d.scale = 0;
  if (s.target_burst_capacity != -1) {
    d.probed_activator = true;
    if (in.activator_probe != ActivatorProbe::kOk) {
      d.start_async_probe = true;
      d.reason = "NotBackedByActivator";
      return;
    }
  }
  const Seconds last_pod_retention =
      in.reachability == Reachability::kUnreachable ? 0 : s.scale_to_zero_pod_retention_period;
  const Seconds inactive_for = in.pa.active.in_state_for(now);
  if (inactive_for >= std::max(s.scale_to_zero_grace_period, last_pod_retention)) {
    d.apply = true;
    d.reason = "ScaleToZero";
    return;
  }
  if (last_pod_retention > 0 && inactive_for < last_pod_retention) {
    d.requeue_after = last_pod_retention - inactive_for;
    d.reason = "PodRetention";
    return;
  }
  const Seconds remaining = s.scale_to_zero_grace_period - in.sks_proxy_for;
  if (remaining <= 0) {
    d.apply = true;
    d.reason = "ScaleToZeroFastPath";
    return;
  }
  d.requeue_after = remaining;
  d.reason = "GracePeriod";
}

}  // namespace

KpaClusterConfig kpa_cluster_config(const config::AutoscalerConfig& a, Seconds progress_deadline) {
  KpaClusterConfig c;
  c.enable_scale_to_zero = a.enable_scale_to_zero;
  c.stable_window = a.stable_window;
  c.scale_to_zero_grace_period = a.scale_to_zero_grace_period;
  c.scale_to_zero_pod_retention_period = a.scale_to_zero_pod_retention_period;
  c.progress_deadline = progress_deadline;
  c.target_burst_capacity = a.target_burst_capacity;
  c.initial_scale = a.initial_scale;
  c.allow_zero_initial_scale = a.allow_zero_initial_scale;
  c.min_scale = a.min_scale;
  c.max_scale = a.max_scale;
  return c;
}

KpaScalerSettings resolve_kpa_scaler_settings(const KpaClusterConfig& c, const KpaScalerOverrides& o) {
  KpaScalerSettings s;
  s.enable_scale_to_zero = c.enable_scale_to_zero;
  s.stable_window = o.window.value_or(c.stable_window);
  s.scale_to_zero_grace_period = c.scale_to_zero_grace_period;
  s.scale_to_zero_pod_retention_period =
      o.scale_to_zero_pod_retention_period.value_or(c.scale_to_zero_pod_retention_period);
  s.progress_deadline = o.progress_deadline.value_or(c.progress_deadline);
  s.target_burst_capacity = o.target_burst_capacity.value_or(c.target_burst_capacity);
  s.min_scale = o.min_scale.value_or(c.min_scale);
  s.max_scale = o.max_scale.value_or(c.max_scale);
  // GetInitialScale (kpa/resources): an annotation of 0 counts only with allow-zero-initial-scale.
  s.initial_scale = c.initial_scale;
  if (o.initial_scale && (*o.initial_scale != 0 || c.allow_zero_initial_scale)) s.initial_scale = *o.initial_scale;
  return s;
}

std::int32_t apply_bounds(std::int32_t min_scale, std::int32_t max_scale, std::int32_t x) {
  if (x < min_scale) return min_scale;
  if (max_scale != 0 && x > max_scale) return max_scale;
  return x;
}

KpaScaleDecision kpa_scale(const KpaScalerSettings& s, const KpaScalerInput& in, Seconds now) {
  KpaScaleDecision d;
  if (in.desired_scale < 0 && !in.pa.is_activating()) {
    d.scale = in.desired_scale;
    d.reason = "NoMetrics";
    return d;
  }
  const bool unreachable = in.reachability == Reachability::kUnreachable;
  std::int32_t min_scale = unreachable ? 0 : s.min_scale;
  // The initial scale acts as a floor until the scale target is first initialized.
  if (s.initial_scale > 1 && !in.pa.scale_target_initialized && !unreachable) {
    min_scale = std::max(min_scale, s.initial_scale);
  }
  const std::int32_t desired = apply_bounds(min_scale, s.max_scale, in.desired_scale);
  d.scale = desired;
  d.apply = true;
  d.reason = desired == in.desired_scale ? "Desired" : "Bounded";
  if (desired == 0) {
    d.apply = false;
    if (!s.enable_scale_to_zero) {
      d.scale = 1;
      d.apply = true;
      d.reason = "ScaleToZeroDisabled";
    } else if (in.pa.is_activating()) {
      activating_to_zero(s, in, now, d);
    } else if (in.pa.is_active()) {
      active_to_zero(s, in, now, d);
    } else {
      inactive_to_zero(s, in, now, d);
    }
  }
  if (d.apply) d.patch = d.scale != in.deployment_replicas.value_or(1);
  return d;
}

}  // namespace knsim::core::autoscaler
