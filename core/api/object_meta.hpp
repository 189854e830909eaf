#pragma once
// Kubernetes ObjectMeta, the part knsim uses (k8s.io/apimachinery metav1.ObjectMeta).
// Plain value type: manifests/ fills it from YAML, core/serving reads it.
#include <cstdint>
#include <map>
#include <string>

namespace knsim::core::api {

struct ObjectMeta {
  std::string name;
  std::string namespace_name = "default";  // metadata.namespace
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  // metadata.generation: bumped by the API server on every spec change (starts at 1 on create).
  std::int64_t generation = 0;

  // Value of an annotation or label, or `fallback` when absent.
  const std::string& annotation_or(const std::string& key, const std::string& fallback) const {
    auto it = annotations.find(key);
    return it == annotations.end() ? fallback : it->second;
  }
  const std::string& label_or(const std::string& key, const std::string& fallback) const {
    auto it = labels.find(key);
    return it == labels.end() ? fallback : it->second;
  }

  bool operator==(const ObjectMeta&) const = default;
};

}  // namespace knsim::core::api
