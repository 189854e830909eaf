// Object-level validation of Service, Configuration, Route and Revision
// (pkg/apis/serving/v1/{service,configuration,route,revision}_validation.go,
//  pkg/apis/serving/metadata_validation.go, knative.dev/pkg/apis/metadata_validation.go).
#include <cmath>
#include <set>

#include "core/api/keys.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/serving/dns_names.hpp"
#include "core/serving/validation.hpp"
#include "core/time/time.hpp"

namespace knsim::core::serving {
namespace {

const char* kServingPrefix = "serving.knative.dev/";
const char* kAutoscalingPrefix = "autoscaling.knative.dev";

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// serving.knative.dev/* annotations users may set (metadata_validation.go allowedAnnotations).
const std::set<std::string>& allowed_annotations() {
  static const std::set<std::string> kAllowed = {
      "serving.knative.dev/creator",          "serving.knative.dev/lastModifier",
      "serving.knative.dev/lastPinned",       "serving.knative.dev/routingStateModified",
      "serving.knative.dev/forceUpgrade",     "serving.knative.dev/no-gc",
      "serving.knative.dev/routes",           "serving.knative.dev/rollout-duration",
      "serving.knative.dev/progress-deadline",
  };
  return kAllowed;
}

// Labels: visibility must be cluster-local; other serving.knative.dev/* keys only if `known`.
void validate_labels(const api::ObjectMeta& m, const std::set<std::string>& known, api::FieldErrors& errs) {
  for (const auto& [key, value] : m.labels) {
    if (key == api::keys::kVisibilityLabel) {
      if (value != "cluster-local") errs.push_back(api::err_invalid_value(value, "metadata.labels." + key));
    } else if (starts_with(key, kServingPrefix) && known.count(key) == 0) {
      errs.push_back(api::err_invalid_key_name(key, "metadata.labels"));
    }
  }
}

// ValidateHasNoAutoscalingAnnotation (Service, Configuration).
void validate_no_autoscaling_annotations(const api::ObjectMeta& m, api::FieldErrors& errs) {
  for (const auto& [key, value] : m.annotations) {
    if (starts_with(key, kAutoscalingPrefix)) {
      errs.push_back(api::err_invalid_key_name(
          key, "metadata.annotations",
          "autoscaling annotations must be put under \"spec.template.metadata.annotations\" to work"));
    }
  }
}

void validate_autoscaling_annotations(const api::ObjectMeta& m, const ValidationConfig& config, api::FieldErrors& errs) {
  for (const auto& e : config::validate_revision_annotations(config.autoscaler, m.annotations)) {
    errs.push_back({api::join_path("metadata.annotations", e.key), e.message, ""});
  }
}

}  // namespace

api::FieldErrors validate_rollout_duration_annotation(const api::ObjectMeta& m, const std::string& path) {
  auto it = m.annotations.find(api::keys::kRolloutDurationAnnotation);
  if (it == m.annotations.end() || it->second.empty()) return {};
  const std::string p = api::join_path(path, std::string("metadata.annotations.") + it->first);
  auto d = parse_duration(it->second);
  if (!d) return {api::err_invalid_value(it->second, p)};
  if (std::round(*d) != *d) return {{p, "rollout-duration=" + it->second + " is not at second precision", ""}};
  if (*d < 0) return {{p, "rollout-duration=" + it->second + " must be positive", ""}};
  return {};
}

api::FieldErrors validate_object_metadata(const api::ObjectMeta& m, const std::string& path) {
  api::FieldErrors errs;
  if (m.name.empty()) {
    errs.push_back({"metadata.name", "name or generateName is required", ""});
  } else if (auto msgs = is_dns1035_label(m.name); !msgs.empty()) {
    errs.push_back({"metadata.name", "not a DNS 1035 label: " + go_string_slice(msgs), ""});
  }
  for (const auto& [key, value] : m.annotations) {
    if (starts_with(key, kServingPrefix) && allowed_annotations().count(key) == 0) {
      errs.push_back(api::err_invalid_key_name(key, "metadata.annotations"));
    }
  }
  for (auto& e : validate_rollout_duration_annotation(m, "")) errs.push_back(std::move(e));
  api::prefix_paths(errs, 0, path);
  return errs;
}

api::FieldErrors validate_service(const api::Service& s, const ValidationConfig& config) {
  api::FieldErrors errs = validate_object_metadata(s.metadata, "");
  validate_labels(s.metadata, {}, errs);
  validate_no_autoscaling_annotations(s.metadata, errs);
  for (auto& e : validate_revision_template(s.spec.configuration.revision_template, s.metadata.name, config,
                                            "spec.template")) {
    errs.push_back(std::move(e));
  }
  for (auto& e : validate_traffic(s.spec.route.traffic, true, "spec.traffic")) errs.push_back(std::move(e));
  return errs;
}

api::FieldErrors validate_configuration(const api::Configuration& c, const ValidationConfig& config) {
  api::FieldErrors errs = validate_object_metadata(c.metadata, "");
  validate_labels(c.metadata,
                  {api::keys::kRouteLabel, api::keys::kServiceLabel, "serving.knative.dev/configurationUID",
                   "serving.knative.dev/serviceUID"},
                  errs);
  validate_no_autoscaling_annotations(c.metadata, errs);
  for (auto& e : validate_revision_template(c.spec.revision_template, c.metadata.name, config, "spec.template")) {
    errs.push_back(std::move(e));
  }
  return errs;
}

api::FieldErrors validate_route(const api::Route& r, const ValidationConfig& config) {
  api::FieldErrors errs = validate_object_metadata(r.metadata, "");
  validate_autoscaling_annotations(r.metadata, config, errs);
  validate_labels(r.metadata, {api::keys::kServiceLabel}, errs);
  for (auto& e : validate_traffic(r.spec.traffic, false, "spec.traffic")) errs.push_back(std::move(e));
  return errs;
}

api::FieldErrors validate_revision(const api::Revision& r, const ValidationConfig& config) {
  api::FieldErrors errs = validate_object_metadata(r.metadata, "");
  validate_autoscaling_annotations(r.metadata, config, errs);
  validate_labels(r.metadata,
                  {api::keys::kRoutingStateLabel, api::keys::kRouteLabel, api::keys::kServiceLabel,
                   api::keys::kConfigurationLabel, api::keys::kConfigurationGenerationLabel,
                   "serving.knative.dev/configurationUID", "serving.knative.dev/serviceUID"},
                  errs);
  for (auto& e : validate_revision_spec(r.spec, config, "spec")) errs.push_back(std::move(e));
  return errs;
}

}  // namespace knsim::core::serving
