#include "gui/live_data.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace knsim::gui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double number(const nlohmann::json& side, const char* key) {
  if (!side.is_object()) return kNaN;
  const auto it = side.find(key);
  if (it == side.end()) return kNaN;
  if (it->is_boolean()) return it->get<bool>() ? 1 : 0;
  return it->is_number() ? it->get<double>() : kNaN;
}

std::string text(const nlohmann::json& side, const char* key) {
  if (!side.is_object()) return {};
  const auto it = side.find(key);
  return it != side.end() && it->is_string() ? it->get<std::string>() : std::string();
}

nlohmann::json or_null(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

std::string count_text(double v) {
  if (std::isnan(v)) return "unknown";
  return nlohmann::json(v).dump();
}

}  // namespace

bool LiveData::ingest_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.empty()) return false;
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("t") || !j["t"].is_number() || !j.contains("revision") || !j["revision"].is_string()) {
    stray_.emplace_back(line);
    return false;
  }
  ShadowTick tick;
  tick.t = j["t"].get<double>();
  const nlohmann::json twin = j.value("twin", nlohmann::json::object());
  const nlohmann::json real = j.value("real", nlohmann::json::object());
  tick.twin_desired = number(twin, "desired");
  tick.twin_ebc = number(twin, "ebc");
  tick.twin_stable = number(twin, "stable");
  tick.twin_panic_value = number(twin, "panic_value");
  tick.twin_panic = number(twin, "panic");
  tick.twin_mode = text(twin, "mode");
  tick.real_desired = number(real, "desired");
  tick.real_actual = number(real, "actual");
  tick.real_mode = text(real, "mode");
  if (j.contains("agree") && j["agree"].is_boolean()) tick.agree = j["agree"].get<bool>() ? 1 : 0;
  tick.line = std::move(j);
  const std::string revision = tick.line["revision"].get<std::string>();
  if (!ticks_.count(revision)) revisions_.push_back(revision);
  feed_explain(revision, tick);
  ++count_;
  disagreements_ += tick.agree == 0 ? 1 : 0;
  last_t_ = std::max(last_t_, tick.t);
  ticks_[revision].push_back(std::move(tick));
  return true;
}

const std::vector<ShadowTick>& LiveData::ticks(const std::string& revision) const {
  static const std::vector<ShadowTick> kNone;
  const auto it = ticks_.find(revision);
  return it == ticks_.end() ? kNone : it->second;
}

const ShadowTick* LiveData::tick_at(const std::string& revision, double t) const {
  const auto& v = ticks(revision);
  const auto it = std::upper_bound(v.begin(), v.end(), t + 1e-9, [](double x, const ShadowTick& k) { return x < k.t; });
  return it == v.begin() ? nullptr : &*(it - 1);
}

// The twin's decision in the vocabulary of a simulated run's `autoscaler_decision` event (the
// fields ExplainPanel reads), with the real autoscaler's side in the reason and extra fields.
void LiveData::feed_explain(const std::string& revision, const ShadowTick& k) {
  const std::string verdict = k.agree == 1 ? "agrees" : (k.agree == 0 ? "DISAGREES" : "agreement unknown");
  const std::string reason = "twin (knsim core on the live metrics) " + verdict + " with the real autoscaler: real desired " +
                             count_text(k.real_desired) + ", actual " + count_text(k.real_actual) + ", mode " +
                             (k.real_mode.empty() ? "unknown" : k.real_mode);
  nlohmann::json e = {{"type", "event"},
                      {"t_s", k.t},
                      {"kind", "autoscaler_decision"},
                      {"revision", revision},
                      {"observed_stable", or_null(k.twin_stable)},
                      {"observed_panic", or_null(k.twin_panic_value)},
                      {"ready_pods", or_null(k.real_actual)},
                      {"desired_pods", or_null(k.twin_desired)},
                      {"panic", std::isnan(k.twin_panic) ? nlohmann::json(nullptr) : nlohmann::json(k.twin_panic > 0.5)},
                      {"excess_burst_capacity", or_null(k.twin_ebc)},
                      {"reason", reason},
                      {"real_desired", or_null(k.real_desired)},
                      {"real_mode", k.real_mode.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.real_mode)}};
  explain_.ingest_line(e.dump());
  if (k.twin_mode.empty()) return;
  std::string& last = twin_mode_[revision];
  if (last != k.twin_mode) {
    const nlohmann::json m = {{"type", "event"}, {"t_s", k.t}, {"kind", "mode_switch"}, {"revision", revision},
                              {"mode", k.twin_mode},
                              {"reason", "twin " + (last.empty() ? std::string("starts in ") : last + " -> ") + k.twin_mode +
                                             " (real: " + (k.real_mode.empty() ? "unknown" : k.real_mode) + ")"}};
    explain_.ingest_line(m.dump());
    last = k.twin_mode;
  }
  // A sample row so the panel knows the twin's mode at any moment (unknown counts are 0 here; the
  // plots read the ticks themselves, where unknown stays unknown).
  auto zero = [](double v) { return std::isnan(v) ? 0.0 : v; };
  const nlohmann::json s = {{"type", "sample"}, {"t_s", k.t}, {"revision", revision}, {"desired_pods", zero(k.twin_desired)},
                            {"ready_pods", zero(k.real_actual)}, {"pods", zero(k.real_actual)},
                            {"observed_stable", zero(k.twin_stable)}, {"observed_panic", zero(k.twin_panic_value)},
                            {"panic", zero(k.twin_panic)}, {"mode", k.twin_mode}, {"ebc", zero(k.twin_ebc)},
                            {"requests", 0}, {"concurrency", 0}, {"traffic_percent", 0}};
  explain_.ingest_line(s.dump());
}

}  // namespace knsim::gui
