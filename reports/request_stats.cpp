#include "reports/request_stats.hpp"

namespace knsim::reports {

std::string_view failure_reason_name(FailureReason r) {
  switch (r) {
    case FailureReason::kOverflow503: return "overflow_503";
    case FailureReason::kTimeout: return "timeout";
    case FailureReason::kNoRoute: return "no_route";
    case FailureReason::kUnfinished: return "unfinished";
    case FailureReason::kNodeFailure: return "node_failure";
    case FailureReason::kOther: return "other";
    case FailureReason::kCount: break;
  }
  return "other";
}

RequestStats::RequestStats() = default;

int RequestStats::add_revision(std::string_view name, std::string_view service) {
  const auto it = ids_.find(name);
  if (it != ids_.end()) {
    RevisionTotals& t = totals_[static_cast<std::size_t>(it->second)];
    if (t.service.empty()) t.service = std::string(service);
    return it->second;
  }
  const int id = static_cast<int>(totals_.size());
  ids_.emplace(std::string(name), id);
  RevisionTotals t;
  t.name = std::string(name);
  t.service = std::string(service);
  totals_.push_back(std::move(t));
  intervals_.emplace_back();
  return id;
}

int RequestStats::revision_id(std::string_view name) const {
  const auto it = ids_.find(name);
  return it == ids_.end() ? -1 : it->second;
}

void RequestStats::arrival(int rev) {
  ++arrivals_;
  if (rev < 0) return;
  ++totals_[static_cast<std::size_t>(rev)].requests;
  ++intervals_[static_cast<std::size_t>(rev)].requests;
}

void RequestStats::succeeded(int rev, Seconds latency, bool cold_start) {
  ++succeeded_;
  run_latency_.record(latency);
  if (cold_start) ++cold_starts_;
  if (rev < 0) return;
  RevisionTotals& t = totals_[static_cast<std::size_t>(rev)];
  Interval& i = intervals_[static_cast<std::size_t>(rev)];
  ++t.succeeded;
  ++i.succeeded;
  i.latency.record(latency);
  if (cold_start) {
    ++t.cold_starts;
    ++i.cold_starts;
  }
}

void RequestStats::failed(int rev, FailureReason reason) {
  ++failed_;
  ++by_reason_[static_cast<std::size_t>(reason)];
  if (rev < 0) return;
  ++totals_[static_cast<std::size_t>(rev)].failed;
  ++intervals_[static_cast<std::size_t>(rev)].failures;
}

IntervalStats RequestStats::take_interval(int rev) {
  Interval& i = intervals_[static_cast<std::size_t>(rev)];
  IntervalStats s;
  s.requests = i.requests;
  s.succeeded = i.succeeded;
  s.failures = i.failures;
  s.cold_starts = i.cold_starts;
  s.latency_p50_ms = i.latency.quantile(0.5) * 1e3;
  s.latency_p99_ms = i.latency.quantile(0.99) * 1e3;
  i.requests = i.succeeded = i.failures = i.cold_starts = 0;
  // Ten intervals in a row without a success free the histogram (37 KB): revisions that stay idle
  // (old revisions after a rollout, scaled-to-zero functions of a fleet) then hold none, while one
  // that is idle now and then keeps it (freeing it at each idle interval was an allocation and a
  // 37 KB memset per revision every few minutes of a fleet run).
  i.idle_intervals = i.latency.count() == 0 ? i.idle_intervals + 1 : 0;
  if (i.idle_intervals >= kReleaseAfterIdleIntervals) i.latency.release();
  else i.latency.clear();
  return s;
}

}  // namespace knsim::reports
