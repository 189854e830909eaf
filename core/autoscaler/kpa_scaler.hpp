#pragma once
// The KPA reconciler's scaling step on top of the decider (pkg/reconciler/autoscaling/kpa/scaler.go
// scaler.scale and handleScaleToZero; docs/spec/serving.md section 5): min/max/initial-scale bounds, then the
// scale-to-zero gate, a time-based state machine over the PA Active condition and the SKS
// ProxyFor() timestamp.
//
// Pure function: given the decider's desired scale, the PA and SKS state and `now`, it returns
// what kpa.go uses as `want` plus whether spec.replicas is written and when to reconcile again.
//
// Worked example (defaults: stable window 60 s, grace 30 s, retention 0), an idle revision:
//   decider says 0, PA Active for 20 s  -> scale 1, apply, requeue after 40 s ("WaitingForStableWindow")
//   decider says 0, PA Active for 60 s  -> scale 0, do not apply (kpa.go marks the PA Inactive)
//   decider says 0, PA Inactive 10 s, SKS proxying 10 s -> scale 0, not applied, requeue after 20 s
//   decider says 0, PA Inactive 30 s     -> scale 0, applied: the last pod goes away.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

// activationTimeoutBuffer in scaler.go: added to the progress deadline.
inline constexpr Seconds kActivationTimeoutBuffer = 30.0;
// Re-enqueue delay when the PA can be deactivated but the SKS is already in Proxy mode.
inline constexpr Seconds kProxyModeRequeue = 3.0;
// Async activator probe (scaler.go probePeriod / probeTimeout).
inline constexpr Seconds kActivatorProbePeriod = 1.0;
inline constexpr Seconds kActivatorProbeTimeout = 45.0;

// Cluster-wide values the scaler reads (config-autoscaler and config-deployment).
struct KpaClusterConfig {
  bool enable_scale_to_zero = true;                  // enable-scale-to-zero
  Seconds stable_window = 60;                        // stable-window
  Seconds scale_to_zero_grace_period = 30;           // scale-to-zero-grace-period
  Seconds scale_to_zero_pod_retention_period = 0;    // scale-to-zero-pod-retention-period
  Seconds progress_deadline = 600;                   // config-deployment progress-deadline
  double target_burst_capacity = 211;                // target-burst-capacity
  std::int32_t initial_scale = 1;                    // initial-scale
  bool allow_zero_initial_scale = false;             // allow-zero-initial-scale
  std::int32_t min_scale = 0;                        // min-scale
  std::int32_t max_scale = 0;                        // max-scale (0 = unbounded)
};

// Per-revision annotations the scaler reads; unset = the cluster value.
struct KpaScalerOverrides {
  std::optional<Seconds> window;                              // autoscaling.knative.dev/window
  std::optional<Seconds> scale_to_zero_pod_retention_period;  // .../scale-to-zero-pod-retention-period
  std::optional<Seconds> progress_deadline;                   // serving.knative.dev/progress-deadline
  std::optional<double> target_burst_capacity;                // .../target-burst-capacity
  std::optional<std::int32_t> min_scale;                      // .../min-scale
  std::optional<std::int32_t> max_scale;                      // .../max-scale
  std::optional<std::int32_t> initial_scale;                  // .../initial-scale
};

// Resolved per-revision values (annotation, else ConfigMap). Reachability is applied by scale().
struct KpaScalerSettings {
  bool enable_scale_to_zero = true;
  Seconds stable_window = 60;
  Seconds scale_to_zero_grace_period = 30;
  Seconds scale_to_zero_pod_retention_period = 0;
  Seconds progress_deadline = 600;
  double target_burst_capacity = 211;
  std::int32_t min_scale = 0;      // before the Unreachable override
  std::int32_t max_scale = 0;      // 0 = unbounded
  std::int32_t initial_scale = 1;  // GetInitialScale: annotation if set (0 only if allowed), else ConfigMap
};

KpaScalerSettings resolve_kpa_scaler_settings(const KpaClusterConfig& cluster, const KpaScalerOverrides& overrides);

// The scaler's cluster-wide values from config-autoscaler plus config-deployment's progress-deadline
// (seconds): the one mapping the simulator and the adapter's shadow both use.
KpaClusterConfig kpa_cluster_config(const config::AutoscalerConfig& autoscaler, Seconds progress_deadline);

// Result of the synchronous activator probe (is the public service answered by the activator?).
enum class ActivatorProbe { kOk, kFailed };

// What the scaler reads of the PA's status: the Active condition's status and transition time, and
// ScaleTargetInitialized; the same names as api::PodAutoscalerStatus. Three values copied on every
// reconcile of every revision, not the status with its condition's strings.
struct KpaScalerPaState {
  struct Active {
    api::ConditionStatus status = api::ConditionStatus::kUnknown;
    Seconds last_transition_time = 0;
    Seconds in_state_for(Seconds now) const { return now - last_transition_time; }
  } active;
  bool scale_target_initialized = false;

  static KpaScalerPaState of(const api::PodAutoscalerStatus& s) {
    return {{s.active.status, s.active.last_transition_time}, s.scale_target_initialized};
  }
  bool is_active() const { return active.status == api::ConditionStatus::kTrue; }
  bool is_activating() const { return active.status == api::ConditionStatus::kUnknown; }
};

struct KpaScalerInput {
  std::int32_t desired_scale = -1;                 // decider's DesiredScale, -1 = unknown
  std::optional<std::int32_t> deployment_replicas; // spec.replicas (unset counts as 1)
  KpaScalerPaState pa;                             // Active condition with its transition time
  api::Reachability reachability = api::Reachability::kUnknown;
  api::SksMode sks_spec_mode = api::SksMode::kServe;
  Seconds sks_proxy_for = 0;                       // SKS ProxyFor() at `now`
  ActivatorProbe activator_probe = ActivatorProbe::kOk;
};

struct KpaScaleDecision {
  std::int32_t scale = -1;                 // 'want' for kpa.go; -1 = unknown
  bool apply = false;                      // write spec.replicas when it differs
  bool patch = false;                      // apply && scale != current replicas: the Deployment is patched
  std::optional<Seconds> requeue_after;    // reconcile this PA again after this delay
  bool start_async_probe = false;          // probe the activator every 1 s for up to 45 s
  bool probed_activator = false;           // the synchronous probe was consulted
  // Short machine-friendly cause, e.g. "GracePeriod": a literal (no allocation on the reconcile of
  // every revision every 2 s).
  std::string_view reason;
};

// One scaler.scale() call at instant `now`.
KpaScaleDecision kpa_scale(const KpaScalerSettings& settings, const KpaScalerInput& input, Seconds now);

// applyBounds: x < min -> min; max != 0 and x > max -> max (a -1 becomes min).
std::int32_t apply_bounds(std::int32_t min_scale, std::int32_t max_scale, std::int32_t x);

}  // namespace knsim::core::autoscaler
