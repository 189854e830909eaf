#include "gui/run_data.hpp"

#include <cmath>
#include <limits>
#include <set>

namespace knsim::gui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A JSON value as a plotted number: numbers as they are, booleans 0/1, anything else absent.
std::optional<double> as_number(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  return std::nullopt;
}

double time_of(const nlohmann::json& j) {
  auto it = j.find("t_s");
  return (it != j.end() && it->is_number()) ? it->get<double>() : kNaN;
}

}  // namespace

const std::vector<double>* Series::column(const std::string& key) const {
  auto it = numeric.find(key);
  return it == numeric.end() ? nullptr : &it->second;
}

const std::vector<std::string>* Series::text_column(const std::string& key) const {
  auto it = text.find(key);
  return it == text.end() ? nullptr : &it->second;
}

const Series* RunData::revision(const std::string& name) const {
  auto it = revision_index_.find(name);
  return it == revision_index_.end() ? nullptr : &revisions_[it->second];
}

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
  } else if (type == "sample") {
    add_row(revisions_, revision_index_, j.value("revision", std::string("?")), j);
    paused_ = false;
  } else if (type == "node") {
    add_row(nodes_, node_index_, j.value("node", std::string("?")), j);
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
  auto names = [&](const char* key, std::vector<Series>& all, std::map<std::string, std::size_t>& index,
                   std::vector<std::string>& out) {
    if (!j.contains(key) || !j[key].is_array()) return;
    for (const auto& n : j[key]) {
      if (!n.is_string()) continue;
      const std::string name = n.get<std::string>();
      out.push_back(name);
      if (index.count(name) == 0) {
        index[name] = all.size();
        all.push_back(Series{name, {}, {}, {}});
      }
    }
  };
  names("revisions", revisions_, revision_index_, info_.revisions);
  names("nodes", nodes_, node_index_, info_.nodes);
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

void RunData::add_row(std::vector<Series>& all, std::map<std::string, std::size_t>& index,
                      const std::string& name, const nlohmann::json& row) {
  auto it = index.find(name);
  if (it == index.end()) {
    it = index.emplace(name, all.size()).first;
    all.push_back(Series{name, {}, {}, {}});
  }
  Series& s = all[it->second];
  const std::size_t n = s.t.size();  // rows before this one
  s.t.push_back(time_of(row));
  for (const auto& [key, value] : row.items()) {
    if (key == "type" || key == "t_s" || key == "revision" || key == "node") continue;
    if (auto x = as_number(value)) {
      auto& col = s.numeric[key];
      col.resize(n, kNaN);
      col.push_back(*x);
    } else if (value.is_string()) {
      auto& col = s.text[key];
      col.resize(n);
      col.push_back(value.get<std::string>());
    }
  }
  // Columns this row did not mention stay aligned with t.
  for (auto& [key, col] : s.numeric) col.resize(n + 1, kNaN);
  for (auto& [key, col] : s.text) col.resize(n + 1);
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
