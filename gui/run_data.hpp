#pragma once
// RunData: everything one `knsim run --stream` child process told us (no Qt). The RunController
// feeds it stdout lines (docs/run-stream.md). `sample` and `node` lines go into the same
// reports::TimeSeriesStore that `knsim run` writes timeseries.csv from, so the GUI plots exactly
// the run's time series; events, the summary and the run state are kept beside it. Views keep
// their own "already plotted" counters and pull only the new rows (batched plotting); RunData only
// appends and never notifies anybody.
//
// Revision and node names are also kept in the order they were announced (hello) or first seen,
// so a revision keeps its colour while a run streams in.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/time_series_store.hpp"

namespace knsim::gui {

// One `event` line: t_s and kind pulled out, every field kept for the explain panel.
struct RunEvent {
  double t_s = 0;
  std::string kind;
  std::string revision;  // empty when the event names none
  nlohmann::json fields;
};

// The `hello` line.
struct RunInfo {
  std::string scenario;
  std::uint64_t seed = 0;
  double duration_s = 0;
  double sample_interval_s = 1;
  std::vector<std::string> revisions;
  std::vector<std::string> nodes;
  std::string knsim_version;
};

class RunData {
 public:
  // Parses one stdout line and stores what it says. Returns its "type" ("sample", "event", ...),
  // or an empty string for a line that is not a JSON object with a type, or a sample/node row the
  // store rejects (both kept in stray_lines(), with the store's reason).
  std::string ingest_line(std::string_view line);

  bool has_hello() const { return has_hello_; }
  const RunInfo& info() const { return info_; }
  const reports::TimeSeriesStore& store() const { return store_; }
  const std::vector<std::string>& revision_names() const { return revision_names_; }  // announce order
  const std::vector<std::string>& node_names() const { return node_names_; }
  const reports::RevisionSeries* revision(const std::string& name) const { return store_.revision(name); }
  const reports::NodeSeries* node(const std::string& name) const { return store_.node(name); }
  const std::vector<RunEvent>& events() const { return events_; }

  double last_t() const { return last_t_; }      // latest simulated time seen in any line
  bool paused() const { return paused_; }
  bool done() const { return done_; }
  const std::optional<nlohmann::json>& summary() const { return summary_; }
  const std::string& out_dir() const { return out_dir_; }
  const std::string& error() const { return error_; }  // the `error` line's message
  const std::vector<std::string>& stray_lines() const { return stray_lines_; }

  // All kinds and revisions named by events so far, sorted (for the filter combos).
  std::vector<std::string> event_kinds() const;
  std::vector<std::string> event_revisions() const;

 private:
  static void remember(std::vector<std::string>& names, const std::string& name);
  void on_hello(const nlohmann::json& j);
  void on_event(const nlohmann::json& j);

  bool has_hello_ = false;
  RunInfo info_;
  reports::TimeSeriesStore store_;
  std::vector<std::string> revision_names_;
  std::vector<std::string> node_names_;
  std::vector<RunEvent> events_;
  double last_t_ = 0;
  bool paused_ = false;
  bool done_ = false;
  std::optional<nlohmann::json> summary_;
  std::string out_dir_;
  std::string error_;
  std::vector<std::string> stray_lines_;
};

}  // namespace knsim::gui
