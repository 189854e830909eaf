#pragma once
// The control loops' cadences, one place for every driver (sim, GUI, adapter): the driver's 1 s
// stats loop runs at whole seconds t = 0, 1, 2, ... and asks which loops are due.
//   decider tick: every kTickInterval = 2 s (pkg/autoscaler/scaling/multiscaler.go tickInterval);
//   HPA sync: every kHpaSyncPeriod = 15 s (kube-controller-manager
//   --horizontal-pod-autoscaler-sync-period).
// Examples: t = 0 -> tick and HPA; t = 3 -> neither; t = 30 -> both; t = 15 -> HPA only.
#include <cmath>
#include <cstdint>

#include "core/autoscaler/hpa_autoscaler.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

inline constexpr Seconds kStatsInterval = 1.0;  // queue-proxy reports / activator reports / scrapes
inline constexpr Seconds kDeciderTickInterval = 2.0;

// Whether the loop of period `period` (whole seconds) runs at the stats-loop instant `t`.
inline bool cadence_due(Seconds t, Seconds period) {
  const auto p = static_cast<std::int64_t>(std::llround(period));
  return p > 0 && std::llround(t) % p == 0;
}
inline bool decider_tick_due(Seconds t) { return cadence_due(t, kDeciderTickInterval); }
inline bool hpa_sync_due(Seconds t) { return cadence_due(t, kHpaSyncPeriod); }

}  // namespace knsim::core::autoscaler
