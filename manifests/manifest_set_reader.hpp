#pragma once
// Sorting a set of documents by kind and reading each into a ManifestSet (internal to
// manifests/: load_scenario and parse_manifests use it).
#include <vector>

#include "manifests/documents.hpp"
#include "manifests/scenario_bundle.hpp"

namespace knsim::manifests {

struct ClassifiedDocuments {
  std::vector<Document> scenarios;        // kind: Scenario
  std::vector<Document> services, configurations, routes;
  std::vector<Document> eventing;         // the simulated eventing kinds (eventing_reader.hpp)
  bool check_eventing_references = true;  // false: the caller checks them (timeline applies)
  // Timeline applies: the scenario's config-br-defaults, unless the apply has its own.
  const core::eventing::BrokerDefaults* inherited_br_defaults = nullptr;
  // Likewise the scenario's knative-eventing/config-features.
  const core::eventing::EventingFeatures* inherited_features = nullptr;
  ManifestSet set;                        // config_maps and unmodelled filled by classify_documents
};

// Phase 1: checks apiVersion/kind, reads ConfigMaps, warns about kinds knsim does not simulate.
ClassifiedDocuments classify_documents(const std::vector<Document>& docs, Diagnostics& diags);

// Phase 2: reads Services, Configurations and Routes, applies Knative's defaulting and validation
// (with `configs`), and reports duplicates.
void read_knative_objects(ClassifiedDocuments& docs, const KnativeConfigs& configs, Diagnostics& diags);

// Reads a ConfigMap document (data must be string -> string).
ConfigMapDoc read_config_map(const Document& doc);

}  // namespace knsim::manifests
