#pragma once
// Test helper: the cases of shared/vectors/knative-serving-tests.json of one kind.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/core/autoscaler/replay_loader.hpp"

namespace knsim::test {

inline const nlohmann::json& serving_vectors() {
  static const nlohmann::json doc = load_json(shared_dir() / "vectors" / "knative-serving-tests.json");
  return doc;
}

inline std::vector<nlohmann::json> serving_vectors_of_kind(const std::string& kind) {
  std::vector<nlohmann::json> out;
  for (const auto& v : serving_vectors().at("vectors")) {
    if (v.at("kind") == kind) out.push_back(v);
  }
  return out;
}

inline std::vector<std::string> serving_vector_ids(const std::string& kind) {
  std::vector<std::string> ids;
  for (const auto& v : serving_vectors_of_kind(kind)) ids.push_back(v.at("id").get<std::string>());
  return ids;
}

inline nlohmann::json serving_vector(const std::string& id) {
  for (const auto& v : serving_vectors().at("vectors")) {
    if (v.at("id") == id) return v;
  }
  return nullptr;
}

}  // namespace knsim::test
