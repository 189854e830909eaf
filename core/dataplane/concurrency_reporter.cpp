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

void ConcurrencyReporter::report(Seconds now,
                                 const std::function<void(const std::string&, const metrics::Stat&)>& each) {
  for (auto it = stats_.begin(); it != stats_.end();) {
    Entry& e = it->second;
    const RequestStatsReport r = e.stats.report(now);
    const double adj = e.first_request;
    e.first_request = 0;
    metrics::Stat s;
    s.time = now;
    s.pod_name = pod_name_;
    s.average_concurrency = std::max(r.average_concurrency - adj, 0.0);
    s.request_count = r.request_count - adj;
    each(it->first, s);
    if (r.average_concurrency == 0 && e.refs == 0) {
      it = stats_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace knsim::core::dataplane
