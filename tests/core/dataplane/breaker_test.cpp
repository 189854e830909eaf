// Queue-proxy breaker behaviour (pkg/queue/breaker.go semantics, driven step by step).
#include "core/dataplane/breaker.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace {

using namespace knsim::core::dataplane;

TEST(Breaker, QueueProxyCcTwoRunsTwoQueuesTwentyRejectsTheRest) {
  auto b = make_queue_proxy_breaker(2);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->total_slots(), 22);
  EXPECT_EQ(b->try_acquire(1), Admission::kAdmitted);
  EXPECT_EQ(b->try_acquire(2), Admission::kAdmitted);
  for (RequestId id = 3; id <= 22; ++id) EXPECT_EQ(b->try_acquire(id), Admission::kQueued) << id;
  EXPECT_EQ(b->try_acquire(23), Admission::kRejected);
  EXPECT_EQ(b->in_flight(), 2);
  EXPECT_EQ(b->queued(), 20);
  // A completion hands the slot to the oldest waiter (FIFO).
  auto next = b->release();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, 3u);
  EXPECT_EQ(b->try_acquire(24), Admission::kQueued);  // room again in the queue
  EXPECT_EQ(b->try_acquire(25), Admission::kRejected);
}

TEST(Breaker, CcZeroHasNoBreaker) { EXPECT_FALSE(make_queue_proxy_breaker(0).has_value()); }

TEST(Breaker, CancelledWaitersAreSkipped) {
  Breaker b({5, 1, 1});
  EXPECT_EQ(b.try_acquire(1), Admission::kAdmitted);
  EXPECT_EQ(b.try_acquire(2), Admission::kQueued);
  EXPECT_EQ(b.try_acquire(3), Admission::kQueued);
  b.cancel(2);
  EXPECT_EQ(b.queued(), 1);
  auto next = b.release();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, 3u);
  EXPECT_FALSE(b.release().has_value());
  EXPECT_EQ(b.in_flight(), 0);
}

TEST(Breaker, VisitsQueuedRequestsOldestFirstSkippingCancelled) {
  // The driver's deadline sweep: 1 runs, 2..5 wait, 3 timed out earlier.
  Breaker b({10, 1, 1});
  for (RequestId id = 1; id <= 5; ++id) b.try_acquire(id);
  b.cancel(3);
  std::vector<RequestId> seen;
  b.for_each_queued([&](RequestId id) { seen.push_back(id); });
  EXPECT_EQ(seen, (std::vector<RequestId>{2, 4, 5}));
  // After the head moved on, the ring wraps and the order is still FIFO.
  ASSERT_EQ(b.release(), std::optional<RequestId>(2));
  b.try_acquire(6);
  seen.clear();
  b.for_each_queued([&](RequestId id) { seen.push_back(id); });
  EXPECT_EQ(seen, (std::vector<RequestId>{4, 5, 6}));
}

TEST(Breaker, CapacityUpdatesStartWaitersAndClamp) {
  Breaker b({10, 4, 0});
  for (RequestId id = 1; id <= 6; ++id) EXPECT_EQ(b.try_acquire(id), Admission::kQueued);
  std::vector<RequestId> started;
  b.update_capacity(3, started);
  EXPECT_EQ(started, (std::vector<RequestId>{1, 2, 3}));
  started.clear();
  b.update_capacity(100, started);  // clamped to max concurrency 4
  EXPECT_EQ(b.capacity(), 4);
  EXPECT_EQ(started, (std::vector<RequestId>{4}));
  // Lowering capacity preempts nothing, but a release no longer admits.
  started.clear();
  b.update_capacity(1, started);
  EXPECT_TRUE(started.empty());
  EXPECT_FALSE(b.release().has_value());
  EXPECT_EQ(b.in_flight(), 3);
}

TEST(Breaker, ManyRequestsReuseTheRing) {
  Breaker b({1000, 1, 1});
  ASSERT_EQ(b.try_acquire(0), Admission::kAdmitted);
  RequestId expected = 1;
  for (RequestId id = 1; id < 100000; ++id) {
    ASSERT_EQ(b.try_acquire(id), Admission::kQueued);
    if (id % 2 == 0) {  // two arrivals per completion keep the queue growing slowly, then drain
      auto n = b.release();
      ASSERT_TRUE(n.has_value());
      ASSERT_EQ(*n, expected++);
    }
    if (b.queued() > 900) {
      while (b.queued() > 0) ASSERT_EQ(*b.release(), expected++);
    }
  }
}

}  // namespace
