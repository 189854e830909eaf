#pragma once
// The run's time series: per revision per sample one row of timeseries.csv, per node per sample one
// node row. Stored by column (one std::vector<double> per column per revision), so the GUI plots
// revision(name).column(RevCol::kReadyPods) against revision(name).t() directly, and a day at 1 s
// costs 21 doubles x 86,400 samples per revision.
//
// Columns, in timeseries.csv order (docs/spec/scenario.md's contract first, then the extras of
// docs/run-stream.md). `revision` and `mode` are text in CSV/JSON:
//   t_s              sample time, seconds (end of the sample interval)
//   revision         revision name
//   desired_pods     autoscaler's desired scale       ready_pods  pods passing readiness
//   pods             pods that exist (any phase but Terminated)
//   observed_stable  stable-window concurrency        observed_panic  panic-window concurrency
//   panic            0/1                               mode        Proxy | Serve (stored 1 | 0)
//   ebc              excess burst capacity             requests    arrivals at the revision in the interval
//   concurrency      mean in-flight requests in the interval
//   traffic_percent  configured route percent (0..100)
//   -- extras --
//   target           target concurrency per pod        served_share  this revision's part (0..1) of the
//                    interval's requests to its Service (0 when the Service got none)
//   latency_p50_ms, latency_p99_ms  of requests completed in the interval (0 when none)
//   failures         requests failed in the interval   cold_starts   requests that waited for a pod start
//   min_scale, max_scale  bounds in force (max_scale 0 = unbounded)
// Node rows: t_s, node, up (0/1), pods, cpu_used (cores busy, mean over the interval), cpu_cores.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time/time.hpp"

namespace knsim::reports {

using core::Seconds;

enum class Mode { kServe = 0, kProxy = 1 };
std::string_view mode_name(Mode m);  // "Serve" / "Proxy"

// One row of timeseries.csv (also a `sample` stream line).
struct RevisionSample {
  Seconds t_s = 0;
  std::string revision;
  double desired_pods = 0, ready_pods = 0, pods = 0;
  double observed_stable = 0, observed_panic = 0;
  bool panic = false;
  Mode mode = Mode::kServe;
  double ebc = 0;
  double requests = 0;
  double concurrency = 0;
  double traffic_percent = 0;
  double target = 0;
  double served_share = 0;
  double latency_p50_ms = 0, latency_p99_ms = 0;
  double failures = 0, cold_starts = 0;
  double min_scale = 0, max_scale = 0;
};

// One node row (a `node` stream line).
struct NodeSample {
  Seconds t_s = 0;
  std::string node;
  bool up = true;
  double pods = 0;
  double cpu_used = 0;
  double cpu_cores = 0;
};

// The numeric columns of a revision, in CSV order (t_s first; `revision` is the series' name).
enum class RevCol {
  kT, kDesiredPods, kReadyPods, kPods, kObservedStable, kObservedPanic, kPanic, kMode, kEbc,
  kRequests, kConcurrency, kTrafficPercent,
  kTarget, kServedShare, kLatencyP50Ms, kLatencyP99Ms, kFailures, kColdStarts, kMinScale, kMaxScale,
  kCount
};
inline constexpr std::size_t kRevColCount = static_cast<std::size_t>(RevCol::kCount);
std::string_view rev_col_name(RevCol c);  // "t_s", "desired_pods", ...
bool rev_col_is_integer(RevCol c);        // written without decimals (pods, counts, flags)
// The CSV header line (no newline): t_s,revision,desired_pods,...,max_scale
std::string timeseries_csv_header();
// The sample's values in RevCol order (panic and mode as 0/1), as RevisionSeries stores them.
std::array<double, kRevColCount> revision_values(const RevisionSample& s);

enum class NodeCol { kT, kUp, kPods, kCpuUsed, kCpuCores, kCount };
inline constexpr std::size_t kNodeColCount = static_cast<std::size_t>(NodeCol::kCount);
std::string_view node_col_name(NodeCol c);

class RevisionSeries {
 public:
  explicit RevisionSeries(std::string name = {}) : name_(std::move(name)) {}
  const std::string& name() const { return name_; }
  std::size_t size() const { return cols_[0].size(); }
  const std::vector<double>& t() const { return cols_[0]; }
  const std::vector<double>& column(RevCol c) const { return cols_[static_cast<std::size_t>(c)]; }
  RevisionSample row(std::size_t i) const;
  void append(const RevisionSample& s);

 private:
  std::string name_;
  std::array<std::vector<double>, kRevColCount> cols_;
};

class NodeSeries {
 public:
  explicit NodeSeries(std::string name = {}) : name_(std::move(name)) {}
  const std::string& name() const { return name_; }
  std::size_t size() const { return cols_[0].size(); }
  const std::vector<double>& t() const { return cols_[0]; }
  const std::vector<double>& column(NodeCol c) const { return cols_[static_cast<std::size_t>(c)]; }
  NodeSample row(std::size_t i) const;
  void append(const NodeSample& s);

 private:
  std::string name_;
  std::array<std::vector<double>, kNodeColCount> cols_;
};

class TimeSeriesStore {
 public:
  void add(const RevisionSample& s);  // appends to the revision's series (created on first sight)
  void add(const NodeSample& s);

  // Names sorted (std::map order), so every output iterates deterministically.
  std::vector<std::string> revision_names() const;
  std::vector<std::string> node_names() const;
  const RevisionSeries* revision(std::string_view name) const;  // nullptr if unknown
  const NodeSeries* node(std::string_view name) const;
  const std::map<std::string, RevisionSeries, std::less<>>& revisions() const { return revisions_; }
  const std::map<std::string, NodeSeries, std::less<>>& nodes() const { return nodes_; }
  bool empty() const { return revisions_.empty() && nodes_.empty(); }
  Seconds last_t() const { return last_t_; }  // largest t_s added (0 when empty)

  // Stream support: adds a parsed `sample` or `node` line (docs/run-stream.md). Returns false
  // (and sets `error`) for another type or a malformed record.
  bool add_json(const nlohmann::json& j, std::string* error = nullptr);

 private:
  std::map<std::string, RevisionSeries, std::less<>> revisions_;
  std::map<std::string, NodeSeries, std::less<>> nodes_;
  Seconds last_t_ = 0;
};

// JSON of one row, keys in column order, with "type":"sample" / "type":"node" first.
// Integer columns are JSON integers, `panic` 0/1, `mode` "Proxy"/"Serve".
nlohmann::ordered_json to_json(const RevisionSample& s);
nlohmann::ordered_json to_json(const NodeSample& s);
// Back from JSON; nullopt with `error` set when a column is missing or mistyped. Extra keys are
// ignored, and the extra columns (target and after) default to 0 when absent.
std::optional<RevisionSample> revision_sample_from_json(const nlohmann::json& j, std::string* error = nullptr);
std::optional<NodeSample> node_sample_from_json(const nlohmann::json& j, std::string* error = nullptr);

// Number formatting shared by all writers (deterministic): integers as integers, other values
// with "%.6g"; -0 prints as 0; NaN/inf print as 0 (never produced by a correct run).
std::string format_number(double v);
void append_number(std::string& out, double v);  // the same, appended (no allocation when out has room)

}  // namespace knsim::reports
