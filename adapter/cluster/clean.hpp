#pragma once
// Live objects -> clean manifests (what a user would `kubectl apply`): no status, uid,
// resourceVersion, generation, managedFields, creationTimestamp, selfLink, ownerReferences,
// finalizers, last-applied annotation, or the annotations Knative's webhook stamps
// (serving.knative.dev/creator, lastModifier, routes, routingStateModified).
#include <nlohmann/json.hpp>
#include <string>

namespace knsim::adapter {

// A clean copy, keys ordered apiVersion, kind, metadata, spec, data, then the rest.
nlohmann::ordered_json clean_manifest(const nlohmann::json& live);

// A RevisionTemplateSpec rebuilt from a live Revision (its user annotations/labels and spec),
// named after it, so the simulation stamps a revision with the live name.
nlohmann::json template_of_revision(const nlohmann::json& revision);

// Cleans metadata in place (the rules above).
void clean_metadata(nlohmann::json& metadata);

}  // namespace knsim::adapter
