#pragma once
// Connects the eventing engine to the simulated cluster: a delivery to a Knative Service enters the
// request path like a workload's request (Route split, activator when in Proxy mode or scaled to
// zero, cold start, queue-proxy, pods) and its end is reported back with an HTTP status.
#include <cstdint>
#include <memory>

#include "reports/events.hpp"
#include "reports/request_stats.hpp"
#include "sim/eventing/eventing_engine.hpp"

namespace knsim::sim {
class Simulation;
}

namespace knsim::sim::eventing {

// The engine for the Simulation's input (its eventing manifests and spec.eventing), or nullptr when
// the scenario has no eventing. Call start() on it before the first run_until.
std::unique_ptr<EventingEngine> make_eventing_engine(Simulation& sim, reports::EventSink* sink);

// Called by the request path when request `id` (generation `seq`) ends: ok, or failed with `reason`.
// Does nothing unless the request was sent by the eventing engine. The callback runs from a timer.
// `delay`: seconds until the answer reaches the sender (the response's hops back).
void request_finished(std::uint32_t id, std::uint32_t seq, bool ok, reports::FailureReason reason, double delay);

// HTTP status the eventing engine sees for a failed request: 503 overflow, 504 timeout (a transport
// failure for the dispatcher), 404 no route, 502 otherwise.
int failure_status(reports::FailureReason reason);

}  // namespace knsim::sim::eventing
