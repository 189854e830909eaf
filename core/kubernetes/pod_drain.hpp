#pragma once
// How long a scaled-down Knative pod stays Terminating, holding its node's CPU and memory and
// counting in pod-seconds. Pure: told when termination began and what the pod is still doing.
//
// Knative behaviour (docs/spec/kubernetes.md "Pod termination", with sources):
// - Deleting the pod removes it from the endpoints at once (its Ready condition goes False), and
//   runs the user container's PreStop hook, which calls queue-proxy's drain endpoint
//   (knative/serving pkg/reconciler/revision/resources/deploy.go).
// - queue-proxy then drains: it keeps serving and waits until no request has arrived for
//   drainSleepDuration = 30 s (pkg/queue/sharedmain/main.go; knative.dev/pkg network/handlers
//   drain.go: Drain "blocks until QuietPeriod has elapsed since the last request"), then stops
//   once its in-flight requests are done.
// - The kubelet kills the pod after terminationGracePeriodSeconds, which Knative sets to the
//   revision's timeoutSeconds (deploy.go; 300 s by default).
// So: terminated = min(max(start + drain, last arrival + drain, last in-flight end),
//                      start + termination grace period).
// Worked example: terminating at 100 s, one request arrived at 101 s (routed before the endpoints
// update) and ends at 103 s -> quiet from 131 s, in-flight done at 103 s -> terminated at 131 s.
// A pod with a 600 s request in flight and grace 300 s is killed at 400 s.
#include <optional>
#include <string>

#include "core/time/time.hpp"

namespace knsim::core::kubernetes {

struct DrainSettings {
  Seconds drain_sleep_duration = 30;  // queue-proxy drainSleepDuration (= the Drainer's QuietPeriod)
};

struct DrainInput {
  Seconds terminating_at = 0;                // deletion (scale-down) instant
  std::optional<Seconds> last_arrival;       // the last request that reached the pod, if any
  std::optional<Seconds> in_flight_done_at;  // when its last in-flight request ends (nullopt: none)
  Seconds termination_grace_period = 300;    // terminationGracePeriodSeconds (revision timeoutSeconds)
};

struct DrainDecision {
  Seconds terminated_at = 0;  // the pod is gone and its node resources are free
  bool killed = false;        // the grace period ended first (SIGKILL)
  std::string reason;
};

DrainDecision drain_pod(const DrainInput& in, const DrainSettings& settings);

}  // namespace knsim::core::kubernetes
