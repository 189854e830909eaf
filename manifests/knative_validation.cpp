#include "manifests/knative_validation.hpp"

#include "core/config/go_parse.hpp"
#include "core/serving/defaults.hpp"
#include "core/serving/validation.hpp"
#include "manifests/limits.hpp"
#include "manifests/path_index.hpp"

namespace knsim::manifests {
namespace {

core::serving::ValidationConfig validation_config(const KnativeConfigs& configs) {
  return {configs.defaults, configs.autoscaler, configs.features};
}

// Prints core/serving's problems at the document's lines. An error naming several fields
// ("spec.traffic[0].tag, spec.traffic[1].tag") is placed at the first one.
void report(const core::api::FieldErrors& errors, const Document& doc, Diagnostics& diags) {
  if (errors.empty()) return;
  const PathIndex index(doc.root, doc.field_prefix, doc.line);
  for (const auto& e : errors) {
    const std::string first = e.path.substr(0, e.path.find(", "));
    std::string field = e.path;
    if (!doc.field_prefix.empty() && !field.empty()) field = join_field(doc.field_prefix, field);
    if (field.empty()) field = doc.field_prefix;
    std::string message = e.message;
    if (!e.details.empty()) message += " (" + e.details + ")";
    diags.error(doc.ctx.file, index.line_of(join_field(doc.field_prefix, first)), field, message);
  }
}

// knsim's limit (manifests/limits.hpp) on the pods one revision starts with: min-scale and
// initial-scale (Knative has none; 1,000,000 pods would exhaust memory before the run starts).
void check_pod_limits(const std::map<std::string, std::string>& annotations, const std::string& template_path,
                      const Document& doc, Diagnostics& diags) {
  for (const char* name : {"min-scale", "minScale", "initial-scale", "initialScale"}) {
    const std::string key = std::string("autoscaling.knative.dev/") + name;
    const auto it = annotations.find(key);
    if (it == annotations.end()) continue;
    const auto v = core::config::go_parse_int(it->second, 32);
    if (!v.ok() || *v.value <= kMaxPodsPerRevision) continue;  // Knative's own check reports bad values
    const std::string field = join_field(doc.field_prefix, template_path + ".metadata.annotations." + key);
    const PathIndex index(doc.root, doc.field_prefix, doc.line);
    diags.error(doc.ctx.file, index.line_of(field), field,
                "at most " + std::to_string(kMaxPodsPerRevision) + " pods per revision (knsim's limit), got " +
                    it->second);
  }
}

}  // namespace

// Knative's webhook order: SetDefaults, then Validate (knative.dev/pkg/webhook/resourcesemantics).
void validate_and_default(core::api::Service& s, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags) {
  core::serving::set_service_defaults(s, configs.defaults);
  report(core::serving::validate_service(s, validation_config(configs)), doc, diags);
  check_pod_limits(s.spec.configuration.revision_template.metadata.annotations, "spec.template", doc, diags);
}

void validate_and_default(core::api::Configuration& c, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags) {
  core::serving::set_configuration_defaults(c, configs.defaults);
  report(core::serving::validate_configuration(c, validation_config(configs)), doc, diags);
  check_pod_limits(c.spec.revision_template.metadata.annotations, "spec.template", doc, diags);
}

void validate_and_default(core::api::Route& r, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags) {
  core::serving::set_route_defaults(r);
  report(core::serving::validate_route(r, validation_config(configs)), doc, diags);
}

}  // namespace knsim::manifests
