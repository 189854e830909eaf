#include "adapter/cluster/cluster_record.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>

namespace knsim::adapter {
namespace fs = std::filesystem;
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0fs", s);
  return buf;
}

std::string number_text(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// `{label=~"a|b"}` or "".
std::string namespace_matcher(const std::string& label, const std::vector<std::string>& namespaces) {
  if (namespaces.empty()) return "";
  std::string alt;
  for (const auto& n : namespaces) alt += (alt.empty() ? "" : "|") + n;
  return "{" + label + "=~\"" + alt + "\"}";
}

}  // namespace

std::vector<double> request_times(const std::vector<double>& rates, double step) {
  std::vector<double> out;
  double carry = 0;
  for (std::size_t k = 0; k < rates.size(); ++k) {
    const double r = std::isnan(rates[k]) || rates[k] < 0 ? 0 : rates[k];
    carry += r * step;
    const auto n = static_cast<long>(std::floor(carry + 1e-9));
    carry -= static_cast<double>(n);
    for (long i = 0; i < n; ++i) out.push_back(static_cast<double>(k) * step + (static_cast<double>(i) + 0.5) * step / static_cast<double>(n));
  }
  return out;
}

Recording record_metrics(PrometheusClient& prom, const RecordOptions& o) {
  Recording rec;
  rec.names = detect_metric_names(prom.metric_names());
  rec.window = o;
  const std::size_t n = static_cast<std::size_t>(std::floor((o.end - o.start) / o.step + 1e-9)) + 1;
  for (std::size_t k = 0; k < n; ++k) rec.times.push_back(o.start + static_cast<double>(k) * o.step);
  const KnativeMetricNames& m = rec.names;
  const std::string sel = namespace_matcher(m.namespace_label, o.namespaces);
  const std::string by = " by (" + m.namespace_label + ", " + m.revision_label + ", " + m.service_label + ") ";
  auto fill = [&](const std::string& query, std::vector<double> RecordedRevision::*field) {
    for (const PromSeries& s : prom.query_range(query, o.start, rec.times.back(), o.step)) {
      const auto ns = s.labels.find(m.namespace_label), rev = s.labels.find(m.revision_label);
      if (ns == s.labels.end() || rev == s.labels.end()) continue;
      RecordedRevision& r = rec.revisions[ns->second + "/" + rev->second];
      r.namespace_name = ns->second;
      r.name = rev->second;
      if (const auto svc = s.labels.find(m.service_label); svc != s.labels.end()) r.service = svc->second;
      auto& values = r.*field;
      for (const auto& [t, v] : s.points) {
        const auto k = static_cast<std::size_t>(std::llround((t - o.start) / o.step));
        if (k < n) {
          values.resize(n, kNaN);
          values[k] = v;
        }
      }
    }
  };
  fill("max" + by + "(" + m.desired + sel + ")", &RecordedRevision::desired);
  fill("max" + by + "(" + m.actual + sel + ")", &RecordedRevision::actual);
  fill("max" + by + "(" + m.panic + sel + ")", &RecordedRevision::panic);
  if (!m.requests.empty()) {
    // rate() needs two samples in its window: four steps, at least a minute.
    const std::string window = seconds_text(std::max(60.0, 4 * o.step));
    fill("sum" + by + "(rate(" + m.requests + sel + "[" + window + "]))", &RecordedRevision::requests_per_s);
  }
  for (auto& [key, r] : rec.revisions) {
    for (auto* v : {&r.desired, &r.actual, &r.panic, &r.requests_per_s}) v->resize(n, kNaN);
  }
  return rec;
}

void write_recording(const Recording& rec, ImportedCluster c, const fs::path& dir) {
  fs::create_directories(dir / "traces");
  const double step = rec.window.step;
  std::ofstream obs(dir / "observed.csv", std::ios::binary);
  obs << "t_s,revision,desired_pods,actual_pods,panic,requests_per_s\n";
  for (std::size_t k = 0; k < rec.times.size(); ++k) {
    for (const auto& [key, r] : rec.revisions) {
      obs << number_text(static_cast<double>(k) * step) << "," << r.name << "," << number_text(r.desired[k]) << ","
          << number_text(r.actual[k]) << "," << number_text(r.panic[k]) << "," << number_text(r.requests_per_s[k]) << "\n";
    }
  }
  nlohmann::ordered_json workloads = nlohmann::ordered_json::array();
  nlohmann::ordered_json starting = nlohmann::ordered_json::object();
  std::string header = "Recorded workloads (knsim cluster record, " + rec.names.set + " metric names, step " +
                       seconds_text(step) + "): one per revision, sent to its Service's route, which splits it";
  for (const auto& [key, r] : rec.revisions) {
    if (!std::isnan(r.actual[0])) starting[key] = static_cast<int>(std::lround(r.actual[0]));
    const std::vector<double> times = request_times(r.requests_per_s, step);
    const std::string file = "traces/" + r.namespace_name + "-" + r.name + ".csv";
    std::ofstream t(dir / file, std::ios::binary);
    t << "timestamp\n";
    char buf[32];
    for (double x : times) {
      std::snprintf(buf, sizeof buf, "%.3f", x);
      t << buf << "\n";
    }
    if (times.empty()) continue;
    std::string service = r.service;
    if (service.empty()) service = r.name.substr(0, r.name.rfind('-'));
    bool known = false;
    for (const auto& doc : c.serving) {
      known |= doc.value("kind", "") == "Service" && doc["metadata"].value("name", "") == service &&
               doc["metadata"].value("namespace", "default") == r.namespace_name;
    }
    if (!known) {
      c.warnings.push_back("revision " + key + ": Service " + service + " is not in the import; its trace " + file +
                           " has no workload");
      continue;
    }
    workloads.push_back({{"name", r.name}, {"service", service}, {"namespace", r.namespace_name},
                         {"arrivals", {{"trace", {{"format", "csv"}, {"file", file}}}}}});
  }
  c.header.push_back(header + "; traces/ hold each revision's requests, observed.csv what Knative did.");
  if (!workloads.empty()) c.scenario["spec"]["workloads"] = workloads;
  c.scenario["spec"]["duration"] = seconds_text(rec.times.size() * step);
  c.scenario["metadata"]["annotations"]["knsim.dev/starting-pods"] = starting.dump();
  c.scenario["metadata"]["annotations"]["knsim.dev/recorded-window"] =
      number_text(rec.window.start) + ".." + number_text(rec.window.end) + " (Unix seconds)";
  write_scenario_folder(c, dir);
}

}  // namespace knsim::adapter
