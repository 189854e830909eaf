#pragma once
// report.html of `knsim cluster compare DIR` (docs/adapter.md "Reading compare and the live view"):
// per revision, the pods the real cluster had (observed.csv, one row per recording step) and the
// pods the simulated replay had (compare/run/timeseries.csv, one row per simulated second) on one
// plot, the figures of compare.json, and how to read them and what limits them. One self-contained
// page in the style of the run's report.html (inline CSS and SVG, no scripts, no network);
// deterministic output.
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace knsim::reports {

// One side of a comparison: samples in time order; NaN = no value at that sample (an empty cell).
struct PodTrack {
  std::vector<double> t;                // seconds from the window's start
  std::vector<double> ready, desired, panic;  // same length as t; panic 0/1
};

struct ComparedRevision {
  std::string revision;
  PodTrack observed;    // the cluster (observed.csv: actual_pods, desired_pods, panic)
  PodTrack simulated;   // the replay (timeseries.csv: ready_pods, desired_pods, panic)
  nlohmann::ordered_json figures;  // this revision's row of compare.json
};

struct CompareReport {
  std::string recording;   // DIR
  std::string seed;        // "scenario's" or the --seed given
  std::string simulation;  // DIR/compare/run
  std::vector<ComparedRevision> revisions;
};

// Reads per-revision tracks from a CSV with a header naming t_s, revision and the three given
// columns (observed.csv: actual_pods, desired_pods, panic). Empty cells are NaN; rows sorted by time.
// Throws std::runtime_error naming file, line and column. (The GUI overlays observed.csv with it.)
std::map<std::string, PodTrack> read_pod_tracks(const std::string& csv_text, const std::string& file,
                                                const std::string& ready_column, const std::string& desired_column,
                                                const std::string& panic_column);

// `values` sampled at `times`: for each time the last sample at or before it (NaN when none), the
// same alignment compare.json uses (adapter/cluster/compare.hpp).
std::vector<double> values_at(const std::vector<double>& t, const std::vector<double>& values,
                              const std::vector<double>& times);

// Cold starts as scale-ups from zero: how often a series of ready pods goes from 0 to at least 1
// (NaN samples are skipped; the first known sample is never counted, its past is unknown).
// Example: 1, 0, 0, 2, NaN, 0, 1 -> 2 (0 -> 2 and 0 -> 1).
int count_scale_from_zero(const std::vector<double>& ready);

void write_compare_report_html(std::ostream& out, const CompareReport& report);

}  // namespace knsim::reports
