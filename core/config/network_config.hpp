#pragma once
// The `config-network` ConfigMap keys that change routing decisions
// (vendor/knative.dev/networking/pkg/config/config.go), plus config-domain's default domain.
//
// rollout-duration > 0 turns on gradual rollout of new revisions (core/serving/rollout.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/config/autoscaler_config.hpp"  // ConfigError

namespace knsim::core::config {

struct NetworkConfig {
  std::int64_t rollout_duration_seconds = 0;                          // rollout-duration (>= 0; 0 = off)
  std::string domain_template = "{{.Name}}.{{.Namespace}}.{{.Domain}}";  // domain-template
  std::string tag_template = "{{.Tag}}-{{.Name}}";                     // tag-template
  std::string default_external_scheme = "http";                        // default-external-scheme
  std::string ingress_class = "istio.ingress.networking.knative.dev";  // ingress-class
  std::string domain = "svc.cluster.local";                            // config-domain default domain
};

struct NetworkConfigResult {
  NetworkConfig config;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};

// Message for a negative duration: "rollout-duration must be a non-negative value, was: -5".
NetworkConfigResult parse_network_config(const std::map<std::string, std::string>& data);

// Applies domain-template: {{.Name}}, {{.Namespace}}, {{.Domain}} are replaced.
std::string route_host(const NetworkConfig& config, const std::string& name, const std::string& namespace_name);
// Applies tag-template then domain-template: tag "canary", route "hello" -> canary-hello.default.<domain>.
std::string tag_host(const NetworkConfig& config, const std::string& tag, const std::string& route_name,
                     const std::string& namespace_name);

}  // namespace knsim::core::config
