// read_knative_configs (scenario_bundle.hpp): the config-* ConfigMaps of knative-serving typed by
// core/config, each problem printed at the ConfigMap's file and the line of `data.<key>`.
#include <algorithm>
#include <vector>

#include "manifests/limits.hpp"
#include "manifests/scenario_bundle.hpp"
#include "manifests/yaml_reader.hpp"

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

// Keys knsim reads per ConfigMap (core/config). Knative ignores unknown keys, so a misspelt key
// silently keeps the default: a key close to a known one gets a warning naming it.
const std::vector<std::string>& known_keys(const std::string& name) {
  static const std::vector<std::string> kAutoscaler = {
      "container-concurrency-target-percentage", "container-concurrency-target-default",
      "requests-per-second-target-default", "target-burst-capacity", "stable-window", "panic-window-percentage",
      "panic-threshold-percentage", "max-scale-up-rate", "max-scale-down-rate", "enable-scale-to-zero",
      "scale-to-zero-grace-period", "scale-to-zero-pod-retention-period", "pod-autoscaler-class",
      "activator-capacity", "initial-scale", "allow-zero-initial-scale", "min-scale", "max-scale",
      "max-scale-limit", "scale-down-delay", "tick-interval", "panic-window"};
  static const std::vector<std::string> kDefaults = {
      "revision-timeout-seconds", "max-revision-timeout-seconds", "revision-response-start-timeout-seconds",
      "revision-idle-timeout-seconds", "container-concurrency", "container-concurrency-max-limit",
      "allow-container-concurrency-zero", "container-name-template", "init-container-name-template",
      "enable-service-links", "revision-cpu-request", "revision-memory-request", "revision-cpu-limit",
      "revision-memory-limit", "revision-ephemeral-storage-request", "revision-ephemeral-storage-limit"};
  static const std::vector<std::string> kNetwork = {"rollout-duration", "domain-template", "tag-template",
                                                    "default-external-scheme", "ingress-class", "ingress.class"};
  static const std::vector<std::string> kGc = {"retain-since-create-time", "retain-since-last-active-time",
                                               "min-non-active-revisions", "max-non-active-revisions"};
  static const std::vector<std::string> kDeployment = {
      "progress-deadline", "queue-sidecar-image", "queue-sidecar-cpu-request", "queue-sidecar-cpu-limit",
      "queue-sidecar-memory-request", "queue-sidecar-memory-limit", "digest-resolution-timeout"};
  static const std::vector<std::string> kNone;
  if (name == "config-autoscaler") return kAutoscaler;
  if (name == "config-defaults") return kDefaults;
  if (name == "config-network") return kNetwork;
  if (name == "config-gc") return kGc;
  if (name == "config-deployment") return kDeployment;
  return kNone;
}

void warn_misspelt_keys(const ConfigMapDoc& cm, Diagnostics& diags) {
  const auto& known = known_keys(cm.name);
  if (known.empty()) return;
  for (const auto& [key, value] : cm.data) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string hint = suggest_name(key, known);
    if (hint.empty()) continue;
    const auto it = cm.key_lines.find(key);
    diags.warning(cm.where.file, it != cm.key_lines.end() ? it->second : cm.where.line, "data." + key,
                  "unknown key (did you mean \"" + hint + "\"?): Knative ignores it and keeps the default");
  }
}

// knsim's limit (manifests/limits.hpp) on the pods a revision starts with, for the cluster-wide
// defaults too (a Knative ConfigMap has no such bound).
void check_pod_limits(const ConfigMapDoc& cm, const core::config::AutoscalerConfig& a, Diagnostics& diags) {
  for (const auto& [key, value] : {std::pair<const char*, long>{"min-scale", a.min_scale}, {"initial-scale", a.initial_scale}}) {
    if (value <= kMaxPodsPerRevision) continue;
    const auto it = cm.key_lines.find(key);
    diags.error(cm.where.file, it != cm.key_lines.end() ? it->second : cm.where.line, std::string("data.") + key,
                "at most " + std::to_string(kMaxPodsPerRevision) + " pods per revision (knsim's limit), got " +
                    std::to_string(value));
  }
}

}  // namespace

KnativeConfigs read_knative_configs(const std::vector<ConfigMapDoc>& config_maps, Diagnostics& diags) {
  KnativeConfigs out;
  // Parses one ConfigMap with its core/config parser, reports its errors at data.<key>, keeps it.
  auto read = [&diags](const ConfigMapDoc& cm, auto parse, auto& target) {
    auto r = parse(cm.data);
    report(cm, r.errors, diags);
    target = r.config;
  };
  for (const ConfigMapDoc& cm : config_maps) {
    if (cm.namespace_name != "knative-serving") continue;  // config-br-defaults: eventing_br_defaults.cpp
    warn_misspelt_keys(cm, diags);
    if (cm.name == "config-autoscaler") {
      read(cm, core::config::parse_autoscaler_config, out.autoscaler);
      check_pod_limits(cm, out.autoscaler, diags);
    }
    else if (cm.name == "config-defaults") read(cm, core::config::parse_defaults_config, out.defaults);
    else if (cm.name == "config-deployment") read(cm, core::config::parse_deployment_config, out.deployment);
    else if (cm.name == "config-network") read(cm, core::config::parse_network_config, out.network);
    else if (cm.name == "config-gc") read(cm, core::config::parse_gc_config, out.gc);
    else if (cm.name == "config-features") read(cm, core::config::parse_features_config, out.features);
  }
  return out;
}

}  // namespace knsim::manifests
