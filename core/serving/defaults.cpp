// Webhook defaulting (pkg/apis/serving/v1/{revision,route,service,configuration}_defaults.go).
#include "core/serving/defaults.hpp"

#include <algorithm>

namespace knsim::core::serving {
namespace {

std::string container_name(const std::string& name_template, const std::string& parent_name) {
  std::string out = name_template;
  const std::string key = "{{.Name}}";
  for (auto pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + parent_name.size())) {
    out.replace(pos, key.size(), parent_name);
  }
  return out;
}

void default_quantity(std::optional<api::Quantity>& field, const std::optional<api::Quantity>& fallback) {
  if (!field && fallback) field = fallback;
}

}  // namespace

void set_revision_spec_defaults(api::RevisionSpec& spec, const config::DefaultsConfig& d,
                                const std::string& parent_name) {
  if (!spec.container_concurrency) spec.container_concurrency = d.container_concurrency;
  // timeoutSeconds: 0 means "not set" in Knative too (pkg/apis/serving/v1/revision_defaults.go,
  // RevisionSpec.SetDefaults: nil or 0 becomes config-defaults' revision-timeout-seconds).
  if (!spec.timeout_seconds || *spec.timeout_seconds == 0) spec.timeout_seconds = d.revision_timeout_seconds;
  // The response-start default never exceeds the request timeout (a user timeoutSeconds below the
  // cluster default would otherwise be rejected by its own default).
  if (!spec.response_start_timeout_seconds) {
    spec.response_start_timeout_seconds = std::min(d.revision_response_start_timeout_seconds, *spec.timeout_seconds);
  }
  if (!spec.idle_timeout_seconds) spec.idle_timeout_seconds = d.revision_idle_timeout_seconds;
  const std::string base = container_name(d.container_name_template, parent_name);
  for (std::size_t i = 0; i < spec.containers.size(); ++i) {
    auto& c = spec.containers[i];
    if (c.name.empty()) c.name = spec.containers.size() == 1 ? base : base + "-" + std::to_string(i);
    default_quantity(c.resources.requests.cpu, d.revision_cpu_request);
    default_quantity(c.resources.requests.memory, d.revision_memory_request);
    default_quantity(c.resources.limits.cpu, d.revision_cpu_limit);
    default_quantity(c.resources.limits.memory, d.revision_memory_limit);
  }
}

void set_route_spec_defaults(api::RouteSpec& spec, bool has_default_configuration_name) {
  if (spec.traffic.empty() && has_default_configuration_name) {
    api::TrafficTarget tt;
    tt.percent = 100;
    tt.latest_revision = true;
    spec.traffic.push_back(tt);
  }
  for (auto& tt : spec.traffic) {
    if (!tt.latest_revision) tt.latest_revision = tt.revision_name.empty();
  }
}

void set_service_defaults(api::Service& service, const config::DefaultsConfig& defaults) {
  set_revision_spec_defaults(service.spec.configuration.revision_template.spec, defaults, service.metadata.name);
  set_route_spec_defaults(service.spec.route, true);
}

void set_configuration_defaults(api::Configuration& configuration, const config::DefaultsConfig& defaults) {
  set_revision_spec_defaults(configuration.spec.revision_template.spec, defaults, configuration.metadata.name);
}

void set_route_defaults(api::Route& route) { set_route_spec_defaults(route.spec, false); }

void set_revision_defaults(api::Revision& revision, const config::DefaultsConfig& defaults) {
  const std::string parent = revision.metadata.label_or("serving.knative.dev/configuration", revision.metadata.name);
  set_revision_spec_defaults(revision.spec, defaults, parent);
}

}  // namespace knsim::core::serving
