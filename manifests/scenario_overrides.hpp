#pragma once
// The `scenario.FIELD` part of `knsim run --set` (manifests/sim_input_builder.hpp): what-ifs on
// the Scenario document itself, checked with the same bounds as the scenario file.
//
//   scenario.seed=N                        the run's seed
//   scenario.duration=D                    e.g. 10m
//   scenario.sampleInterval=D              e.g. 5s
//   scenario.nodePools.POOL.count=N        nodes in pool POOL (an integer >= 1; all pools <= kMaxNodes)
//   scenario.nodePools.POOL.cpu=Q          cores per node, a Kubernetes quantity (8, 7500m)
//   scenario.nodePools.POOL.memory=B       memory per node (32Gi, 64GiB)
//   scenario.nodePools.POOL.speed=X        relative core speed (1.0 = the reference core)
// POOL is everything between "nodePools." and the last dot, so pool names with dots work.
#include <string>

#include "manifests/diagnostics.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

// Applies `scenario.<key>=<value>` (`set` is the whole text, used as the diagnostic's field).
// Returns true when it changed the node pools: call check_node_pools once after all overrides.
bool apply_scenario_override(models::ScenarioSpec& scenario, const std::string& key, const std::string& value,
                             const std::string& set, Diagnostics& diags);

// After node-pool overrides: the node total is within kMaxNodes and every timeline failNode /
// recoverNode still names a node that exists ("worker-4" with a pool of 3 nodes is an error naming
// the action's file and line and the nodes there are).
void check_node_pools(const models::ScenarioSpec& scenario, Diagnostics& diags);

}  // namespace knsim::manifests
