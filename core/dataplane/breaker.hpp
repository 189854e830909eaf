#pragma once
// A capacity + queue-depth breaker, the data structure of pkg/queue/breaker.go, for a
// discrete-event driver: no threads, no waiting. The driver calls try_acquire on arrival and
// release on completion; a released slot hands the next queued request to the driver.
//
// Invariant: in_flight() <= max(capacity(), in-flight at the last capacity decrease) and
// in_flight() + queued() <= total_slots() = queue_depth + max_concurrency.
//
// Queue-proxy (pkg/queue/sharedmain/main.go): capacity = max concurrency = CC, queue depth
// 10 x CC, so with CC = 2: 2 run, 20 wait, the 23rd concurrent request gets an immediate 503
// "pending request queue full". CC = 0 means no breaker at all (make_queue_proxy_breaker).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/dataplane/request_queue.hpp"

namespace knsim::core::dataplane {

// queue.MaxBreakerCapacity (math.MaxInt32).
inline constexpr std::int64_t kMaxBreakerCapacity = 2147483647;
// HTTP status and body of a breaker rejection (pkg/queue/handler.go, ErrRequestQueueFull).
inline constexpr int kQueueFullStatus = 503;
inline constexpr const char* kQueueFullMessage = "pending request queue full";

struct BreakerParams {
  std::int64_t queue_depth = 0;       // waiting requests allowed beyond max_concurrency
  std::int64_t max_concurrency = 0;   // upper bound of the capacity
  std::int64_t initial_capacity = 0;  // slots available at start
};

enum class Admission { kAdmitted, kQueued, kRejected };

class Breaker {
 public:
  explicit Breaker(const BreakerParams& params);

  // O(1) amortised: admitted if a slot is free and nobody waits, queued if the pending count
  // (in flight + queued) is below total_slots(), rejected otherwise.
  Admission try_acquire(RequestId id);
  // A running request finished. Returns the queued request that takes its slot, if any.
  std::optional<RequestId> release();
  // A queued request gave up (deadline): it leaves the queue. Precondition: `id` is queued.
  void cancel(RequestId id);
  // UpdateConcurrency: new capacity, clamped to [0, max_concurrency]. Queued requests that can
  // now run are appended to `started` in FIFO order.
  void update_capacity(std::int64_t capacity, std::vector<RequestId>& started);

  // Visits the queued requests, oldest first.
  template <class F>
  void for_each_queued(F&& f) const { queue_.for_each(f); }

  std::int64_t capacity() const { return capacity_; }
  std::int64_t in_flight() const { return in_flight_; }
  std::int64_t queued() const { return static_cast<std::int64_t>(queue_.size()); }
  std::int64_t pending() const { return in_flight_ + queued(); }
  std::int64_t total_slots() const { return params_.queue_depth + params_.max_concurrency; }

 private:
  BreakerParams params_;
  std::int64_t capacity_ = 0;
  std::int64_t in_flight_ = 0;
  RequestQueue queue_;
};

// Queue-proxy's breaker for a revision: nullopt for CC = 0 (unlimited), else
// {queue depth 10 x CC, max concurrency CC, initial capacity CC}.
std::optional<Breaker> make_queue_proxy_breaker(std::int64_t container_concurrency);

}  // namespace knsim::core::dataplane
