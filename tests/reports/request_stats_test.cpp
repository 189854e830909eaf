#include "reports/request_stats.hpp"

#include <gtest/gtest.h>

namespace knsim::reports {
namespace {

TEST(RequestStats, TotalsIntervalsAndReasons) {
  RequestStats s;
  const int a = s.add_revision("hello-00001", "hello");
  const int b = s.add_revision("hello-00002", "hello");
  EXPECT_EQ(s.add_revision("hello-00001", "hello"), a);  // idempotent
  EXPECT_EQ(s.revision_id("hello-00002"), b);
  EXPECT_EQ(s.revision_id("nope"), -1);
  for (int i = 0; i < 10; ++i) {
    s.arrival(a);
    s.succeeded(a, 0.010 * (i + 1), i == 0);
  }
  s.arrival(b);
  s.failed(b, FailureReason::kTimeout);
  s.arrival(kNoRevision);
  s.failed(kNoRevision, FailureReason::kNoRoute);
  s.arrival(b);
  s.failed(b, FailureReason::kUnfinished);

  EXPECT_EQ(s.total_arrivals(), 13);
  EXPECT_EQ(s.total_succeeded() + s.total_failed(), s.total_arrivals());
  EXPECT_EQ(s.failed_by(FailureReason::kTimeout), 1);
  EXPECT_EQ(s.failed_by(FailureReason::kNoRoute), 1);
  EXPECT_EQ(s.failed_by(FailureReason::kUnfinished), 1);
  EXPECT_EQ(s.failed_by(FailureReason::kOverflow503), 0);
  EXPECT_EQ(s.cold_start_requests(), 1);
  EXPECT_EQ(s.totals(a).requests, 10);
  EXPECT_EQ(s.totals(b).failed, 2);

  const IntervalStats ia = s.take_interval(a);
  EXPECT_EQ(ia.requests, 10);
  EXPECT_EQ(ia.cold_starts, 1);
  EXPECT_NEAR(ia.latency_p50_ms, 50, 50.0 / 256);   // rank 5 of 10..100 ms
  EXPECT_NEAR(ia.latency_p99_ms, 100, 100.0 / 256);
  const IntervalStats again = s.take_interval(a);  // reset
  EXPECT_EQ(again.requests, 0);
  EXPECT_EQ(again.latency_p50_ms, 0);
  EXPECT_EQ(s.take_interval(b).failures, 2);
  EXPECT_EQ(failure_reason_name(FailureReason::kOverflow503), "overflow_503");
}

}  // namespace
}  // namespace knsim::reports
