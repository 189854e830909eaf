#include "core/kubernetes/node_lifecycle.hpp"

namespace knsim::core::kubernetes {

NodeFailureTimes node_failure_times(Seconds failed_at, const NodeLifecycleSettings& settings) {
  NodeFailureTimes t;
  t.failed_at = failed_at;
  t.not_ready_at = failed_at + settings.node_monitor_grace_period;
  t.evicted_at = t.not_ready_at + settings.unreachable_toleration_seconds;
  return t;
}

NodeLifecycleDecision decide_node_lifecycle(const NodeHealth& health, Seconds now,
                                            const NodeLifecycleSettings& settings) {
  NodeLifecycleDecision d;
  if (!health.failed_at || now < *health.failed_at) {
    d.reason = "node Ready";
    if (health.failed_at) d.next_change = *health.failed_at;
    return d;
  }
  const NodeFailureTimes t = node_failure_times(*health.failed_at, settings);
  const bool recovered = health.recovered_at && *health.recovered_at >= *health.failed_at && now >= *health.recovered_at;
  if (recovered) {
    d.pods_evicted = *health.recovered_at >= t.evicted_at;
    d.restart_pods = !d.pods_evicted;
    d.pods_in_endpoints = false;  // the old pods (if any) rejoin when Ready again after their restart
    d.pods_serve = false;
    d.reason = d.pods_evicted ? "node recovered: its pods were evicted" : "node recovered: kubelet restarts its pods";
    return d;
  }
  d.pods_serve = false;
  if (now < t.not_ready_at) {
    d.phase = NodePhase::kUnresponsive;
    d.next_change = t.not_ready_at;
    d.reason = "node unresponsive: within node-monitor-grace-period";
  } else if (now < t.evicted_at) {
    d.phase = NodePhase::kNotReady;
    d.pods_in_endpoints = false;
    d.schedulable = false;
    d.next_change = t.evicted_at;
    d.reason = "NodeNotReady: pods marked not ready, node tainted unreachable";
  } else {
    d.phase = NodePhase::kEvicted;
    d.pods_in_endpoints = false;
    d.schedulable = false;
    d.pods_evicted = true;
    d.reason = "TaintManagerEviction: unreachable toleration expired";
  }
  if (health.recovered_at && *health.recovered_at >= *health.failed_at &&
      (!d.next_change || *health.recovered_at < *d.next_change)) {
    d.next_change = *health.recovered_at;
  }
  return d;
}

const char* node_phase_name(NodePhase phase) {
  switch (phase) {
    case NodePhase::kReady: return "Ready";
    case NodePhase::kUnresponsive: return "Unresponsive";
    case NodePhase::kNotReady: return "NotReady";
    case NodePhase::kEvicted: return "Evicted";
  }
  return "Ready";
}

}  // namespace knsim::core::kubernetes
