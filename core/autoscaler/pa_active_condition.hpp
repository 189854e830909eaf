#pragma once
// The PodAutoscaler Active condition after a KPA reconcile (pkg/reconciler/autoscaling/kpa/kpa.go
// computeActiveCondition and activeThreshold; docs/spec/serving.md section 5.1).
//
// minReady = max(min, initialScale) before the scale target is initialized, else max(min, 1).
//   want 0 (or minReady 0)          -> Inactive ("TimedOut" if it was Activating with minReady > 0, else "NoTraffic")
//   ready < minReady                -> Activating ("Queued") if want > 0 or not Inactive; else stays Inactive
//   ready >= minReady               -> Active if want > 0 or not Inactive; else unchanged
// ScaleTargetInitialized becomes true once ready >= minReady and the private service is known.
#include <cstdint>

#include "core/api/pod_autoscaler.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

struct PodCounts {
  std::int32_t want = -1;   // the scaler's result (kpa_scale().scale)
  std::int32_t ready = 0;   // ready pods
};

// activeThreshold. `min_scale` is the bound after reachability (0 when Unreachable).
std::int32_t active_threshold(const api::PodAutoscalerStatus& pa, std::int32_t min_scale, std::int32_t initial_scale);

// Updates pa.active (with transition time `now`) and pa.scale_target_initialized.
void compute_active_condition(api::PodAutoscalerStatus& pa, const PodCounts& counts, std::int32_t min_scale,
                              std::int32_t initial_scale, Seconds now);

}  // namespace knsim::core::autoscaler
