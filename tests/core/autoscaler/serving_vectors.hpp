#pragma once
// Test helper: the cases of tests/data/knative/knative-serving-tests.json of one kind. The id
// lists are used while tests are discovered and never throw: when the file cannot be read they hold
// one placeholder id, and serving_vector() then fails that test with a message naming the file.
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/core/autoscaler/replay_loader.hpp"

namespace knsim::test {

inline const JsonFile& serving_vectors_file() {
  static const JsonFile file = [] {
    JsonFile f = read_json_file(knative_vectors_dir() / "knative-serving-tests.json");
    if (f.ok() && !(f.doc.is_object() && f.doc.contains("vectors") && f.doc.at("vectors").is_array())) {
      f.error = "test data file " + (knative_vectors_dir() / "knative-serving-tests.json").string() +
                " has no \"vectors\" array";
    }
    return f;
  }();
  return file;
}

// In a test body: the whole document, or a std::runtime_error naming the file.
inline const nlohmann::json& serving_vectors() {
  const JsonFile& f = serving_vectors_file();
  if (!f.ok()) throw std::runtime_error(f.error);
  return f.doc;
}

inline std::vector<nlohmann::json> serving_vectors_of_kind(const std::string& kind) {
  std::vector<nlohmann::json> out;
  for (const auto& v : serving_vectors().at("vectors")) {
    if (v.value("kind", "") == kind) out.push_back(v);
  }
  return out;
}

inline constexpr const char* kMissingVectorFile = "serving_vector_file_unreadable";

// Discovery-safe: never throws.
inline std::vector<std::string> serving_vector_ids(const std::string& kind) {
  const JsonFile& f = serving_vectors_file();
  if (!f.ok()) return {kMissingVectorFile};
  std::vector<std::string> ids;
  for (const auto& v : f.doc.at("vectors")) {
    if (v.is_object() && v.value("kind", "") == kind && v.contains("id") && v.at("id").is_string()) {
      ids.push_back(v.at("id").get<std::string>());
    }
  }
  return ids;
}

// In a test body: the vector with this id, or a std::runtime_error naming the file.
inline nlohmann::json serving_vector(const std::string& id) {
  for (const auto& v : serving_vectors().at("vectors")) {
    if (v.value("id", "") == id) return v;
  }
  throw std::runtime_error("no vector '" + id + "' in " +
                           (knative_vectors_dir() / "knative-serving-tests.json").string());
}

}  // namespace knsim::test
