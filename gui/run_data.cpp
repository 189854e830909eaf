#include "gui/run_data.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace knsim::gui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double time_of(const nlohmann::json& j) {
  auto it = j.find("t_s");
  return (it != j.end() && it->is_number()) ? it->get<double>() : kNaN;
}

}  // namespace

std::string RunData::ingest_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.empty()) return {};
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    stray_lines_.emplace_back(line);
    return {};
  }
  const std::string type = j["type"].get<std::string>();
  const double t = time_of(j);
  if (!std::isnan(t) && t > last_t_) last_t_ = t;
  if (type == "hello") {
    on_hello(j);
  } else if (type == "sample" || type == "node") {
    std::string error;
    if (!store_.add_json(j, &error)) {
      stray_lines_.push_back(error + ": " + std::string(line));
      return {};
    }
    if (type == "sample") {
      remember(revision_names_, j["revision"].get<std::string>());
      paused_ = false;
    } else {
      remember(node_names_, j["node"].get<std::string>());
    }
  } else if (type == "event") {
    on_event(j);
  } else if (type == "paused") {
    paused_ = true;
  } else if (type == "done") {
    done_ = true;
    paused_ = false;
    if (j.contains("summary")) summary_ = j["summary"];
    out_dir_ = j.value("out_dir", std::string());
  } else if (type == "error") {
    error_ = j.value("message", std::string("unknown error"));
  }
  return type;
}

void RunData::on_hello(const nlohmann::json& j) {
  has_hello_ = true;
  info_.scenario = j.value("scenario", std::string());
  info_.seed = j.value("seed", std::uint64_t{0});
  info_.duration_s = j.value("duration_s", 0.0);
  info_.sample_interval_s = j.value("sample_interval_s", 1.0);
  info_.knsim_version = j.value("knsim_version", std::string());
  auto names = [&](const char* key, std::vector<std::string>& announced, std::vector<std::string>& order) {
    if (!j.contains(key) || !j[key].is_array()) return;
    for (const auto& n : j[key]) {
      if (!n.is_string()) continue;
      announced.push_back(n.get<std::string>());
      remember(order, n.get<std::string>());
    }
  };
  names("revisions", info_.revisions, revision_names_);
  names("nodes", info_.nodes, node_names_);
}

void RunData::remember(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

void RunData::on_event(const nlohmann::json& j) {
  RunEvent e;
  e.t_s = time_of(j);
  if (std::isnan(e.t_s)) e.t_s = last_t_;
  e.kind = j.value("kind", std::string("event"));
  if (j.contains("revision") && j["revision"].is_string()) e.revision = j["revision"].get<std::string>();
  e.fields = j;
  e.fields.erase("type");
  events_.push_back(std::move(e));
}

std::vector<std::string> RunData::event_kinds() const {
  std::set<std::string> kinds;
  for (const auto& e : events_) kinds.insert(e.kind);
  return {kinds.begin(), kinds.end()};
}

std::vector<std::string> RunData::event_revisions() const {
  std::set<std::string> revs;
  for (const auto& e : events_)
    if (!e.revision.empty()) revs.insert(e.revision);
  return {revs.begin(), revs.end()};
}

}  // namespace knsim::gui
