// PA Active condition (kpa.go computeActiveCondition, activeThreshold).
#include "core/autoscaler/pa_active_condition.hpp"

#include <algorithm>

namespace knsim::core::autoscaler {

std::int32_t active_threshold(const api::PodAutoscalerStatus& pa, std::int32_t min_scale, std::int32_t initial_scale) {
  if (!pa.scale_target_initialized) return std::max(min_scale, initial_scale);
  return std::max(min_scale, std::int32_t{1});
}

void compute_active_condition(api::PodAutoscalerStatus& pa, const PodCounts& counts, std::int32_t min_scale,
                              std::int32_t initial_scale, Seconds now) {
  using api::ConditionStatus;
  const std::int32_t min_ready = active_threshold(pa, min_scale, initial_scale);
  if (counts.ready >= min_ready && !pa.service_name.empty()) pa.scale_target_initialized = true;

  if (counts.want == 0 || min_ready == 0) {
    if (pa.is_activating() && min_ready > 0) {
      pa.active.set(ConditionStatus::kFalse, "TimedOut", "The target could not be activated.", now);
    } else {
      pa.active.set(ConditionStatus::kFalse, "NoTraffic", "The target is not receiving traffic.", now);
    }
  } else if (counts.ready < min_ready) {
    if (counts.want > 0 || !pa.is_inactive()) {
      pa.active.set(ConditionStatus::kUnknown, "Queued",
                    "Requests to the target are being buffered as resources are provisioned.", now);
    } else {
      pa.active.set(ConditionStatus::kFalse, "NoTraffic", "The target is not receiving traffic.", now);
    }
  } else if (counts.want > 0 || !pa.is_inactive()) {
    pa.scale_target_initialized = true;
    pa.active.set(ConditionStatus::kTrue, "", "", now);
  }
}

}  // namespace knsim::core::autoscaler
