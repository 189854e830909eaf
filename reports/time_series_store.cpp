#include "reports/time_series_store.hpp"

#include <algorithm>
#include <cmath>
#include <charconv>

namespace knsim::reports {
namespace {

constexpr std::string_view kRevColNames[kRevColCount] = {
    "t_s",      "desired_pods", "ready_pods",   "pods",           "observed_stable", "observed_panic",
    "panic",    "mode",         "ebc",          "requests",       "concurrency",     "traffic_percent",
    "target",   "served_share", "latency_p50_ms", "latency_p99_ms", "failures",      "cold_starts",
    "min_scale", "max_scale"};

constexpr std::string_view kNodeColNames[kNodeColCount] = {"t_s", "up", "pods", "cpu_used", "cpu_cores"};

std::size_t idx(RevCol c) { return static_cast<std::size_t>(c); }

// The sample's values in RevCol order.
std::array<double, kRevColCount> values_of(const RevisionSample& s) {
  return {s.t_s,         s.desired_pods,   s.ready_pods,     s.pods,        s.observed_stable,
          s.observed_panic, s.panic ? 1.0 : 0.0, s.mode == Mode::kProxy ? 1.0 : 0.0, s.ebc, s.requests,
          s.concurrency, s.traffic_percent, s.target,        s.served_share, s.latency_p50_ms,
          s.latency_p99_ms, s.failures,      s.cold_starts,    s.min_scale,   s.max_scale};
}

}  // namespace

std::array<double, kRevColCount> revision_values(const RevisionSample& s) { return values_of(s); }

namespace {

void set_value(RevisionSample& s, RevCol c, double v) {
  switch (c) {
    case RevCol::kT: s.t_s = v; break;
    case RevCol::kDesiredPods: s.desired_pods = v; break;
    case RevCol::kReadyPods: s.ready_pods = v; break;
    case RevCol::kPods: s.pods = v; break;
    case RevCol::kObservedStable: s.observed_stable = v; break;
    case RevCol::kObservedPanic: s.observed_panic = v; break;
    case RevCol::kPanic: s.panic = v != 0; break;
    case RevCol::kMode: s.mode = v != 0 ? Mode::kProxy : Mode::kServe; break;
    case RevCol::kEbc: s.ebc = v; break;
    case RevCol::kRequests: s.requests = v; break;
    case RevCol::kConcurrency: s.concurrency = v; break;
    case RevCol::kTrafficPercent: s.traffic_percent = v; break;
    case RevCol::kTarget: s.target = v; break;
    case RevCol::kServedShare: s.served_share = v; break;
    case RevCol::kLatencyP50Ms: s.latency_p50_ms = v; break;
    case RevCol::kLatencyP99Ms: s.latency_p99_ms = v; break;
    case RevCol::kFailures: s.failures = v; break;
    case RevCol::kColdStarts: s.cold_starts = v; break;
    case RevCol::kMinScale: s.min_scale = v; break;
    case RevCol::kMaxScale: s.max_scale = v; break;
    case RevCol::kCount: break;
  }
}

void set_error(std::string* error, std::string e) {
  if (error) *error = std::move(e);
}

// A JSON number as written by to_json: integer columns as integers, else a double.
void put_number(nlohmann::ordered_json& j, std::string_view key, double v, bool integer) {
  if (integer && std::fabs(v) < 9e15) {
    j[std::string(key)] = static_cast<std::int64_t>(std::llround(v));
  } else {
    j[std::string(key)] = std::isfinite(v) ? v : 0.0;
  }
}

}  // namespace

std::string_view mode_name(Mode m) { return m == Mode::kProxy ? "Proxy" : "Serve"; }
std::string_view rev_col_name(RevCol c) { return kRevColNames[idx(c)]; }
std::string_view node_col_name(NodeCol c) { return kNodeColNames[static_cast<std::size_t>(c)]; }

bool rev_col_is_integer(RevCol c) {
  switch (c) {
    case RevCol::kDesiredPods: case RevCol::kReadyPods: case RevCol::kPods: case RevCol::kPanic:
    case RevCol::kMode: case RevCol::kRequests: case RevCol::kFailures: case RevCol::kColdStarts:
    case RevCol::kMinScale: case RevCol::kMaxScale:
      return true;
    default:
      return false;
  }
}

std::string timeseries_csv_header() {
  std::string h = "t_s,revision";
  for (std::size_t c = 1; c < kRevColCount; ++c) {
    h += ',';
    h += kRevColNames[c];
  }
  return h;
}

void append_number(std::string& out, double v) {
  char buf[40];
  std::to_chars_result r{};
  if (!std::isfinite(v) || v == 0) {
    out += '0';
    return;
  }
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
  } else {
    // general format, precision 6: the same text as printf("%.6g") in the C locale
    r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  }
  out.append(buf, r.ptr);
}

std::string format_number(double v) {
  std::string s;
  append_number(s, v);
  return s;
}

RevisionSample RevisionSeries::row(std::size_t i) const {
  RevisionSample s;
  s.revision = name_;
  for (std::size_t c = 0; c < kRevColCount; ++c) set_value(s, static_cast<RevCol>(c), cols_[c][i]);
  return s;
}

void RevisionSeries::append(const RevisionSample& s) {
  const auto v = values_of(s);
  for (std::size_t c = 0; c < kRevColCount; ++c) cols_[c].push_back(v[c]);
}

NodeSample NodeSeries::row(std::size_t i) const {
  NodeSample s;
  s.node = name_;
  s.t_s = cols_[0][i];
  s.up = cols_[1][i] != 0;
  s.pods = cols_[2][i];
  s.cpu_used = cols_[3][i];
  s.cpu_cores = cols_[4][i];
  return s;
}

void NodeSeries::append(const NodeSample& s) {
  const double v[kNodeColCount] = {s.t_s, s.up ? 1.0 : 0.0, s.pods, s.cpu_used, s.cpu_cores};
  for (std::size_t c = 0; c < kNodeColCount; ++c) cols_[c].push_back(v[c]);
}

void TimeSeriesStore::add(const RevisionSample& s) {
  auto it = revisions_.find(s.revision);
  if (it == revisions_.end()) it = revisions_.emplace(s.revision, RevisionSeries(s.revision)).first;
  it->second.append(s);
  last_t_ = std::max(last_t_, s.t_s);
}

void TimeSeriesStore::add(const NodeSample& s) {
  auto it = nodes_.find(s.node);
  if (it == nodes_.end()) it = nodes_.emplace(s.node, NodeSeries(s.node)).first;
  it->second.append(s);
  last_t_ = std::max(last_t_, s.t_s);
}

std::vector<std::string> TimeSeriesStore::revision_names() const {
  std::vector<std::string> v;
  for (const auto& [name, _] : revisions_) v.push_back(name);
  return v;
}

std::vector<std::string> TimeSeriesStore::node_names() const {
  std::vector<std::string> v;
  for (const auto& [name, _] : nodes_) v.push_back(name);
  return v;
}

const RevisionSeries* TimeSeriesStore::revision(std::string_view name) const {
  const auto it = revisions_.find(name);
  return it == revisions_.end() ? nullptr : &it->second;
}

const NodeSeries* TimeSeriesStore::node(std::string_view name) const {
  const auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : &it->second;
}

bool TimeSeriesStore::add_json(const nlohmann::json& j, std::string* error) {
  const auto type = j.is_object() ? j.find("type") : j.end();
  if (type == j.end() || !type->is_string()) {
    set_error(error, "no \"type\"");
    return false;
  }
  if (*type == "sample") {
    auto s = revision_sample_from_json(j, error);
    if (s) add(*s);
    return s.has_value();
  }
  if (*type == "node") {
    auto s = node_sample_from_json(j, error);
    if (s) add(*s);
    return s.has_value();
  }
  set_error(error, "not a sample or node record");
  return false;
}

nlohmann::ordered_json to_json(const RevisionSample& s) {
  nlohmann::ordered_json j;
  j["type"] = "sample";
  const auto v = values_of(s);
  for (std::size_t c = 0; c < kRevColCount; ++c) {
    const auto col = static_cast<RevCol>(c);
    if (col == RevCol::kMode) {
      j["mode"] = std::string(mode_name(s.mode));
    } else {
      put_number(j, kRevColNames[c], v[c], rev_col_is_integer(col));
    }
    if (col == RevCol::kT) j["revision"] = s.revision;
  }
  return j;
}

nlohmann::ordered_json to_json(const NodeSample& s) {
  nlohmann::ordered_json j;
  j["type"] = "node";
  put_number(j, "t_s", s.t_s, false);
  j["node"] = s.node;
  j["up"] = s.up ? 1 : 0;
  put_number(j, "pods", s.pods, true);
  put_number(j, "cpu_used", s.cpu_used, false);
  put_number(j, "cpu_cores", s.cpu_cores, false);
  return j;
}

std::optional<RevisionSample> revision_sample_from_json(const nlohmann::json& j, std::string* error) {
  RevisionSample s;
  const auto rev = j.find("revision");
  if (rev == j.end() || !rev->is_string()) {
    set_error(error, "sample: missing or non-string 'revision'");
    return std::nullopt;
  }
  s.revision = rev->get<std::string>();
  for (std::size_t c = 0; c < kRevColCount; ++c) {
    const auto col = static_cast<RevCol>(c);
    const std::string key(kRevColNames[c]);
    const auto it = j.find(key);
    const bool required = c < idx(RevCol::kTarget);
    if (it == j.end()) {
      if (!required) continue;
      set_error(error, "sample: missing '" + key + "'");
      return std::nullopt;
    }
    if (col == RevCol::kMode) {
      if (!it->is_string() || (*it != "Proxy" && *it != "Serve")) {
        set_error(error, "sample: 'mode' must be \"Proxy\" or \"Serve\"");
        return std::nullopt;
      }
      s.mode = *it == "Proxy" ? Mode::kProxy : Mode::kServe;
      continue;
    }
    if (!it->is_number() && !it->is_boolean()) {
      set_error(error, "sample: '" + key + "' must be a number");
      return std::nullopt;
    }
    set_value(s, col, it->is_boolean() ? (it->get<bool>() ? 1.0 : 0.0) : it->get<double>());
  }
  return s;
}

std::optional<NodeSample> node_sample_from_json(const nlohmann::json& j, std::string* error) {
  NodeSample s;
  const auto node = j.find("node");
  if (node == j.end() || !node->is_string()) {
    set_error(error, "node: missing or non-string 'node'");
    return std::nullopt;
  }
  s.node = node->get<std::string>();
  double v[kNodeColCount] = {};
  for (std::size_t c = 0; c < kNodeColCount; ++c) {
    const std::string key(kNodeColNames[c]);
    const auto it = j.find(key);
    if (it == j.end() || (!it->is_number() && !it->is_boolean())) {
      set_error(error, "node: missing or non-numeric '" + key + "'");
      return std::nullopt;
    }
    v[c] = it->is_boolean() ? (it->get<bool>() ? 1.0 : 0.0) : it->get<double>();
  }
  s.t_s = v[0];
  s.up = v[1] != 0;
  s.pods = v[2];
  s.cpu_used = v[3];
  s.cpu_cores = v[4];
  return s;
}

}  // namespace knsim::reports
