#pragma once
// Test helper: loads a kpa-oracle file (or a bare scenario) into a ReplayInput.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <algorithm>
#include <string>
#include <vector>

#include "core/autoscaler/replay.hpp"
#include "tests/support/test_data.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::test {

// In a test body: the parsed file, or a failure naming it (tests/support/test_data.hpp).
inline nlohmann::json load_json(const std::filesystem::path& path) { return load_json_file(path); }

inline core::autoscaler::ReplayInput replay_input_from_json(const nlohmann::json& doc) {
  const nlohmann::json& s = doc.contains("scenario") ? doc.at("scenario") : doc;
  core::autoscaler::ReplayInput in;
  in.name = s.value("name", "");
  if (s.contains("config")) in.config = s.at("config").get<std::map<std::string, std::string>>();
  if (s.contains("annotations")) in.annotations = s.at("annotations").get<std::map<std::string, std::string>>();
  in.container_concurrency = s.value("container_concurrency", 0);
  in.initial_ready_pods = s.value("initial_ready_pods", 0);
  in.reachable = s.value("reachable", true);
  for (const auto& e : s.at("events")) {
    core::autoscaler::ReplayEvent ev;
    ev.t = e.at("t").get<double>();
    if (e.at("kind") == "stat") {
      ev.kind = core::autoscaler::ReplayEvent::Kind::kStat;
      ev.stat.pod_name = e.value("pod", "");
      ev.stat.average_concurrency = e.value("concurrency", 0.0);
      ev.stat.request_count = e.value("rps", 0.0);
      ev.stat.average_proxied_concurrency = e.value("proxied_concurrency", 0.0);
      ev.stat.proxied_request_count = e.value("proxied_rps", 0.0);
    } else {
      ev.kind = core::autoscaler::ReplayEvent::Kind::kTick;
      ev.ready_pods = e.at("ready_pods").get<int>();
    }
    in.events.push_back(std::move(ev));
  }
  return in;
}

// The oracle files in tests/data/knative/kpa-oracle, sorted. Called while tests are discovered, so
// it never throws: an unreadable folder yields one placeholder path whose test then fails naming it.
inline std::vector<std::filesystem::path> kpa_oracle_files() {
  const auto dir = knative_vectors_dir() / "kpa-oracle";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".json") files.push_back(it->path());
  }
  if (files.empty()) files.push_back(dir / "missing_kpa_oracle_folder.json");
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace knsim::test
