#pragma once
// `knsim cluster import`: reads a live cluster's Knative setup and turns it into a scenario folder
// that `knsim validate` accepts and `knsim run` plays (docs/adapter.md "import"):
//  - Knative Services, standalone Configurations and Routes, the config-* ConfigMaps knsim reads,
//    and (where Eventing is installed) Brokers, Triggers, Channels, Subscriptions, sources and
//    flows, as clean manifests (clean.hpp);
//  - live revision names kept: each Service's template is named after its latest created revision
//    (spec.template.metadata.name, Knative's own "bring your own revision name"); older revisions
//    that still serve traffic are re-created first from their Revision objects (the Service
//    document carries the oldest, timeline entries at 0s apply the next ones, the last carries the
//    live template and traffic), so traffic percentages and tags name the live revisions;
//  - a Scenario document: node pools from the nodes' allocatable CPU and memory (grouped), each
//    revision's ready pods now, and a header saying where and when it was imported.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapter/kube/kube_client.hpp"

namespace knsim::adapter {

struct ImportOptions {
  std::vector<std::string> namespaces;   // empty and !all_namespaces: the context's namespace
  bool all_namespaces = false;
  std::string imported_at;               // RFC 3339, for the header
  std::string scenario_duration = "10m";
};

// One revision that serves traffic now.
struct ServingRevision {
  std::string namespace_name, service, name, tag;
  int percent = 0;
  int ready_pods = 0;
};

struct ImportedCluster {
  std::vector<nlohmann::ordered_json> serving;       // Services, standalone Configurations and Routes
  std::vector<nlohmann::ordered_json> config_maps;   // knative-serving / knative-eventing config-*
  std::vector<nlohmann::ordered_json> eventing;
  nlohmann::ordered_json scenario;                   // the Scenario document (no workloads yet)
  std::vector<std::string> header;                   // comment lines for scenario.yaml (no '#')
  std::vector<ServingRevision> revisions;
  std::vector<std::string> warnings;
  bool eventing_installed = false;
};

// Reads everything (LIST calls only). Throws KubeError/TransportError/std::runtime_error.
ImportedCluster read_cluster(KubeClient& client, const ImportOptions& options);

// Writes DIR/serving.yaml, DIR/config.yaml, DIR/eventing.yaml (when any) and DIR/scenario.yaml.
void write_scenario_folder(const ImportedCluster& cluster, const std::filesystem::path& dir);

}  // namespace knsim::adapter
