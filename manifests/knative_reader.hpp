#pragma once
// serving.knative.dev/v1 Service, Configuration and Route manifests -> core/api value types.
// Type errors (a list where a mapping belongs, a string percent, an unquoted number as an
// annotation value, an unknown field) are reported at their field and line, as the Kubernetes API
// server's strict decoding would. Knative's semantic rules (traffic sums, names, annotations) are
// applied afterwards on the typed objects (knative_validation.hpp).
#include <optional>

#include "core/api/configuration.hpp"
#include "core/api/route.hpp"
#include "core/api/service.hpp"
#include "manifests/documents.hpp"

namespace knsim::manifests {

inline constexpr const char* kServingApiVersion = "serving.knative.dev/v1";

core::api::Service read_service(const Document& doc);
core::api::Configuration read_configuration(const Document& doc);
core::api::Route read_route(const Document& doc);

// Reads metadata (name, namespace, labels, annotations); a missing name is left to validation.
void read_object_meta(const Field& field, core::api::ObjectMeta& meta);
// Reads a spec.template (metadata + the Revision spec).
void read_revision_template(const Field& field, core::api::RevisionTemplate& t);
// Reads a traffic list (spec.traffic).
void read_traffic(const Field& field, std::vector<core::api::TrafficTarget>& traffic);

}  // namespace knsim::manifests
