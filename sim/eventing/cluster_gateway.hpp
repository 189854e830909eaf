#pragma once
// Connects the eventing engine to the simulated cluster: a delivery to a Knative Service is one
// more sender of the data path (Simulation::submit, the same path as a workload's request: Route
// split, activator when in Proxy mode or scaled to zero, cold start, queue-proxy, pods) and its
// answer comes back through the request's own completion callback; the ApiServerSources watch the
// cluster's typed object changes.
#include <memory>

#include "reports/events.hpp"
#include "sim/eventing/eventing_engine.hpp"

namespace knsim::sim {
class Simulation;
}

namespace knsim::sim::eventing {

// The engine for the Simulation's input (its eventing manifests and spec.eventing), or nullptr when
// the scenario has no eventing. Call start() on it, then watch_cluster, before the first run_until.
std::unique_ptr<EventingEngine> make_eventing_engine(Simulation& sim, reports::EventSink* sink);

// When some ApiServerSource exists or is applied later: the engine lists the objects alive now
// and gets every later object change of the cluster. Nothing when `engine` is nullptr.
void watch_cluster(Simulation& sim, EventingEngine* engine);

}  // namespace knsim::sim::eventing
