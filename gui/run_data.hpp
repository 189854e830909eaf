#pragma once
// RunData: everything one `knsim run --stream` child process told us, as plain data (no Qt).
// The RunController feeds it stdout lines (docs/run-stream.md); the views read it. Views keep
// their own "already plotted" counters and pull only the new rows (batched plotting), so RunData
// only ever appends and never notifies anybody.
//
// Invariants: for every series, each column vector has exactly t.size() entries (a column missing
// from a row is NaN; a column first seen late is back-filled with NaN). Revisions and nodes keep
// the order in which they were first announced (hello) or seen, so colours are stable.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace knsim::gui {

// Rows of one revision (`sample` lines) or of one node (`node` lines), column by column.
struct Series {
  std::string name;
  std::vector<double> t;                                       // simulated seconds
  std::map<std::string, std::vector<double>> numeric;          // numbers and booleans (true = 1)
  std::map<std::string, std::vector<std::string>> text;        // e.g. mode: Proxy / Serve

  // The column, or nullptr when no row had it.
  const std::vector<double>* column(const std::string& key) const;
  const std::vector<std::string>* text_column(const std::string& key) const;
};

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
  // or an empty string for a line that is not a JSON object with a type (kept in stray_lines()).
  std::string ingest_line(std::string_view line);

  bool has_hello() const { return has_hello_; }
  const RunInfo& info() const { return info_; }
  const std::vector<Series>& revisions() const { return revisions_; }
  const std::vector<Series>& nodes() const { return nodes_; }
  const std::vector<RunEvent>& events() const { return events_; }
  const Series* revision(const std::string& name) const;

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
  static void add_row(std::vector<Series>& all, std::map<std::string, std::size_t>& index,
                      const std::string& name, const nlohmann::json& row);
  void on_hello(const nlohmann::json& j);
  void on_event(const nlohmann::json& j);

  bool has_hello_ = false;
  RunInfo info_;
  std::vector<Series> revisions_;
  std::map<std::string, std::size_t> revision_index_;
  std::vector<Series> nodes_;
  std::map<std::string, std::size_t> node_index_;
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
