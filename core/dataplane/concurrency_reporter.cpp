// Activator concurrency reporter (pkg/activator/handler/concurrency_reporter.go), one revision's entry.
#include "core/dataplane/concurrency_reporter.hpp"

#include <algorithm>

namespace knsim::core::dataplane {

std::optional<metrics::Stat> ConcurrencyReporter::on_request_in(Seconds now) {
  std::optional<metrics::Stat> first;
  if (!tracked_) {
    tracked_ = true;
    stats_ = RequestStats(now);
    refs_ = 0;
    first_request_ = 1;
    metrics::Stat s;
    s.time = now;
    s.pod_name = pod_name_;
    s.average_concurrency = 1;
    s.request_count = 1;
    first = s;
  }
  ++refs_;
  stats_.on_request_in(now);
  return first;
}

void ConcurrencyReporter::on_request_out(Seconds now) {
  if (!tracked_) return;
  stats_.on_request_out(now);
  --refs_;
}

bool ConcurrencyReporter::report(Seconds now, metrics::Stat& out) {
  if (!tracked_) return false;
  const RequestStatsReport r = stats_.report(now);
  const double adj = first_request_;
  first_request_ = 0;
  out.time = now;
  out.pod_name = pod_name_;
  out.average_concurrency = std::max(r.average_concurrency - adj, 0.0);
  out.request_count = r.request_count - adj;
  out.average_proxied_concurrency = out.proxied_request_count = out.process_uptime = 0;
  if (r.average_concurrency == 0 && refs_ == 0) tracked_ = false;
  return true;
}

}  // namespace knsim::core::dataplane
