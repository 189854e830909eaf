#pragma once
// THE scenario loader: a file or folder of manifests -> everything a run needs, typed, with every
// problem of the input collected as diagnostics (file, line, field path, message).
//
//   Diagnostics diags;
//   ScenarioBundle b = load_scenario("scenarios/canary", diags);
//   if (diags.has_errors()) { std::cerr << diags.to_string(); return 2; }
//   // b.scenario (cluster, load, timeline), b.manifests.services, b.configs.autoscaler, ...
//
// Used by `knsim validate`, `knsim run` and the GUI. A bundle is returned even when there are
// errors (as much as could be read), so an editor can show it; a run must refuse it.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/api/configuration.hpp"
#include "core/api/route.hpp"
#include "core/api/service.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/config/defaults_config.hpp"
#include "core/config/deployment_config.hpp"
#include "core/config/features_config.hpp"
#include "core/config/gc_config.hpp"
#include "core/config/network_config.hpp"
#include "manifests/diagnostics.hpp"
#include "manifests/eventing_objects.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

// A Knative object and where its document starts.
template <typename T>
struct Sourced {
  T object;
  models::SourceRef where;
};

// A ConfigMap as written: data (string -> string) and the line of every data key.
struct ConfigMapDoc {
  std::string name;
  std::string namespace_name;
  std::map<std::string, std::string> data;
  std::map<std::string, int> key_lines;  // data key -> 1-based line
  models::SourceRef where;
};

// A document knsim recognises but does not simulate (Broker, Trigger, sources, ...) or does not
// know; it was reported as a warning.
struct UnmodelledObject {
  std::string api_version, kind, name, namespace_name;
  models::SourceRef where;
};

// The manifests of one set of documents: the initial scenario, or one timeline `apply`.
// Services, Configurations and Routes are defaulted and were validated with Knative's rules.
struct ManifestSet {
  std::vector<Sourced<core::api::Service>> services;
  std::vector<Sourced<core::api::Configuration>> configurations;
  std::vector<Sourced<core::api::Route>> routes;
  std::vector<ConfigMapDoc> config_maps;  // known config-* ConfigMaps (knative-serving / -eventing)
  std::vector<UnmodelledObject> unmodelled;
  EventingManifests eventing;  // Broker, Trigger, InMemoryChannel, Subscription, PingSource
};

// The typed config-* ConfigMaps of knative-serving; Knative's defaults for absent keys/maps.
struct KnativeConfigs {
  core::config::AutoscalerConfig autoscaler;
  core::config::DefaultsConfig defaults;
  core::config::DeploymentConfig deployment;
  core::config::NetworkConfig network;
  core::config::GcConfig gc;
  core::config::FeaturesConfig features;
};

struct ScenarioBundle {
  models::ScenarioSpec scenario;       // the Scenario document (defaults filled)
  ManifestSet manifests;               // every other initial document
  KnativeConfigs configs;              // from manifests.config_maps
  // Parallel to scenario.timeline: the parsed documents of each `apply` (empty for other actions).
  std::vector<ManifestSet> timeline_applies;
  std::filesystem::path base_dir;      // folder relative references resolved against
  std::vector<std::string> files;      // manifest files read, in order
  std::vector<Diagnostic> warnings;    // the warnings of the load (errors are only in Diagnostics)
};

// Loads a scenario file (several documents) or folder (*.yaml, *.yml, *.json in name order).
// Every problem goes to `diags`; the bundle holds whatever could be read.
ScenarioBundle load_scenario(const std::filesystem::path& path, Diagnostics& diags);

// Parses the manifest documents of a timeline `apply` (or any manifest text) the same way, with
// Knative's defaulting and validation against `configs`. `source` names the text in diagnostics;
// relative references resolve against `base_dir`. A Scenario document here is an error.
ManifestSet parse_manifests(const std::string& text, const std::string& source,
                            const std::filesystem::path& base_dir, const KnativeConfigs& configs,
                            Diagnostics& diags);

// Typed configs from ConfigMaps; errors are mapped to the ConfigMap's file, line and `data.<key>`.
KnativeConfigs read_knative_configs(const std::vector<ConfigMapDoc>& config_maps, Diagnostics& diags);

}  // namespace knsim::manifests
