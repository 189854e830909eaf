#pragma once
// Test support for `knsim cluster shadow` tests: reading shadow.jsonl and the fake cluster's
// config-autoscaler (tests/data/adapter/cluster.json), the input of core's replay the twin is checked
// against.
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::test {

// One parsed JSON value per line of `text` (shadow.jsonl).
inline std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

// The data of knative-serving/config-autoscaler in the fake API server's default fixture.
inline std::map<std::string, std::string> fixture_autoscaler_config() {
  const auto fixture = nlohmann::json::parse(read_text(source_dir() / "tests/data/adapter/cluster.json"));
  std::map<std::string, std::string> out;
  for (const auto& o : fixture["objects"]) {
    if (o["kind"] == "ConfigMap" && o["metadata"]["name"] == "config-autoscaler") {
      for (const auto& [k, v] : o["data"].items()) out[k] = v.get<std::string>();
    }
  }
  return out;
}

}  // namespace knsim::test
