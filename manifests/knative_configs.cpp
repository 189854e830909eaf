// read_knative_configs (scenario_bundle.hpp): the config-* ConfigMaps of knative-serving typed by
// core/config, each problem printed at the ConfigMap's file and the line of `data.<key>`.
#include <vector>

#include "manifests/scenario_bundle.hpp"

namespace knsim::manifests {
namespace {

void report(const ConfigMapDoc& cm, const std::vector<core::config::ConfigError>& errors, Diagnostics& diags) {
  for (const auto& e : errors) {
    const auto it = cm.key_lines.find(e.key);
    const int line = it != cm.key_lines.end() ? it->second : cm.where.line;
    const std::string field = e.key.empty() ? std::string("data") : "data." + e.key;
    diags.error(cm.where.file, line, field, e.message);
  }
}

}  // namespace

KnativeConfigs read_knative_configs(const std::vector<ConfigMapDoc>& config_maps, Diagnostics& diags) {
  KnativeConfigs out;
  for (const ConfigMapDoc& cm : config_maps) {
    if (cm.namespace_name != "knative-serving") continue;  // config-br-defaults: eventing, not simulated
    if (cm.name == "config-autoscaler") {
      auto r = core::config::parse_autoscaler_config(cm.data);
      report(cm, r.errors, diags);
      out.autoscaler = r.config;
    } else if (cm.name == "config-defaults") {
      auto r = core::config::parse_defaults_config(cm.data);
      report(cm, r.errors, diags);
      out.defaults = r.config;
    } else if (cm.name == "config-deployment") {
      auto r = core::config::parse_deployment_config(cm.data);
      report(cm, r.errors, diags);
      out.deployment = r.config;
    } else if (cm.name == "config-network") {
      auto r = core::config::parse_network_config(cm.data);
      report(cm, r.errors, diags);
      out.network = r.config;
    } else if (cm.name == "config-gc") {
      auto r = core::config::parse_gc_config(cm.data);
      report(cm, r.errors, diags);
      out.gc = r.config;
    } else if (cm.name == "config-features") {
      auto r = core::config::parse_features_config(cm.data);
      report(cm, r.errors, diags);
      out.features = r.config;
    }
  }
  return out;
}

}  // namespace knsim::manifests
