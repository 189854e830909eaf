#pragma once
// The Kubernetes HPA's replica calculation for a resource metric (CPU or memory utilization of the
// pods' requests), ported from kubernetes pkg/controller/podautoscaler/replica_calculator.go
// (GetResourceReplicas, groupPods, removeMetricsForPods) and
// pkg/controller/podautoscaler/metrics/utilization.go (GetResourceUtilizationRatio). Pure: told
// the time and each pod's state and latest metric sample; returns the replica count with a reason.
//
// What the rules do (the kube-controller-manager defaults are the settings' defaults):
// - Deleted (or deleting) and Failed pods do not count at all; Pending pods are "ignored".
// - A pod without a metric sample is "missing".
// - For CPU, a pod is also ignored when it has no Ready condition or start time, or, while it is
//   within --horizontal-pod-autoscaler-cpu-initialization-period (5 min) of its start, when it is
//   not Ready or its sample was taken less than one metric window after its last readiness change;
//   after that period, when it is not Ready and has never been Ready (its readiness last changed
//   within --horizontal-pod-autoscaler-initial-readiness-delay (30 s) of its start).
// - utilization = floor(100 * sum(usage) / sum(requests)) over the pods with samples that are not
//   ignored (integer percent, as Kubernetes computes it), usageRatio = utilization / target.
// - No ignored or missing pods: keep the current count within the tolerance (0.1), else
//   ceil(usageRatio * readyPodCount).
// - Otherwise: on a scale-down (ratio < 1) missing pods count as using 100 % of their request, on a
//   scale-up 0 %; on a scale-up ignored pods count as 0 %. The ratio is computed again over all
//   those pods; if it is within tolerance or flips direction the count stays; else
//   ceil(newRatio * pods counted), unless that moves against the direction.
// Worked example (the scale-up that knsim used to overstate): 7 pods, target 80 %, 3 Ready and
// started over 5 min ago at 100 % of 500m, 4 started 20 s ago and not yet Ready. utilization =
// floor(100 * 1500 / 1500) = 100, ratio 1.25 > 1.1, ignored pods present and ratio > 1, so the 4 new
// pods count as 0: new ratio = floor(100 * 1500 / 3500) / 80 = 42 / 80 = 0.525, which flips the
// direction -> keep 7 pods. (Counting all 7 pods as busy at 100 % would have asked for
// ceil(1.25 * 7) = 9.)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

enum class HpaPodPhase { kPending, kRunning, kSucceeded, kFailed };

// One pod as the HPA controller sees it through its pod lister and the metrics API. Times are
// simulated seconds on the driver's clock.
struct HpaPodSample {
  std::string name;
  HpaPodPhase phase = HpaPodPhase::kRunning;
  bool deleting = false;                    // metadata.deletionTimestamp set
  std::optional<Seconds> start_time;        // status.startTime
  bool has_ready_condition = true;          // a PodReady condition exists
  bool ready = false;                       // its status is True
  Seconds ready_last_transition = 0;        // its lastTransitionTime
  std::optional<std::int64_t> usage_milli;  // the metric sample (millicores or bytes); nullopt = missing
  Seconds sample_timestamp = 0;             // when the sample was taken
  Seconds sample_window = 15;               // the window it averages over (metrics-server resolution)
  std::int64_t request_milli = 0;           // sum of the containers' requests of the resource
};

struct HpaCalculatorSettings {
  double tolerance = 0.1;                          // --horizontal-pod-autoscaler-tolerance
  Seconds cpu_initialization_period = 300;         // --horizontal-pod-autoscaler-cpu-initialization-period
  Seconds delay_of_initial_readiness_status = 30;  // --horizontal-pod-autoscaler-initial-readiness-delay
};

struct HpaReplicaResult {
  bool valid = false;             // false: no count could be computed (Kubernetes returns an error)
  std::int32_t replicas = 0;      // the recommendation (before stabilization and limits)
  std::int32_t utilization = 0;   // integer percent over the pods that counted first
  int ready_pods = 0;             // pods whose samples counted first (readyPodCount)
  int ignored_pods = 0;
  int missing_pods = 0;
  std::string reason;
};

// GetResourceReplicas for a Utilization target (percent of the request). `cpu` selects the
// readiness rules that apply to the CPU resource only.
HpaReplicaResult hpa_resource_replicas(std::int32_t current_replicas, std::int32_t target_utilization, bool cpu,
                                       const std::vector<HpaPodSample>& pods, Seconds now,
                                       const HpaCalculatorSettings& settings = {});

}  // namespace knsim::core::autoscaler
