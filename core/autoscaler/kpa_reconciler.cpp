// KPA ReconcileKind (pkg/reconciler/autoscaling/kpa/kpa.go), see kpa_reconciler.hpp.
#include "core/autoscaler/kpa_reconciler.hpp"

#include "core/autoscaler/pa_active_condition.hpp"

namespace knsim::core::autoscaler {

KpaReconcileDecision kpa_reconcile(const KpaReconcileInput& in, api::PodAutoscaler& pa, api::ServerlessService& sks,
                                   Seconds now) {
  KpaReconcileDecision d;
  const bool unreachable = in.reachability == api::Reachability::kUnreachable;
  const std::int32_t min_scale = unreachable ? 0 : in.settings.min_scale;
  pa.spec.reachability = in.reachability;
  if (!in.sks_has_private_service) {
    // No private service yet: the SKS starts in Proxy with the minimum activators; want unknown.
    sks.spec.mode = api::SksMode::kProxy;
    sks.spec.num_activators = kMinActivators;
    pa.status.sks_ready = false;
    d.scale.reason = "NoPrivateService";
    d.mode_reason = "NoPrivateService";
    compute_active_condition(pa.status, {-1, in.ready_pods}, min_scale, in.settings.initial_scale, now);
    pa.status.desired_scale = -1;
    pa.status.actual_scale = in.ready_pods;
    return d;
  }
  KpaScalerInput si;
  si.desired_scale = in.decider_desired_scale;
  si.deployment_replicas = in.deployment_replicas;
  si.pa = KpaScalerPaState::of(pa.status);
  si.reachability = in.reachability;
  si.sks_spec_mode = sks.spec.mode;
  si.sks_proxy_for = sks.status.proxy_for(now);
  si.activator_probe = in.activator_probe;
  d.scale = kpa_scale(in.settings, si, now);
  const auto mode = sks_spec_mode(d.scale.scale, in.excess_burst_capacity, pa.status.is_inactive());
  d.sks_mode = mode.mode;
  d.mode_reason = mode.reason;
  d.num_activators = num_activators(in.ready_pods, in.total_value,
                                    in.target_burst_capacity.value_or(in.settings.target_burst_capacity),
                                    in.activator_capacity);
  sks.spec.mode = d.sks_mode;
  sks.spec.num_activators = d.num_activators;
  pa.status.sks_ready = sks.status.ready;
  pa.status.desired_scale = d.scale.scale;
  pa.status.actual_scale = in.ready_pods;
  compute_active_condition(pa.status, {d.scale.scale, in.ready_pods}, min_scale, in.settings.initial_scale, now);
  return d;
}

}  // namespace knsim::core::autoscaler
