// Queue-proxy request path (pkg/queue/handler.go), see queue_proxy.hpp.
#include "core/dataplane/queue_proxy.hpp"

namespace knsim::core::dataplane {

QueueProxy::QueueProxy(std::int64_t container_concurrency, Seconds start)
    : stats_(start), breaker_(make_queue_proxy_breaker(container_concurrency)) {}

Admission QueueProxy::on_request_in(RequestId id, Seconds now, bool proxied) {
  stats_.on_request_in(now, proxied);
  if (!breaker_) {
    ++unlimited_in_flight_;
    return Admission::kAdmitted;
  }
  const Admission a = breaker_->try_acquire(id);
  if (a == Admission::kRejected) stats_.on_request_out(now, proxied);
  return a;
}

std::optional<RequestId> QueueProxy::on_request_out(Seconds now, bool proxied) {
  stats_.on_request_out(now, proxied);
  if (!breaker_) {
    if (unlimited_in_flight_ > 0) --unlimited_in_flight_;
    return std::nullopt;
  }
  return breaker_->release();
}

void QueueProxy::on_queued_timeout(RequestId id, Seconds now, bool proxied) {
  stats_.on_request_out(now, proxied);
  if (breaker_) breaker_->cancel(id);
}

metrics::Stat QueueProxy::report(const std::string& pod_name, Seconds now, Seconds process_uptime) {
  return queue_proxy_stat(stats_.report(now), pod_name, now, 1.0, process_uptime);
}

}  // namespace knsim::core::dataplane
