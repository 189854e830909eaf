#pragma once
// The figures of one run that a sweep compares, read from the run's own outputs (summary.json and
// timeseries.csv of `knsim run`), so a sweep row is exactly what `knsim run` reports:
//   cost_pod_seconds    = sum over revisions of summary.json revisions[].pod_seconds
//   node_seconds        = summary.json nodes.node_seconds
//   requests, failed    = requests.total, requests.failed;  failed_ratio = failed / requests (0 without requests)
//   latency_p50_ms, latency_p99_ms = latency_ms.p50, latency_ms.p99 (succeeded requests)
//   cold_start_requests = cold_start_requests
//   max_pods            = max over samples of the sum over revisions of timeseries.csv `pods`
//                         (pods of all revisions at once; revisions[].pods_max is per revision)
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace knsim::plan {

inline constexpr std::array<std::string_view, 9> kMetricNames = {
    "cost_pod_seconds", "node_seconds",   "requests",            "failed",  "failed_ratio",
    "latency_p50_ms",   "latency_p99_ms", "cold_start_requests", "max_pods"};

// Index of a metric in kMetricNames, nullopt when unknown.
std::optional<std::size_t> metric_index(std::string_view name);
// "cost_pod_seconds, node_seconds, ..." for error messages.
std::string metric_list();

struct RunMetrics {
  std::array<double, kMetricNames.size()> values{};
  double get(std::string_view name) const { return values[metric_index(name).value()]; }
};

// Reads a finished run's folder; on a missing or malformed file returns nullopt with *error set.
std::optional<RunMetrics> read_run_metrics(const std::filesystem::path& run_dir, std::string* error);

// The cells of one line of knsim's own CSV files (no quoting: keys and numbers hold no commas):
// "a,,b" -> {a, "", b}, "a," -> {a, ""}, "" -> {""} (one empty cell; callers skip empty lines).
std::vector<std::string> split_csv_line(const std::string& line);

// A number as results.csv writes it: the shortest text that reads back to the same double
// (integers without a decimal point), so rows are stable across write -> read -> write.
std::string format_value(double v);

}  // namespace knsim::plan
