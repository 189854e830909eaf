#pragma once
// Webhook defaulting of Service, Configuration, Route and Revision specs
// (pkg/apis/serving/v1/*_defaults.go), applied before validation:
// - RevisionSpec: containerConcurrency, timeoutSeconds, responseStartTimeoutSeconds and
//   idleTimeoutSeconds from config-defaults; container names from container-name-template
//   ("user-container", or "user-container-<i>" with several containers); cpu/memory requests
//   and limits from revision-{cpu,memory}-{request,limit} when unset.
// - Traffic: latestRevision = (revisionName == "") when unset; a Service with no traffic gets
//   [{latestRevision: true, percent: 100}].
#include <string>

#include "core/api/configuration.hpp"
#include "core/api/revision.hpp"
#include "core/api/route.hpp"
#include "core/api/service.hpp"
#include "core/config/defaults_config.hpp"

namespace knsim::core::serving {

// parent_name fills {{.Name}} in the container name template.
void set_revision_spec_defaults(api::RevisionSpec& spec, const config::DefaultsConfig& defaults,
                                const std::string& parent_name);
// has_default_configuration_name: true inside a Service (adds the default target when empty).
void set_route_spec_defaults(api::RouteSpec& spec, bool has_default_configuration_name);

void set_service_defaults(api::Service& service, const config::DefaultsConfig& defaults);
void set_configuration_defaults(api::Configuration& configuration, const config::DefaultsConfig& defaults);
void set_route_defaults(api::Route& route);
void set_revision_defaults(api::Revision& revision, const config::DefaultsConfig& defaults);

}  // namespace knsim::core::serving
