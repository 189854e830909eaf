#include "core/kubernetes/pod_drain.hpp"

#include <algorithm>

namespace knsim::core::kubernetes {

DrainDecision drain_pod(const DrainInput& in, const DrainSettings& settings) {
  Seconds quiet_from = in.terminating_at + settings.drain_sleep_duration;
  if (in.last_arrival && *in.last_arrival > in.terminating_at) {
    quiet_from = std::max(quiet_from, *in.last_arrival + settings.drain_sleep_duration);
  }
  Seconds done = quiet_from;
  if (in.in_flight_done_at) done = std::max(done, *in.in_flight_done_at);
  const Seconds kill_at = in.terminating_at + std::max<Seconds>(0, in.termination_grace_period);
  DrainDecision d;
  if (done > kill_at) {
    d.terminated_at = kill_at;
    d.killed = true;
    d.reason = "terminationGracePeriodSeconds elapsed: killed";
  } else {
    d.terminated_at = done;
    d.reason = done > quiet_from ? "Drained: in-flight requests finished" : "Drained: drainSleepDuration elapsed";
  }
  return d;
}

}  // namespace knsim::core::kubernetes
