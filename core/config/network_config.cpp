// config-network parsing (vendor/knative.dev/networking/pkg/config/config.go NewConfigFromMap).
#include "core/config/network_config.hpp"

#include "core/config/configmap_values.hpp"

namespace knsim::core::config {
namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

NetworkConfigResult parse_network_config(const std::map<std::string, std::string>& data) {
  using namespace configmap;
  NetworkConfigResult r;
  NetworkConfig& c = r.config;
  as_int64(data, "rollout-duration", c.rollout_duration_seconds, r.errors);
  as_string(data, "domain-template", c.domain_template);
  as_string(data, "tag-template", c.tag_template);
  as_string(data, "default-external-scheme", c.default_external_scheme);
  as_string(data, "ingress-class", c.ingress_class);
  as_string(data, "ingress.class", c.ingress_class);
  if (c.rollout_duration_seconds < 0) {
    r.errors.push_back({"rollout-duration", "rollout-duration must be a non-negative value, was: " +
                                                std::to_string(c.rollout_duration_seconds)});
  }
  if (c.domain_template.find("{{.Name}}") == std::string::npos) {
    r.errors.push_back({"domain-template", "domain template must contain {{.Name}}"});
  }
  if (c.tag_template.find("{{.Tag}}") == std::string::npos) {
    r.errors.push_back({"tag-template", "tag template must contain {{.Tag}}"});
  }
  return r;
}

std::string route_host(const NetworkConfig& config, const std::string& name, const std::string& namespace_name) {
  std::string host = config.domain_template;
  replace_all(host, "{{.Name}}", name);
  replace_all(host, "{{.Namespace}}", namespace_name);
  replace_all(host, "{{.Domain}}", config.domain);
  return host;
}

std::string tag_host(const NetworkConfig& config, const std::string& tag, const std::string& route_name,
                     const std::string& namespace_name) {
  std::string name = config.tag_template;
  replace_all(name, "{{.Tag}}", tag);
  replace_all(name, "{{.Name}}", route_name);
  return route_host(config, name, namespace_name);
}

}  // namespace knsim::core::config
