#pragma once
// From a loaded scenario (ScenarioBundle) to what the simulator plays, and the
// `knsim run --set KEY=VALUE` what-if overrides.
//
// --set syntax (applied in order, then validated exactly like the files):
//   config-NAME.KEY=VALUE           a key of a knative-serving ConfigMap, e.g.
//                                   config-autoscaler.stable-window=30s, config-defaults.container-concurrency=10
//   SERVICE.ANNOTATION=VALUE        an annotation on the Service's revision template, e.g.
//                                   hello.autoscaling.knative.dev/target=50 (SERVICE is a ksvc name,
//                                   which has no dots; the annotation key is everything after the first dot)
//   scenario.seed=N | scenario.duration=D | scenario.sampleInterval=D | scenario.nodePools.POOL.count=N
//   (also .cpu, .memory, .speed)    a field of the Scenario document (manifests/scenario_overrides.hpp)
#include <string>
#include <vector>

#include "manifests/diagnostics.hpp"
#include "manifests/scenario_bundle.hpp"
#include "models/sim_input.hpp"

namespace knsim::manifests {

// Applies the overrides to the bundle; problems (unknown service, malformed KEY=VALUE, a value
// Knative rejects) go to `diags` with file "--set" and the override as field.
void apply_overrides(ScenarioBundle& bundle, const std::vector<std::string>& sets,
                     Diagnostics& diags);

// The simulator's input: scenario, initial Services, standalone Configurations and Routes, typed
// configs, timeline applies (Services, Configurations and Routes of each `apply`).
models::SimInput make_sim_input(const ScenarioBundle& bundle);

}  // namespace knsim::manifests
