#pragma once
// Knative Serving's webhook validation of Service, Configuration, Route and Revision
// (pkg/apis/serving/v1/*_validation.go, pkg/apis/serving/{metadata,k8s}_validation.go), run on
// DEFAULTED objects (see defaults.hpp). Unlike the webhook, which may stop early in places, every
// rule is checked and every problem returned, each with its field path from the object root and
// Knative's message, e.g.
//   {"spec.traffic", "Traffic targets sum to 90, want 100"}
//   {"spec.traffic[1].percent", "expected 0 <= 101 <= 100"}
//   {"spec.template.spec.containerConcurrency", "expected 0 <= 2000 <= 1000"}
// Autoscaling annotations are checked by core/config/revision_annotations (validate_revision_annotations).
#include <string>
#include <vector>

#include "core/api/configuration.hpp"
#include "core/api/revision.hpp"
#include "core/api/route.hpp"
#include "core/api/service.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/config/defaults_config.hpp"
#include "core/config/features_config.hpp"
#include "core/api/field_error.hpp"

namespace knsim::core::serving {

// The cluster configuration validation consults.
struct ValidationConfig {
  config::DefaultsConfig defaults;
  config::AutoscalerConfig autoscaler;
  config::FeaturesConfig features;
};

api::FieldErrors validate_service(const api::Service& service, const ValidationConfig& config);
api::FieldErrors validate_configuration(const api::Configuration& configuration, const ValidationConfig& config);
api::FieldErrors validate_route(const api::Route& route, const ValidationConfig& config);
api::FieldErrors validate_revision(const api::Revision& revision, const ValidationConfig& config);

// Update rule (RevisionTemplateSpec.VerifyNameChange): a BYO revision name must change whenever
// the template changes. Path "spec.template.metadata.name".
api::FieldErrors validate_template_name_change(const api::RevisionTemplate& before, const api::RevisionTemplate& after);

// Pieces, with paths relative to `path` (e.g. "spec.traffic", "spec.template").
// has_default_configuration_name: inside a Service, where targets name no configuration.
api::FieldErrors validate_traffic(const std::vector<api::TrafficTarget>& traffic, bool has_default_configuration_name,
                             const std::string& path);
// parent_name: the Configuration/Service name a BYO revision name must start with ("<parent>-").
api::FieldErrors validate_revision_template(const api::RevisionTemplate& revision_template, const std::string& parent_name,
                                       const ValidationConfig& config, const std::string& path);
api::FieldErrors validate_revision_spec(const api::RevisionSpec& spec, const ValidationConfig& config,
                                   const std::string& path);
// Object metadata: name (DNS-1035), serving.knative.dev/* annotations, rollout-duration.
api::FieldErrors validate_object_metadata(const api::ObjectMeta& metadata, const std::string& path);
// serving.knative.dev/rollout-duration: a Go duration, whole seconds, not negative.
api::FieldErrors validate_rollout_duration_annotation(const api::ObjectMeta& metadata, const std::string& path);

}  // namespace knsim::core::serving
