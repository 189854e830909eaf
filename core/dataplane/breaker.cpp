// Breaker (pkg/queue/breaker.go) as a discrete-event data structure.
#include "core/dataplane/breaker.hpp"

#include <algorithm>

namespace knsim::core::dataplane {

Breaker::Breaker(const BreakerParams& params)
    : params_(params), capacity_(std::clamp<std::int64_t>(params.initial_capacity, 0, params.max_concurrency)) {}

Admission Breaker::try_acquire(RequestId id) {
  if (pending() >= total_slots()) return Admission::kRejected;
  if (in_flight_ < capacity_ && queue_.empty()) {
    ++in_flight_;
    return Admission::kAdmitted;
  }
  queue_.push(id);
  return Admission::kQueued;
}

std::optional<RequestId> Breaker::release() {
  if (in_flight_ > 0) --in_flight_;
  if (in_flight_ >= capacity_) return std::nullopt;
  auto next = queue_.pop();
  if (next) ++in_flight_;
  return next;
}

void Breaker::cancel(RequestId id) { queue_.cancel(id); }

void Breaker::update_capacity(std::int64_t capacity, std::vector<RequestId>& started) {
  capacity_ = std::clamp<std::int64_t>(capacity, 0, params_.max_concurrency);
  while (in_flight_ < capacity_) {
    auto next = queue_.pop();
    if (!next) break;
    ++in_flight_;
    started.push_back(*next);
  }
}

std::optional<Breaker> make_queue_proxy_breaker(std::int64_t container_concurrency) {
  if (container_concurrency <= 0) return std::nullopt;
  return Breaker(BreakerParams{10 * container_concurrency, container_concurrency, container_concurrency});
}

}  // namespace knsim::core::dataplane
