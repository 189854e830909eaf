// Ported from knative/serving pkg/autoscaler/scaling/multiscaler.go (createScaler, tickScaler,
// updateLatestScale, sameSign, Poke).
#include "core/autoscaler/multiscaler_runner.hpp"

#include <limits>

namespace knsim::core::autoscaler {
namespace {

// sameSign compares sign bits, so 0 counts as positive.
bool same_sign(std::int32_t a, std::int32_t b) { return (a < 0) == (b < 0); }

}  // namespace

std::int32_t initial_excess_burst_capacity(const DeciderSpec& spec) {
  const double tbc = spec.target_burst_capacity;
  if (tbc == -1 || tbc == 0) return static_cast<std::int32_t>(tbc);
  // If TBC > total * initial scale the revision starts behind the activator.
  const double v = static_cast<double>(spec.initial_scale) * spec.total_value - tbc;
  if (!(v > -2147483649.0 && v < 2147483648.0)) return std::numeric_limits<std::int32_t>::min();
  return static_cast<std::int32_t>(v);  // truncation toward zero, as Go's int32()
}

MultiScalerRunner::MultiScalerRunner(const DeciderSpec& spec, Seconds now, std::optional<int> ready_at_creation)
    : decider_(spec, now, ready_at_creation) {
  status_.desired_scale = -1;
  status_.excess_burst_capacity = initial_excess_burst_capacity(spec);
}

MultiScalerRunner::Tick MultiScalerRunner::tick(Seconds now, ReadyPods ready,
                                                const metrics::MetricCollector& collector) {
  return apply(decider_.scale(now, ready, collector));
}

MultiScalerRunner::Tick MultiScalerRunner::tick(Seconds now, ReadyPods ready, ObservedMetrics observed) {
  return apply(decider_.scale(now, ready, observed));
}

MultiScalerRunner::Tick MultiScalerRunner::apply(ScaleResult result) {
  Tick out;
  if (!result.scale_valid) {  // invalid results are ignored
    out.result = std::move(result);
    return out;
  }
  bool changed = false;
  if (status_.desired_scale != result.desired_pod_count) {
    status_.desired_scale = result.desired_pod_count;
    changed = true;
  }
  changed = changed || !same_sign(status_.excess_burst_capacity, result.excess_burst_capacity);
  status_.excess_burst_capacity = result.excess_burst_capacity;  // always stored
  out.informed = changed;
  out.result = std::move(result);
  return out;
}

}  // namespace knsim::core::autoscaler
