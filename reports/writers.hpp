#pragma once
// Writers of a run's outputs (docs/spec/scenario.md "Outputs"). All output is deterministic: fixed number
// formatting (format_number), sorted revision/node order, events in the order they happened.
// The only wall-clock values are summary.json's wall_seconds and simulated_requests_per_wall_second;
// WriteOptions::include_wall = false writes them as 0 so golden files compare byte for byte.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "reports/events.hpp"
#include "reports/report_events.hpp"
#include "reports/run_summary.hpp"
#include "reports/time_series_store.hpp"

namespace knsim::reports {

struct WriteOptions {
  bool include_wall = true;     // wall-clock figures in summary.json and report.html (false: 0 / left out)
  bool wall_in_summary = false;  // with include_wall = false: summary.json still carries them, so two
                                 // runs of one scenario differ only in summary.json (knsim run)
};

// summary.json: to_json(summary) pretty-printed with 2 spaces, then a newline.
void write_summary_json(std::ostream& out, const RunSummary& summary, const WriteOptions& opt = {});
// timeseries.csv: timeseries_csv_header(), then rows ordered by t_s, then revision name.
void write_timeseries_csv(std::ostream& out, const TimeSeriesStore& store);
// nodes.csv (extra): t_s,node,up,pods,cpu_used,cpu_cores ordered by t_s, then node name.
void write_nodes_csv(std::ostream& out, const TimeSeriesStore& store);
// One row of each, with its newline (the writers above and RunRecorder, which writes as the run goes).
void append_timeseries_row(std::string& buf, const std::string& revision, const std::array<double, kRevColCount>& values);
void append_nodes_row(std::string& buf, const NodeSample& s);
inline constexpr const char* kNodesCsvHeader = "t_s,node,up,pods,cpu_used,cpu_cores";
// events.jsonl: one event_to_json per line.
void write_events_jsonl(std::ostream& out, const std::vector<Event>& events);
// report.html: one self-contained page (inline SVG, no scripts, no network): summary tables and
// plots sharing a time axis. See reports/html_report.hpp.
void write_report_html(std::ostream& out, const RunSummary& summary, const TimeSeriesStore& store,
                       const std::vector<Event>& events, const WriteOptions& opt = {});
// The same from events gathered during the run (reports/report_events.hpp); the ReportEvents' axis
// must be report_axis(summary, store) for the eventing plot to match the page's time axis.
void write_report_html(std::ostream& out, const RunSummary& summary, const TimeSeriesStore& store,
                       const ReportEvents& events, const WriteOptions& opt = {});
// The page's time axis: 0 to the larger of the duration and the last sample time.
TimeAxis report_axis(const RunSummary& summary, const TimeSeriesStore& store);

// Writes summary.json, timeseries.csv, nodes.csv, events.jsonl and report.html into `dir`
// (created if missing). Returns an empty string on success, else the error ("cannot write DIR/x").
// All or nothing, with summary.json as the mark of a complete run: an earlier summary.json in `dir`
// is removed first, every file is written to a temporary name (.NAME.partial) and renamed only when
// all of them were written, summary.json last. A run that fails or is interrupted while writing (full
// disk, out of memory) therefore never leaves a summary.json that looks like a finished run.
std::string write_run_outputs(const std::filesystem::path& dir, const RunSummary& summary,
                              const TimeSeriesStore& store, const std::vector<Event>& events,
                              const WriteOptions& opt = {});

// Writes each event as a line to `out` as it happens (events.jsonl while running).
class JsonlEventSink : public EventSink {
 public:
  explicit JsonlEventSink(std::ostream& out) : out_(out) {}
  void on_event(const Event& e) override;

 private:
  std::ostream& out_;
};

}  // namespace knsim::reports
