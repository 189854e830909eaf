#include "manifests/knative_validation.hpp"

#include "core/config/revision_annotations.hpp"
#include "manifests/path_index.hpp"

namespace knsim::manifests {
namespace {

// Reports one problem found on the typed object at the line of its field path.
void report(const Document& doc, const PathIndex& index, const std::string& path, const std::string& message,
            Diagnostics& diags) {
  const std::string full = join_field(doc.field_prefix, path);
  diags.error(doc.ctx.file, index.line_of(full), full, message);
}

// autoscaling.knative.dev/* annotations of a revision template
// (pkg/apis/autoscaling/annotation_validation.go via core/config/revision_annotations).
void validate_template_annotations(const core::api::RevisionTemplate& t, const std::string& path,
                                   const Document& doc, const PathIndex& index, const KnativeConfigs& configs,
                                   Diagnostics& diags) {
  for (const auto& e : core::config::validate_revision_annotations(configs.autoscaler, t.metadata.annotations)) {
    report(doc, index, path + ".metadata.annotations." + e.key, e.message, diags);
  }
}

}  // namespace

void validate_and_default(core::api::Service& s, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags) {
  const PathIndex index(doc.root, doc.field_prefix, doc.line);
  validate_template_annotations(s.spec.configuration.revision_template, "spec.template", doc, index, configs, diags);
}

void validate_and_default(core::api::Configuration& c, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags) {
  const PathIndex index(doc.root, doc.field_prefix, doc.line);
  validate_template_annotations(c.spec.revision_template, "spec.template", doc, index, configs, diags);
}

void validate_and_default(core::api::Route& r, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags) {
  (void)r;
  (void)doc;
  (void)configs;
  (void)diags;
}

}  // namespace knsim::manifests
