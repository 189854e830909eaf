#include "adapter/cluster/clean.hpp"

namespace knsim::adapter {
using nlohmann::json;

void clean_metadata(json& m) {
  if (!m.is_object()) return;
  for (const char* k : {"uid", "resourceVersion", "generation", "managedFields", "creationTimestamp", "selfLink",
                        "ownerReferences", "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds",
                        "generateName"}) {
    m.erase(k);
  }
  for (const char* group : {"annotations", "labels"}) {
    if (!m.contains(group)) continue;
    json& a = m[group];
    for (const char* k : {"kubectl.kubernetes.io/last-applied-configuration", "serving.knative.dev/creator",
                          "serving.knative.dev/lastModifier", "serving.knative.dev/routes",
                          "serving.knative.dev/routingStateModified", "serving.knative.dev/routingState",
                          "serving.knative.dev/configuration", "serving.knative.dev/configurationGeneration",
                          "serving.knative.dev/configurationUID", "serving.knative.dev/service",
                          "serving.knative.dev/serviceUID", "serving.knative.dev/revision",
                          "serving.knative.dev/route", "eventing.knative.dev/creator",
                          "eventing.knative.dev/lastModifier"}) {
      a.erase(k);
    }
    if (a.empty()) m.erase(group);
  }
}

nlohmann::ordered_json clean_manifest(const json& live) {
  json c = live;
  c.erase("status");
  clean_metadata(c["metadata"]);
  if (c.contains("data") && c["data"].is_object()) c["data"].erase("_example");   // Knative's documentation blob
  nlohmann::ordered_json out;
  for (const char* k : {"apiVersion", "kind", "metadata", "spec", "data"}) {
    if (c.contains(k)) out[k] = nlohmann::ordered_json::parse(c[k].dump());
  }
  for (const auto& [k, v] : c.items()) {
    if (!out.contains(k)) out[k] = nlohmann::ordered_json::parse(v.dump());
  }
  return out;
}

json template_of_revision(const json& revision) {
  json meta = revision.value("metadata", json::object());
  json t;
  t["metadata"]["name"] = meta.value("name", "");
  for (const char* group : {"annotations", "labels"}) {
    if (meta.contains(group)) t["metadata"][group] = meta[group];
  }
  clean_metadata(t["metadata"]);
  t["metadata"]["name"] = meta.value("name", "");
  t["spec"] = revision.value("spec", json::object());
  return t;
}

}  // namespace knsim::adapter
