#pragma once
// Knative's KPA decider, one revision (pkg/autoscaler/scaling/autoscaler.go: newAutoscaler,
// Scale, Update). Pure: told the time, the ready pod count and the observed metric values;
// returns a ScaleResult value with a one-line `reason`.
//
// Scale(now) (docs/spec/serving.md 3.3): rp = max(1, ready); maxUp = ceil(upRate * rp);
// maxDown = reachable ? floor(rp / downRate) : 0; dspc = ceil(stable / target),
// dppc = ceil(panic / target); each clamped to [maxDown, maxUp] (maxUp wins); activation-scale
// raises a non-zero raw count; panic when dppc / rp >= threshold; panic ends when not over and
// panicStart + stableWindow < now; in panic desired = max(maxPanicPods, stable, panic pods);
// scale-down delay = sliding max; EBC = floor(ready * total - TBC - panic) (TBC 0 -> 0, -1 -> -1).
// Example: target 7, stable 42, panic 42, 1 ready pod: dspc 6, dppc 6, 6/1 >= 2 -> panic, desired 6.
#include <cstdint>
#include <optional>
#include <string>

#include "core/autoscaler/decider_spec.hpp"
#include "core/metrics/max_time_window.hpp"
#include "core/metrics/metric_collector.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

// The numbers a decision was made from, kept so that its one-line reason can be written later
// (explain_scale), only for the decisions someone reads: formatting them on every tick of every
// revision was a fifth of a 1,000-Service run. This is the only way to a decision's reason.
struct ScaleExplanation {
  enum class Kind : std::uint8_t { kNoReadyCount, kNoData, kDecided } kind = Kind::kNoData;
  enum class Transition : std::uint8_t { kNone, kEnters, kLeaves } transition = Transition::kNone;
  double target = 0, dspc = 0, dppc = 0, max_down = 0, max_up = 0, panic_threshold = 0, rp = 0;
  std::int32_t activation_scale = 0, original_ready = 0, max_panic_pods = 0, before_delay = 0;
  bool activation_applied = false, over = false, held_by_panic = false;
  std::optional<Seconds> panic_time;  // after this decision
};

struct ScaleResult {
  std::int32_t desired_pod_count = 0;     // DesiredPodCount (before min/max/initial-scale clamps)
  std::int32_t excess_burst_capacity = 0; // ExcessBurstCapacity
  bool scale_valid = false;               // ScaleValid: false = no decision, apply nothing
  // Explanation (not in Knative's ScaleResult):
  bool in_panic = false;                  // panic state after this call
  double observed_stable = 0.0;
  double observed_panic = 0.0;
  ScaleExplanation why;                   // its reason in words: explain_scale(*this)
};

// The one-line reason of a decision, e.g. "stable 42.0 / target 7.0 -> 6; panic 42.0 -> 6; 1 ready;
// enters panic: 6.0 >= 2.0 x 1.0 pods; panic since t=10.0; desired 6; ebc -206".
std::string explain_scale(const ScaleResult& r);

// What the pod counter returned (resources.EndpointsCounter ReadyCount).
struct ReadyPods {
  int count = 0;
  bool error = false;  // an error other than NotFound (NotFound is count 0, no error)
};

// What the metric client returned.
struct ObservedMetrics {
  double stable = 0.0;
  double panic = 0.0;
  bool error = false;  // ErrNoData, ErrNotCollecting or any other error
};

class KpaDecider {
 public:
  // newAutoscaler at time `now`: ready_at_creation is the pod count then (nullopt = the counter
  // failed, counts as 0). More than 1 pod starts in panic with maxPanicPods = that count.
  // A scale-down-delay window is created when spec.scale_down_delay > 0 (never rebuilt by update).
  KpaDecider(DeciderSpec spec, Seconds now, std::optional<int> ready_at_creation);

  // Scale with the collector as metric client.
  ScaleResult scale(Seconds now, ReadyPods ready, const metrics::MetricCollector& collector);
  // Scale with given observed values (what the collector would return).
  ScaleResult scale(Seconds now, ReadyPods ready, ObservedMetrics observed);

  // Update: replaces the spec (the delay window stays as created).
  void update(const DeciderSpec& spec) { spec_ = spec; }
  const DeciderSpec& spec() const { return spec_; }

  bool in_panic() const { return panic_time_.has_value(); }
  std::optional<Seconds> panic_time() const { return panic_time_; }
  std::int32_t max_panic_pods() const { return max_panic_pods_; }
  // Sets the panic state directly (tests, or restoring a decider): nullopt = not panicking.
  void set_panic_state(std::optional<Seconds> panic_time, std::int32_t max_panic_pods) {
    panic_time_ = panic_time;
    max_panic_pods_ = max_panic_pods;
  }

 private:
  ScaleExplanation::Transition update_panic(Seconds now, bool over);

  DeciderSpec spec_;
  std::optional<Seconds> panic_time_;        // Go: panicTime (zero = not panicking)
  std::int32_t max_panic_pods_ = 0;
  std::optional<metrics::MaxTimeWindow> delay_window_;
};

}  // namespace knsim::core::autoscaler
