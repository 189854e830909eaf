#include "core/kubernetes/work_queue.hpp"

#include <algorithm>

namespace knsim::core::kubernetes {

WorkQueueResult WorkQueue::submit(Seconds arrival, Rng& rng) {
  WorkQueueResult r;
  if (settings_.rate <= 0) {  // no throughput limit: only the latency
    r.started = r.served = arrival;
    r.completed = arrival + settings_.latency;
    return r;
  }
  const Seconds mean = 1.0 / settings_.rate;
  const Seconds service = settings_.service_time == ServiceTime::kExponential ? rng.exponential(mean) : mean;
  r.started = std::max(arrival, busy_until_);
  r.served = r.started + service;
  r.completed = r.served + settings_.latency;
  r.waited = r.started - arrival;
  busy_until_ = r.served;
  return r;
}

}  // namespace knsim::core::kubernetes
