#pragma once
// Writes a run's outputs while it runs, so that memory does not grow with the simulated time
// (issue 17): timeseries.csv, nodes.csv and events.jsonl are appended sample by sample and event by
// event (byte for byte what write_run_outputs writes from a whole TimeSeriesStore and event list),
// the summary is built from aggregates (RunAggregates; latency percentiles come from RequestStats'
// mergeable LatencyHistogram), and report.html from a thinned copy of the series plus ReportEvents.
//
// Thinning for report.html's plots: every sample is kept until a series holds 2 * max_plot_points
// samples; then every other one is dropped (the stride doubles: 1, 2, 4, ... sample intervals) and
// from then on only samples at multiples of the stride are kept. The per-interval counts (requests,
// failures, cold starts) of dropped samples are added to the next kept one, so rates stay right.
// Example: a day at 1 s (86,400 samples) with max_plot_points 300 ends with stride 256: 338 points
// per series. timeseries.csv always has every sample. Nodes are kept for the plot as one series
// `cluster` per sample time (CPU busy and CPU cores of the nodes up, summed in name order: the page's
// only node plot), so the report costs nothing per node either.
//
// All or nothing, as write_run_outputs: files are written as DIR/.NAME.partial; finish() writes
// report.html and summary.json and renames them all, summary.json last; discard() removes them.
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "reports/report_events.hpp"
#include "reports/run_aggregates.hpp"
#include "reports/run_summary.hpp"
#include "reports/time_series_store.hpp"
#include "reports/writers.hpp"

namespace knsim::reports {

class RunRecorder : public EventSink {
 public:
  // duration_s sets report.html's time axis (for the eventing plot's buckets).
  RunRecorder(std::filesystem::path dir, double duration_s, double sample_interval_s,
              std::size_t max_plot_points = 300);
  ~RunRecorder() override;
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  // Creates DIR, removes an earlier summary.json, opens the partial files. "" or the error.
  std::string open();
  void on_event(const Event& e) override;
  // The rows of ONE sample time (every revision and node sampled at t). Sorted by name here, as
  // the files are ordered by t, then name.
  void add_samples(std::vector<RevisionSample>& revs, std::vector<NodeSample>& nodes);

  const RunAggregates& aggregates() const { return aggregates_; }
  const TimeSeriesStore& plot_store() const { return plot_; }
  std::size_t plot_stride() const { return stride_; }

  // report.html and summary.json, then every rename. "" or the error (the partial files are then gone).
  std::string finish(const RunSummary& summary, const WriteOptions& opt);
  void discard();  // a failed or interrupted run: removes the partial files

 private:
  struct Pending {  // counts of dropped samples, added to the next kept one
    double requests = 0, failures = 0, cold_starts = 0;
  };
  void flush_buffers(bool force);
  void keep_for_plot(const RevisionSample& s, std::int64_t index);
  void keep_for_plot(const NodeSample& s, std::int64_t index);
  void thin();
  std::filesystem::path partial(const char* name) const;

  std::filesystem::path dir_;
  double interval_;
  std::size_t max_plot_points_;
  RunAggregates aggregates_;
  ReportEvents report_events_;
  TimeSeriesStore plot_;
  std::map<std::string, Pending, std::less<>> pending_;
  std::size_t stride_ = 1;
  std::ofstream timeseries_, nodes_, events_;
  std::unique_ptr<char[]> io_buffers_;
  std::string ts_buf_, nodes_buf_, events_buf_;
  bool open_ = false;
  std::string error_;  // first write error
};

}  // namespace knsim::reports
