#pragma once
// The Scenario document's `spec.eventing` section: producers and subscriber behaviours
// (scenarios/README.md "Eventing: producers and subscribers"), with file/line errors.
#include "manifests/yaml_reader.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

void read_eventing_section(const Field& field, models::EventingScenarioSpec& out);

}  // namespace knsim::manifests
