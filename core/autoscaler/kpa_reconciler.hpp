#pragma once
// One KPA reconcile of a PodAutoscaler (pkg/reconciler/autoscaling/kpa/kpa.go ReconcileKind) on
// top of the decider's status: the scaler (kpa_scaler.hpp) gives `want`, then the SKS mode and
// activator count (sks_mode.hpp) and the PA status (pa_active_condition.hpp) follow. The driver
// calls it when the decider's status changes (Inform), when a requeue is due, and when pods or
// endpoints change; it then patches Deployment replicas when `scale.patch` is set.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"
#include "core/autoscaler/kpa_scaler.hpp"
#include "core/autoscaler/sks_mode.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

struct KpaReconcileInput {
  KpaScalerSettings settings;
  std::int32_t decider_desired_scale = -1;  // decider Status.DesiredScale (-1 unknown)
  std::int32_t excess_burst_capacity = 0;   // decider Status.ExcessBurstCapacity
  double total_value = 100;                 // DeciderSpec.TotalValue
  // DeciderSpec.TargetBurstCapacity, for computeNumActivators (kpa.go passes the decider). Unset:
  // the scaler settings' target_burst_capacity.
  std::optional<double> target_burst_capacity;
  double activator_capacity = 100;          // config-autoscaler activator-capacity
  std::optional<std::int32_t> deployment_replicas;
  std::int32_t ready_pods = 0;
  bool sks_has_private_service = true;      // false: SKS just created, Proxy with 2 activators
  api::Reachability reachability = api::Reachability::kUnknown;
  ActivatorProbe activator_probe = ActivatorProbe::kOk;
};

struct KpaReconcileDecision {
  KpaScaleDecision scale;                   // want, patch, requeue, async probe
  api::SksMode sks_mode = api::SksMode::kProxy;
  std::int32_t num_activators = kMinActivators;
  std::string_view mode_reason;  // a literal (SksModeDecision::reason)
};

// Updates `pa` (Active condition, ScaleTargetInitialized, desired/actual scale) and `sks.spec`
// (mode, numActivators) at `now` and returns what was decided.
KpaReconcileDecision kpa_reconcile(const KpaReconcileInput& input, api::PodAutoscaler& pa,
                                   api::ServerlessService& sks, Seconds now);

}  // namespace knsim::core::autoscaler
