#pragma once
// The `apiVersion: knsim.dev/v1alpha1, kind: Scenario` document (docs/spec/scenario.md): every
// field checked, unknown fields reported by name, defaults as in scenarios/README.md.
#include <optional>
#include <vector>

#include "manifests/documents.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

inline constexpr const char* kScenarioApiVersion = "knsim.dev/v1alpha1";

struct ScenarioDocument {
  models::ScenarioSpec spec;
  // Parallel to spec.timeline (same order, sorted by `at`): the documents of each `apply` action
  // (loaded from its file or inline); empty for other actions.
  std::vector<std::vector<Document>> timeline_documents;
};

// Reads and checks the Scenario document. Checks that need the rest of the scenario (a workload's
// service exists, a deleted object exists) are done by load_scenario. Returns the spec read so
// far even when there were errors (they are in doc.ctx.diags).
ScenarioDocument read_scenario_document(const Document& doc);

// The node names of the cluster: "<pool>-<i>" for i in [0, count).
std::vector<std::string> node_names(const models::ClusterSpec& cluster);

}  // namespace knsim::manifests
