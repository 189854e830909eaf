#include "core/kubernetes/readiness_probe.hpp"

#include <algorithm>
#include <cmath>

namespace knsim::core::kubernetes {

Seconds next_grid_tick(Seconds origin, Seconds step, Seconds t, long min_k) {
  if (step <= 0) return std::max(t, origin);
  constexpr Seconds kEpsilon = 1e-9;
  const double k = std::ceil((t - origin) / step - kEpsilon / step);
  return origin + static_cast<double>(std::max(static_cast<long>(k), min_k)) * step;
}

ReadinessTimes readiness_times(Seconds container_started, Seconds listening, const ReadinessProbeSettings& settings) {
  ReadinessTimes r;
  const Seconds listen = std::max(listening, container_started);
  if (settings.period_seconds <= 0) {
    // Aggressive: queue-proxy probes at start, start + 50 ms, ...; it answers the kubelet's probe
    // with its own result, so Ready and queue-proxy's success coincide.
    r.queue_proxy_ready = next_grid_tick(container_started, settings.aggressive_interval, listen, 1);
    r.pod_ready = r.queue_proxy_ready;
  } else {
    // Explicit period: queue-proxy probes the user container when it is itself probed.
    r.queue_proxy_ready = listen;
    r.pod_ready = next_grid_tick(container_started, settings.period_seconds, listen, 1);
  }
  r.activator_ready = next_grid_tick(0, settings.activator_probe_interval, r.queue_proxy_ready, 0);
  return r;
}

}  // namespace knsim::core::kubernetes
