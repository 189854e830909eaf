#pragma once
// The rows of the side-by-side summary table, from two summary.json objects (docs/spec/scenario.md): cost in
// pod-seconds (sum over revisions), latency p50/p99, cold-start requests, failed requests, ...
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace knsim::gui {

struct SummaryRow {
  std::string label;
  std::string baseline;  // "–" when the run has no summary (yet)
  std::string what_if;
  double baseline_value = 0, what_if_value = 0;
};

std::vector<SummaryRow> summary_rows(const nlohmann::json& baseline, const nlohmann::json& what_if);

// A number from a summary: "pod_seconds" sums revisions[].pod_seconds, "pods_max" takes the max,
// other paths are '/'-separated ("latency_ms/p99"). NaN when absent.
double summary_value(const nlohmann::json& summary, const std::string& path);

}  // namespace knsim::gui
