#include "gui/summary_rows.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace knsim::gui {
namespace {

std::string format(double v) {
  if (std::isnan(v)) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, std::fabs(v - std::round(v)) < 1e-9 ? "%.0f" : "%.2f", v);
  return buf;
}

}  // namespace

double summary_value(const nlohmann::json& summary, const std::string& path) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (!summary.is_object()) return kNaN;
  if (path == "pod_seconds" || path == "pods_max") {
    if (!summary.contains("revisions") || !summary["revisions"].is_array()) return kNaN;
    double total = 0;
    for (const auto& r : summary["revisions"]) {
      const double v = r.value(path, 0.0);
      total = path == "pod_seconds" ? total + v : std::max(total, v);
    }
    return total;
  }
  const nlohmann::json* node = &summary;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string key = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!node->is_object() || !node->contains(key)) return kNaN;
    node = &(*node)[key];
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return node->is_number() ? node->get<double>() : kNaN;
}

std::vector<SummaryRow> summary_rows(const nlohmann::json& baseline, const nlohmann::json& what_if) {
  static const std::vector<std::pair<const char*, const char*>> kRows = {
      {"cost (pod-seconds)", "pod_seconds"},
      {"max pods (one revision)", "pods_max"},
      {"requests", "requests/total"},
      {"failed requests", "requests/failed"},
      {"cold-start requests", "cold_start_requests"},
      {"latency p50 (ms)", "latency_ms/p50"},
      {"latency p99 (ms)", "latency_ms/p99"},
      {"node-seconds", "nodes/node_seconds"},
  };
  std::vector<SummaryRow> rows;
  for (const auto& [label, path] : kRows) {
    SummaryRow r{label, "", "", summary_value(baseline, path), summary_value(what_if, path)};
    r.baseline = format(r.baseline_value);
    r.what_if = format(r.what_if_value);
    rows.push_back(r);
  }
  return rows;
}

}  // namespace knsim::gui
