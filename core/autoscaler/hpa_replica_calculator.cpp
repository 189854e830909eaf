// Port of kubernetes pkg/controller/podautoscaler/replica_calculator.go GetResourceReplicas and
// groupPods, and metrics/utilization.go GetResourceUtilizationRatio (see the header).
#include "core/autoscaler/hpa_replica_calculator.hpp"

#include <cmath>
#include <map>

namespace knsim::core::autoscaler {
namespace {

enum class Group { kSkip, kIgnored, kMissing, kReady };

// groupPods: where one pod goes.
Group group_of(const HpaPodSample& p, bool cpu, Seconds now, const HpaCalculatorSettings& s) {
  if (p.deleting || p.phase == HpaPodPhase::kFailed) return Group::kSkip;
  if (p.phase == HpaPodPhase::kPending) return Group::kIgnored;
  if (!p.usage_milli) return Group::kMissing;
  if (!cpu) return Group::kReady;
  if (!p.has_ready_condition || !p.start_time) return Group::kIgnored;
  bool ignore = false;
  if (*p.start_time + s.cpu_initialization_period > now) {
    // Within the initialization period: unready, or no full metric window since the last change.
    ignore = !p.ready || p.sample_timestamp < p.ready_last_transition + p.sample_window;
  } else {
    // Unready and never been ready since its start.
    ignore = !p.ready && *p.start_time + s.delay_of_initial_readiness_status > p.ready_last_transition;
  }
  return ignore ? Group::kIgnored : Group::kReady;
}

struct Ratio {
  bool ok = false;
  double usage_ratio = 0;
  std::int32_t utilization = 0;
};

// GetResourceUtilizationRatio: integer percent of the summed requests, then divided by the target.
Ratio utilization_ratio(const std::map<std::string, std::int64_t>& usage,
                        const std::map<std::string, std::int64_t>& requests, std::int32_t target) {
  std::int64_t usage_total = 0, request_total = 0;
  for (const auto& [name, value] : usage) {
    const auto it = requests.find(name);
    if (it == requests.end()) continue;
    usage_total += value;
    request_total += it->second;
  }
  Ratio r;
  if (request_total == 0 || target <= 0) return r;
  r.ok = true;
  r.utilization = static_cast<std::int32_t>((usage_total * 100) / request_total);
  r.usage_ratio = static_cast<double>(r.utilization) / static_cast<double>(target);
  return r;
}

}  // namespace

HpaReplicaResult hpa_resource_replicas(std::int32_t current, std::int32_t target, bool cpu,
                                       const std::vector<HpaPodSample>& pods, Seconds now,
                                       const HpaCalculatorSettings& s) {
  HpaReplicaResult out;
  if (pods.empty()) {
    out.reason = "no pods returned by selector while calculating replica count";
    return out;
  }
  std::map<std::string, std::int64_t> usage, requests;
  std::vector<std::string> ignored, missing;
  for (const auto& p : pods) {
    requests[p.name] = p.request_milli;
    const Group g = group_of(p, cpu, now, s);
    if (g == Group::kIgnored) ignored.push_back(p.name);
    if (g == Group::kMissing) missing.push_back(p.name);
    if (g == Group::kReady) ++out.ready_pods;
    // Samples of ignored pods are removed (removeMetricsForPods); skipped pods keep theirs, as in
    // Kubernetes, where deleted pods' samples stay in the map.
    if (p.usage_milli && g != Group::kIgnored) usage[p.name] = *p.usage_milli;
  }
  out.ignored_pods = static_cast<int>(ignored.size());
  out.missing_pods = static_cast<int>(missing.size());
  if (usage.empty()) {
    out.reason = "did not receive metrics for any ready pods";
    return out;
  }
  const Ratio first = utilization_ratio(usage, requests, target);
  if (!first.ok) {
    out.reason = "no requests for the pods' resource";
    return out;
  }
  out.valid = true;
  out.utilization = first.utilization;
  const bool rebalance_ignored = !ignored.empty() && first.usage_ratio > 1.0;
  if (!rebalance_ignored && missing.empty()) {
    if (std::fabs(1.0 - first.usage_ratio) <= s.tolerance) {
      out.replicas = current;
      out.reason = "within tolerance";
    } else {
      out.replicas = static_cast<std::int32_t>(std::ceil(first.usage_ratio * out.ready_pods));
      out.reason = "usage ratio over ready pods";
    }
    return out;
  }
  if (first.usage_ratio < 1.0) {
    for (const auto& n : missing) usage[n] = requests[n];  // scale-down: missing pods at 100 %
  } else if (first.usage_ratio > 1.0) {
    for (const auto& n : missing) usage[n] = 0;  // scale-up: missing pods at 0 %
  }
  if (rebalance_ignored) {
    for (const auto& n : ignored) usage[n] = 0;  // scale-up: unready pods at 0 %
  }
  const Ratio again = utilization_ratio(usage, requests, target);
  if (!again.ok || std::fabs(1.0 - again.usage_ratio) <= s.tolerance ||
      (first.usage_ratio < 1.0 && again.usage_ratio > 1.0) || (first.usage_ratio > 1.0 && again.usage_ratio < 1.0)) {
    out.replicas = current;
    out.reason = "unready or missing pods: within tolerance or the direction would flip";
    return out;
  }
  const auto counted = static_cast<double>(usage.size());
  const auto replicas = static_cast<std::int32_t>(std::ceil(again.usage_ratio * counted));
  if ((again.usage_ratio < 1.0 && replicas > current) || (again.usage_ratio > 1.0 && replicas < current)) {
    out.replicas = current;
    out.reason = "unready or missing pods: the count would move against the direction";
    return out;
  }
  out.replicas = replicas;
  out.reason = "usage ratio with unready pods at 0 % and missing pods by direction";
  return out;
}

}  // namespace knsim::core::autoscaler
