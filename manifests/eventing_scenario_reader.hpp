#pragma once
// The Scenario document's `spec.eventing` section: producers and subscriber behaviours
// (scenarios/README.md "Eventing: producers and subscribers"), with file/line errors.
#include <vector>

#include "manifests/path_index.hpp"
#include "manifests/scenario_bundle.hpp"
#include "manifests/yaml_reader.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

void read_eventing_section(const Field& field, models::EventingScenarioSpec& out);

// Each producer's broker / channel must name a Broker / InMemoryChannel of the scenario (its initial
// manifests or any timeline apply, `sets`), in the producer's namespace; else an error at
// spec.eventing.producers[i].broker (or .channel) of the Scenario document (`index`).
void check_producer_references(const models::EventingScenarioSpec& spec, const std::vector<const ManifestSet*>& sets,
                               const PathIndex& index, Diagnostics& diags);

// Each spec.eventing.subscribers entry must match a destination some object delivers to (a
// Trigger's or Subscription's subscriber or reply, a dead-letter sink, a source's sink, a
// Sequence/Parallel step or branch) the way the simulator matches them (sim/eventing
// engine_impl.hpp behaviour_for: the same uri, or a ref to the Knative Service `service` in
// `namespace`). An unmatched entry is an error: with a typo the real destination would answer 200.
void check_subscriber_references(const models::EventingScenarioSpec& spec, const std::vector<const ManifestSet*>& sets,
                                 const PathIndex& index, Diagnostics& diags);

}  // namespace knsim::manifests
