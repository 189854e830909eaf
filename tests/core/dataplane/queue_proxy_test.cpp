// Queue-proxy: stats count queued requests, the breaker rejects past 11 x CC, CC 0 is unlimited.
#include "core/dataplane/queue_proxy.hpp"

#include <gtest/gtest.h>

namespace {

using namespace knsim::core::dataplane;

TEST(QueueProxy, QueuedRequestsCountAsConcurrencyAndOverflowIs503) {
  QueueProxy qp(1, 0);  // 1 in flight, 10 queued
  EXPECT_EQ(qp.on_request_in(1, 0.0, false), Admission::kAdmitted);
  for (RequestId id = 2; id <= 11; ++id) EXPECT_EQ(qp.on_request_in(id, 0.0, true), Admission::kQueued);
  EXPECT_EQ(qp.on_request_in(12, 0.0, false), Admission::kRejected);
  EXPECT_DOUBLE_EQ(qp.concurrency(), 11);  // the rejected one left at once
  qp.on_queued_timeout(5, 0.5, true);
  auto next = qp.on_request_out(0.5, false);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, 2u);
  const auto stat = qp.report("pod-a", 1.0);
  // 11 in flight on [0, 0.5), 9 on [0.5, 1.0) -> 10; 12 arrivals counted, 10 of them proxied.
  EXPECT_DOUBLE_EQ(stat.average_concurrency, 10);
  EXPECT_DOUBLE_EQ(stat.request_count, 12);
  EXPECT_DOUBLE_EQ(stat.proxied_request_count, 10);
  EXPECT_DOUBLE_EQ(stat.average_proxied_concurrency, 9.5);  // 10 then 9 proxied waiting/running
}

TEST(QueueProxy, ContainerConcurrencyZeroIsUnlimited) {
  QueueProxy qp(0, 0);
  for (RequestId id = 1; id <= 1000; ++id) ASSERT_EQ(qp.on_request_in(id, 0, false), Admission::kAdmitted);
  EXPECT_EQ(qp.in_flight(), 1000);
  EXPECT_FALSE(qp.on_request_out(1, false).has_value());
  EXPECT_EQ(qp.in_flight(), 999);
}

}  // namespace
