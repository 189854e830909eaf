#pragma once
// The MultiScaler's per-revision runner (pkg/autoscaler/scaling/multiscaler.go: createScaler,
// tickScaler, updateLatestScale, Poke). The driver calls tick() every kTickInterval (2 s) and
// offers every activator/stat-server Stat to should_poke(); when it returns true it calls tick()
// at once (the scale-from-zero fast path).
#include <cstdint>
#include <optional>

#include "core/autoscaler/decider_spec.hpp"
#include "core/autoscaler/kpa_decider.hpp"
#include "core/metrics/metric_collector.hpp"
#include "core/metrics/stat.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

// Decider.Status.
struct DeciderStatus {
  std::int32_t desired_scale = -1;         // -1 until the first valid decision
  std::int32_t excess_burst_capacity = 0;
};

// Initial EBC (createScaler): TBC in {-1, 0} -> TBC; else int32(initialScale * total - TBC).
// Example: initial scale 1, total 100, TBC 211 -> -111.
std::int32_t initial_excess_burst_capacity(const DeciderSpec& spec);

class MultiScalerRunner {
 public:
  MultiScalerRunner(const DeciderSpec& spec, Seconds now, std::optional<int> ready_at_creation);

  struct Tick {
    ScaleResult result;
    bool informed = false;  // the PA reconciler must be told (desired changed or EBC sign changed)
  };
  // tickScaler: one Scale(); a valid result updates the status.
  Tick tick(Seconds now, ReadyPods ready, const metrics::MetricCollector& collector);
  Tick tick(Seconds now, ReadyPods ready, ObservedMetrics observed);

  // Poke rule: latest desired scale is 0 and the stat's average concurrency is non-zero.
  bool should_poke(const metrics::Stat& stat) const {
    return status_.desired_scale == 0 && stat.average_concurrency != 0.0;
  }

  // Update (MultiScaler.Update): new spec for the decider; the status is kept.
  void update(const DeciderSpec& spec) { decider_.update(spec); }

  const DeciderStatus& status() const { return status_; }
  const KpaDecider& decider() const { return decider_; }
  KpaDecider& decider() { return decider_; }

 private:
  Tick apply(ScaleResult result);

  KpaDecider decider_;
  DeciderStatus status_;
};

}  // namespace knsim::core::autoscaler
