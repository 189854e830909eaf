#pragma once
// The activator's concurrency reporter for one revision (pkg/activator/handler/concurrency_reporter.go;
// docs/spec/serving.md 2.3 and 6.3). Go keeps one map per activator pod, revision -> entry; knsim keeps
// each revision's entry beside that revision's other per-activator state (its throttler), so this is
// the entry and whether the map holds it. Reading a map keyed by revision name cost a string compare
// and two scattered reads per request and per revision each second.
//
// The first request for a revision with no entry creates it and produces an immediate Stat
// {concurrency 1, count 1} (the scale-from-zero poke); the next 1 s report subtracts it again
// (concurrency floored at 0). The entry is dropped after a report with average concurrency 0 and
// nothing in flight; a revision without an entry is not reported.
//
// Example: requests in at 10.2 (poke) and 10.4, out at 10.6 and 10.8; the report at 11.0 averages
// (0.2 x 1 + 0.2 x 2 + 0.2 x 1) / 0.8 = 1.0, minus the poke's 1 -> 0, count 2 - 1 = 1; the report at
// 12.0 is idle and drops the entry; a request at 20 pokes again.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/dataplane/request_stats.hpp"
#include "core/metrics/stat.hpp"

namespace knsim::core::dataplane {

class ConcurrencyReporter {
 public:
  explicit ConcurrencyReporter(std::string pod_name) : pod_name_(std::move(pod_name)) {}

  // Returns the immediate Stat when this request creates the entry.
  std::optional<metrics::Stat> on_request_in(Seconds now);
  void on_request_out(Seconds now);
  // The periodic (1 s) report: false when there is no entry (nothing reported); otherwise the
  // Stat into `out` (its window restarts), and the entry is dropped when it was idle.
  bool report(Seconds now, metrics::Stat& out);

  bool tracked() const { return tracked_; }

 private:
  std::string pod_name_;
  bool tracked_ = false;       // the map holds the revision's entry
  RequestStats stats_;
  std::int64_t refs_ = 0;      // requests in flight
  double first_request_ = 0;   // 1 until the first periodic report after creation
};

}  // namespace knsim::core::dataplane
