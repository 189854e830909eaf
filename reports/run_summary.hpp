#pragma once
// The run summary (summary.json, docs/spec/scenario.md "Outputs"), built from the request stats, the time
// series and the events at the end of a run.
//
// Per revision: pods_max = max of the time series' `pods`. pod_seconds, panic_seconds and
// proxy_seconds are the simulator's exact integrals over simulated time (RunInfo::integrals, the
// same for any sample interval); without them (unit tests of reports/) they are sums over the
// samples: pods * interval, panic * interval, (mode == Proxy) * interval.
// scale_events = number of ScaleEvent events of the revision. requests = arrivals routed to it;
// share = requests / (sum of requests over revisions), 0 when none.
// nodes.max = max number of nodes up at a sample; node_seconds = RunInfo::node_seconds when given
// (exact), else sum of nodes up * interval.
// latency_ms = quantiles of SUCCEEDED requests' end-to-end latency (LatencyHistogram, <0.4% error).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time/time.hpp"
#include "reports/events.hpp"
#include "reports/request_stats.hpp"
#include "reports/run_aggregates.hpp"
#include "reports/time_series_store.hpp"

namespace knsim::reports {

struct RevisionSummary {
  std::string name, service;
  std::int64_t requests = 0;
  double share = 0;
  std::int64_t pods_max = 0;
  double pod_seconds = 0, panic_seconds = 0, proxy_seconds = 0;
  std::int64_t scale_events = 0;
};

// A revision's exact time integrals (sim: advanced at each change of the value).
struct RevisionIntegrals {
  double pod_seconds = 0, panic_seconds = 0, proxy_seconds = 0;
};

struct RunSummary {
  std::string scenario;
  std::uint64_t seed = 1;
  std::string knsim_version;       // knsim::version_string()
  double duration_s = 0;
  std::int64_t requests_total = 0, requests_succeeded = 0, requests_failed = 0;
  // Always has overflow_503, timeout, no_route, unfinished (0 when none), plus any other reason seen.
  std::map<std::string, std::int64_t> failed_by_reason;
  double latency_p50_ms = 0, latency_p90_ms = 0, latency_p99_ms = 0, latency_max_ms = 0;
  std::int64_t cold_start_requests = 0;
  std::vector<RevisionSummary> revisions;  // every revision ever seen, sorted by name
  std::int64_t nodes_max = 0;
  double node_seconds = 0;
  double wall_seconds = 0;
  double simulated_requests_per_wall_second = 0;
  nlohmann::ordered_json config = nlohmann::ordered_json::object();  // the resolved configuration
  // Eventing counters (sim/eventing: {"triggers": [...], "subscriptions": [...], "sources": [...]});
  // null when the scenario has no eventing (then summary.json has no `eventing` key).
  nlohmann::ordered_json eventing;
  // Set when the run was stopped before duration_s (the stream's `quit`): summary.json then has
  // "completed": false and "stopped_at_s" (simulated seconds reached), so it never looks finished.
  std::optional<double> stopped_at_s;
};

struct RunInfo {
  std::string scenario;
  std::uint64_t seed = 1;
  double duration_s = 0;
  double sample_interval_s = 1;
  double wall_seconds = 0;
  nlohmann::ordered_json config = nlohmann::ordered_json::object();  // resolved configuration
  // Revision -> service for revisions known from elsewhere (events, manifests) that may have no
  // request and no sample; they are still listed.
  std::map<std::string, std::string> revision_services;
  // Exact integrals from the engine; when `has_integrals`, they replace the sample sums.
  bool has_integrals = false;
  std::map<std::string, RevisionIntegrals> integrals;
  double node_seconds = 0;
};

// Builds the summary. knsim_version is filled with knsim::version_string().
RunSummary build_run_summary(const RunInfo& info, const RequestStats& stats,
                             const TimeSeriesStore& series, const std::vector<Event>& events);
// The same from aggregates gathered during the run (reports/run_aggregates.hpp): memory per
// revision and node, not per sample or event. The overload above builds the aggregates and calls it.
RunSummary build_run_summary(const RunInfo& info, const RequestStats& stats, const RunAggregates& aggregates);

// summary.json's object; keys in docs/spec/scenario.md's order, then `config`. include_wall = false writes
// wall_seconds and simulated_requests_per_wall_second as 0 (for byte-identical golden outputs).
nlohmann::ordered_json to_json(const RunSummary& s, bool include_wall = true);

}  // namespace knsim::reports
