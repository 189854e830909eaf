// Activator concurrency reporter (pkg/activator/handler/concurrency_reporter.go).
#include "core/dataplane/concurrency_reporter.hpp"

#include <algorithm>

namespace knsim::core::dataplane {

std::optional<metrics::Stat> ConcurrencyReporter::on_request_in(const std::string& revision, Seconds now) {
  auto it = stats_.find(revision);
  std::optional<metrics::Stat> first;
  if (it == stats_.end()) {
    Entry e;
    e.stats = RequestStats(now);
    e.first_request = 1;
    it = stats_.emplace(revision, e).first;
    metrics::Stat s;
    s.time = now;
    s.pod_name = pod_name_;
    s.average_concurrency = 1;
    s.request_count = 1;
    first = s;
  }
  ++it->second.refs;
  it->second.stats.on_request_in(now);
  return first;
}

void ConcurrencyReporter::on_request_out(const std::string& revision, Seconds now) {
  auto it = stats_.find(revision);
  if (it == stats_.end()) return;
  it->second.stats.on_request_out(now);
  --it->second.refs;
}

bool ConcurrencyReporter::next_stat(Entry& e, Seconds now, metrics::Stat& out) const {
  const RequestStatsReport r = e.stats.report(now);
  const double adj = e.first_request;
  e.first_request = 0;
  out.time = now;
  out.pod_name = pod_name_;
  out.average_concurrency = std::max(r.average_concurrency - adj, 0.0);
  out.request_count = r.request_count - adj;
  return r.average_concurrency == 0 && e.refs == 0;
}

}  // namespace knsim::core::dataplane
