#pragma once
// FIFO of request ids for the breakers: a growable ring buffer (amortised O(1) push/pop, no
// allocation once it has grown to the peak queue length) with O(1) expected cancellation by lazy
// deletion (a cancelled id is skipped when it reaches the head).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

namespace knsim::core::dataplane {

using RequestId = std::uint64_t;

class RequestQueue {
 public:
  std::size_t size() const { return live_; }  // queued ids not cancelled
  bool empty() const { return live_ == 0; }

  void push(RequestId id) {
    if (count_ == ring_.size()) grow();
    ring_[(head_ + count_) % ring_.size()] = id;
    ++count_;
    ++live_;
  }

  // Oldest live id, removed; nullopt when empty.
  std::optional<RequestId> pop() {
    while (count_ > 0) {
      const RequestId id = ring_[head_];
      head_ = (head_ + 1) % ring_.size();
      --count_;
      if (!cancelled_.empty() && cancelled_.erase(id) > 0) continue;
      --live_;
      return id;
    }
    return std::nullopt;
  }

  // Calls f(id) for every live queued id, oldest first (a driver looking for queued requests whose
  // deadline passed). f must not change the queue.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < count_; ++i) {
      const RequestId id = ring_[(head_ + i) % ring_.size()];
      if (cancelled_.empty() || cancelled_.count(id) == 0) f(id);
    }
  }

  // Removes `id`, which the caller knows is queued (a request that timed out while waiting).
  void cancel(RequestId id) {
    if (live_ == 0) return;
    cancelled_.insert(id);
    --live_;
  }

 private:
  void grow() {
    std::vector<RequestId> bigger(ring_.empty() ? 16 : ring_.size() * 2);
    for (std::size_t i = 0; i < count_; ++i) bigger[i] = ring_[(head_ + i) % ring_.size()];
    ring_.swap(bigger);
    head_ = 0;
  }

  std::vector<RequestId> ring_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;  // entries in the ring, cancelled ones included
  std::size_t live_ = 0;   // entries not cancelled
  std::unordered_set<RequestId> cancelled_;  // lookup only; never iterated
};

}  // namespace knsim::core::dataplane
