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

// An interval's latency histogram is freed after ten intervals in a row without a success, kept
// while the revision is busy or idle only now and then, and never allocated for a revision that
// has not served anything.
TEST(RequestStats, IdleRevisionsHoldNoIntervalHistogram) {
  RequestStats s;
  const int busy = s.add_revision("a-00001", "a"), old = s.add_revision("a-00002", "a");
  const int never = s.add_revision("b-00001", "b");
  s.arrival(busy);
  s.succeeded(busy, 0.02, false);
  s.arrival(old);
  s.succeeded(old, 0.03, false);
  EXPECT_GT(s.interval_heap_bytes(busy), 0u);
  EXPECT_EQ(s.interval_heap_bytes(never), 0u);
  EXPECT_NEAR(s.take_interval(busy).latency_p50_ms, 20, 20.0 / 256);
  EXPECT_NEAR(s.take_interval(old).latency_p50_ms, 30, 30.0 / 256);
  EXPECT_GT(s.interval_heap_bytes(old), 0u) << "it served in the interval just taken: kept";
  s.arrival(busy);
  s.succeeded(busy, 0.04, false);
  s.arrival(old);
  s.failed(old, FailureReason::kTimeout);  // arrivals without a success: the histogram is not needed
  EXPECT_NEAR(s.take_interval(busy).latency_p50_ms, 40, 40.0 / 256) << "the previous interval's 20 ms is gone";
  const IntervalStats idle = s.take_interval(old);
  EXPECT_EQ(idle.requests, 1);
  EXPECT_EQ(idle.latency_p50_ms, 0);
  EXPECT_GT(s.interval_heap_bytes(old), 0u) << "one idle interval: kept";
  for (int k = 2; k < 10; ++k) EXPECT_EQ(s.take_interval(old).latency_p50_ms, 0);
  EXPECT_GT(s.interval_heap_bytes(old), 0u) << "nine idle intervals in a row: kept";
  EXPECT_EQ(s.take_interval(old).latency_p50_ms, 0);
  EXPECT_GT(s.interval_heap_bytes(busy), 0u);
  EXPECT_EQ(s.interval_heap_bytes(old), 0u) << "ten idle intervals in a row free it";
  EXPECT_EQ(s.take_interval(never).requests, 0);
  EXPECT_EQ(s.interval_heap_bytes(never), 0u);
  s.arrival(old);
  s.succeeded(old, 0.05, false);  // busy again: allocated again, the quantile as before
  EXPECT_NEAR(s.take_interval(old).latency_p50_ms, 50, 50.0 / 256);
  EXPECT_NEAR(s.latency().quantile(1.0), 0.05, 1e-12) << "the run's histogram is not affected";
}

}  // namespace
}  // namespace knsim::reports
