#pragma once
// One pod's queue-proxy request path as a discrete-event data structure (pkg/queue/handler.go,
// pkg/queue/sharedmain/main.go; docs/spec/serving.md sections 2.1 and 7): every request is counted in the
// stats on arrival (so queued requests count as concurrency), then goes through the breaker
// (CC in flight, 10 x CC queued, then 503 "pending request queue full"; CC 0 = no breaker).
// A rejected request leaves the stats at once, as the handler returns right after the 503.
#include <cstdint>
#include <optional>
#include <string>

#include "core/dataplane/breaker.hpp"
#include "core/dataplane/request_stats.hpp"
#include "core/metrics/stat.hpp"

namespace knsim::core::dataplane {

class QueueProxy {
 public:
  QueueProxy(std::int64_t container_concurrency, Seconds start);

  // kAdmitted: the user container starts it now; kQueued: wait; kRejected: answer 503 now.
  Admission on_request_in(RequestId id, Seconds now, bool proxied);
  // A running request finished; returns the queued request that starts now, if any.
  std::optional<RequestId> on_request_out(Seconds now, bool proxied);
  // A queued request's deadline passed (the driver answers 503). Precondition: it is queued.
  void on_queued_timeout(RequestId id, Seconds now, bool proxied);
  // The 1 s report the autoscaler scrapes.
  metrics::Stat report(const std::string& pod_name, Seconds now, Seconds process_uptime = 0);

  // Visits the queued requests, oldest first (none without a breaker).
  template <class F>
  void for_each_queued(F&& f) const {
    if (breaker_) breaker_->for_each_queued(f);
  }

  std::int64_t in_flight() const { return breaker_ ? breaker_->in_flight() : unlimited_in_flight_; }
  std::int64_t queued() const { return breaker_ ? breaker_->queued() : 0; }
  double concurrency() const { return stats_.concurrency(); }

 private:
  // First: the 1 s report of every Ready pod reads only these 64 bytes (one cache line where the
  // QueueProxy is 64-byte aligned, as the simulator's pods are).
  RequestStats stats_;
  std::optional<Breaker> breaker_;
  std::int64_t unlimited_in_flight_ = 0;  // CC 0: no breaker, just a count
};

}  // namespace knsim::core::dataplane
