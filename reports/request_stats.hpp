#pragma once
// Request outcome accounting on the hot path: per revision (by a small integer id) the whole-run
// totals and the current sample interval's counts and latencies. The simulator calls
// arrival()/succeeded()/failed() per request (O(1), no allocation), and take_interval() once per
// revision per sample to fill the interval columns of the RevisionSample.
//
// Invariant at the end of a run: total_arrivals() == total_succeeded() + total_failed(), provided
// the driver reports every arrival exactly once as succeeded or failed (in-flight requests at the
// end as failed(rev, FailureReason::kUnfinished)).
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/time/time.hpp"
#include "reports/latency_histogram.hpp"

namespace knsim::reports {

using core::Seconds;

enum class FailureReason { kOverflow503, kTimeout, kNoRoute, kUnfinished, kNodeFailure, kOther, kCount };
inline constexpr std::size_t kFailureReasonCount = static_cast<std::size_t>(FailureReason::kCount);
// "overflow_503", "timeout", "no_route", "unfinished", "node_failure", "other"
std::string_view failure_reason_name(FailureReason r);

// Id for requests that never reached a revision (e.g. no_route). Valid for arrival() and failed().
inline constexpr int kNoRevision = -1;

// What take_interval() returns for one revision.
struct IntervalStats {
  std::int64_t requests = 0;     // arrivals routed to the revision in the interval
  std::int64_t succeeded = 0;
  std::int64_t failures = 0;
  std::int64_t cold_starts = 0;
  double latency_p50_ms = 0, latency_p99_ms = 0;  // of requests that succeeded in it; 0 if none
};

struct RevisionTotals {
  std::string name, service;
  std::int64_t requests = 0;     // arrivals routed to it
  std::int64_t succeeded = 0;
  std::int64_t failed = 0;
  std::int64_t cold_starts = 0;
};

class RequestStats {
 public:
  RequestStats();
  // Registers a revision (idempotent by name) and returns its id (0, 1, 2, ... in first-seen order).
  int add_revision(std::string_view name, std::string_view service);
  int revision_id(std::string_view name) const;  // -1 if unknown
  std::size_t revision_count() const { return totals_.size(); }

  void arrival(int rev);                                   // a request was routed to rev (or kNoRevision)
  void succeeded(int rev, Seconds latency, bool cold_start);
  void failed(int rev, FailureReason reason);

  // The interval counts for `rev` since the previous call, then resets them.
  IntervalStats take_interval(int rev);

  // Whole run.
  std::int64_t total_arrivals() const { return arrivals_; }
  std::int64_t total_succeeded() const { return succeeded_; }
  std::int64_t total_failed() const { return failed_; }
  std::int64_t failed_by(FailureReason r) const { return by_reason_[static_cast<std::size_t>(r)]; }
  std::int64_t cold_start_requests() const { return cold_starts_; }
  const LatencyHistogram& latency() const { return run_latency_; }  // succeeded requests, seconds
  const RevisionTotals& totals(int rev) const { return totals_[static_cast<std::size_t>(rev)]; }
  // Heap memory of rev's interval latency histogram: 0 until it records, and again after an
  // interval without a success (take_interval releases it), so idle revisions cost no 37 KB each.
  std::size_t interval_heap_bytes(int rev) const { return intervals_[static_cast<std::size_t>(rev)].latency.heap_bytes(); }

 private:
  struct Interval {
    std::int64_t requests = 0, succeeded = 0, failures = 0, cold_starts = 0;
    LatencyHistogram latency;
    int idle_intervals = 0;  // intervals in a row without a success (see take_interval)
  };
  static constexpr int kReleaseAfterIdleIntervals = 10;
  std::map<std::string, int, std::less<>> ids_;
  std::vector<RevisionTotals> totals_;
  std::vector<Interval> intervals_;
  std::int64_t arrivals_ = 0, succeeded_ = 0, failed_ = 0, cold_starts_ = 0;
  std::array<std::int64_t, kFailureReasonCount> by_reason_{};
  LatencyHistogram run_latency_;
};

}  // namespace knsim::reports
