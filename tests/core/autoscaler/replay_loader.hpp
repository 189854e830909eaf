#pragma once
// Test helper: loads a kpa-oracle file (or a bare scenario) into a ReplayInput.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/autoscaler/replay.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::test {

inline nlohmann::json load_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

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

inline std::vector<std::filesystem::path> kpa_oracle_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(shared_dir() / "vectors" / "kpa-oracle")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace knsim::test
