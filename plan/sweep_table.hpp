#pragma once
// A sweep's results (one row per point and seed), its per-point summary (mean and 95 % confidence
// interval over the seeds) and the Pareto front, with their CSV files:
//   results.csv  point,seed,<param keys...>,<kMetricNames...>          rows by point, then seed
//   summary.csv  point,<param keys...>,runs,<metric>_mean,<metric>_ci95_low,<metric>_ci95_high...
//   pareto.csv   summary.csv's columns, only the points on the Pareto front
// The CI is Student t: mean +- t(0.975, n-1) * s / sqrt(n), s the sample standard deviation over the
// n seeds; with one seed the interval is empty (cells left blank). Worked example: p99 over seeds
// {100, 110, 120}: mean 110, s 10, t(0.975, 2) = 4.3027, half-width 4.3027 * 10 / sqrt(3) = 24.84,
// so [85.16, 134.84].
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "plan/run_metrics.hpp"

namespace knsim::plan {

struct ResultRow {
  std::size_t point = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> values;  // one per parameter key
  RunMetrics metrics;
};

struct SweepTable {
  std::vector<std::string> keys;  // parameter keys, the column order
  std::vector<ResultRow> rows;
  void sort();  // by point, then seed; a duplicate (point, seed) keeps the first
};

struct Interval {
  double mean = 0;
  std::optional<double> low, high;  // nullopt with fewer than two runs
};

struct PointSummary {
  std::size_t point = 0;
  std::vector<std::string> values;
  std::size_t runs = 0;
  std::vector<Interval> metrics;  // one per kMetricNames
  const Interval& get(std::string_view metric) const { return metrics[metric_index(metric).value()]; }
};

// Mean and 95 % CI of `xs` (see above).
Interval mean_ci95(const std::vector<double>& xs);

// One summary per point present in `table` (sorted), in point order.
std::vector<PointSummary> summarize(const SweepTable& table);

// Points no other point beats: q dominates p when q is <= p on mean cost_pod_seconds,
// latency_p99_ms and cold_start_requests, and < on at least one. Returns indices into `s`.
std::vector<std::size_t> pareto_front(const std::vector<PointSummary>& s);

std::string results_csv(const SweepTable& table);
std::string summary_csv(const std::vector<std::string>& keys, const std::vector<PointSummary>& s,
                        const std::vector<std::size_t>& which);  // `which`: indices into s, in order

// Reads results.csv; nullopt with *error naming file, line and column on bad input.
std::optional<SweepTable> read_results_csv(const std::filesystem::path& path, std::string* error);

}  // namespace knsim::plan
