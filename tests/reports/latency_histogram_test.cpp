#include "reports/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/random/rng.hpp"

namespace knsim::reports {
namespace {

double exact_quantile(std::vector<double> v, double p) {  // nearest rank
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::max<std::size_t>(rank, 1) - 1];
}

TEST(LatencyHistogram, QuantilesWithinHalfAPercent) {
  core::Rng rng(17);
  struct Case { double mu, sigma; };
  for (const Case c : {Case{std::log(0.05), 0.5}, {std::log(0.002), 1.5}, {std::log(3.0), 0.2}}) {
    LatencyHistogram h;
    std::vector<double> v;
    for (int i = 0; i < 100000; ++i) {
      v.push_back(rng.lognormal(c.mu, c.sigma));
      h.record(v.back());
    }
    for (double p : {0.01, 0.5, 0.9, 0.99, 0.999}) {
      const double want = exact_quantile(v, p);
      EXPECT_LE(std::fabs(h.quantile(p) - want) / want, 1.0 / 256 + 1e-12) << "p=" << p << " mu=" << c.mu;
    }
    EXPECT_DOUBLE_EQ(h.max(), *std::max_element(v.begin(), v.end()));
    EXPECT_DOUBLE_EQ(h.min(), *std::min_element(v.begin(), v.end()));
    EXPECT_DOUBLE_EQ(h.quantile(1.0), h.max());
    EXPECT_EQ(h.count(), 100000u);
  }
}

TEST(LatencyHistogram, SmallCountsAndEdges) {
  LatencyHistogram h;
  EXPECT_EQ(h.quantile(0.5), 0);
  EXPECT_EQ(h.max(), 0);
  for (double v : {0.010, 0.020, 0.030, 0.040}) h.record(v);
  EXPECT_NEAR(h.quantile(0.5), 0.020, 0.020 / 256);   // rank 2
  EXPECT_NEAR(h.quantile(0.75), 0.030, 0.030 / 256);  // rank 3
  EXPECT_NEAR(h.mean(), 0.025, 1e-15);
  h.record(-1);  // counts as 0
  EXPECT_EQ(h.min(), 0);
  h.record(1e9);  // above range: the last bucket, max exact
  EXPECT_EQ(h.max(), 1e9);
  EXPECT_EQ(h.count(), 6u);
}

TEST(LatencyHistogram, MergeAndClear) {
  LatencyHistogram a, b, all;
  for (int i = 1; i <= 1000; ++i) {
    const double v = i * 0.001;
    (i % 2 ? a : b).record(v);
    all.record(v);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  for (double p : {0.1, 0.5, 0.99}) EXPECT_EQ(a.quantile(p), all.quantile(p));
  a.clear();
  EXPECT_EQ(a.count(), 0u);
  EXPECT_EQ(a.quantile(0.5), 0);
  a.record(0.5);
  EXPECT_NEAR(a.quantile(0.5), 0.5, 0.5 / 256);
}

// clear() and quantile() visit only the buckets in use (in the order first used, sorted when a
// quantile is asked). A wide interval recorded largest first, then cleared: a bucket left behind
// would add to the next interval's ranks; a walk in first-used order would get the ranks wrong.
TEST(LatencyHistogram, AWideIntervalRecordedOutOfOrderThenClearedLeavesNothingBehind) {
  core::Rng rng(5);
  std::vector<double> wide;
  for (int i = 0; i < 500; ++i) wide.push_back(std::exp(rng.uniform(std::log(0.001), std::log(300.0))));
  std::sort(wide.rbegin(), wide.rend());
  LatencyHistogram h, fresh;
  for (double v : wide) h.record(v);
  for (double p : {0.01, 0.25, 0.5, 0.9, 0.99}) {
    const double want = exact_quantile(wide, p);
    EXPECT_LE(std::fabs(h.quantile(p) - want) / want, 1.0 / 256 + 1e-12) << "p=" << p;
  }
  h.record(0.0005);  // after a quantile sorted the list: a new smallest bucket
  EXPECT_NEAR(h.quantile(0.001), 0.0005, 0.0005 / 256);
  h.clear();
  for (double v : {0.2, 0.1, 0.3}) {
    h.record(v);
    fresh.record(v);
  }
  for (double p : {0.01, 0.34, 0.5, 0.67, 0.99}) EXPECT_EQ(h.quantile(p), fresh.quantile(p)) << "p=" << p;
  LatencyHistogram merged;
  merged.record(0.15);
  merged.merge(h);  // h's buckets join merged's, in a later bucket and an earlier one
  fresh.record(0.15);
  for (double p : {0.01, 0.3, 0.5, 0.7, 0.99}) EXPECT_EQ(merged.quantile(p), fresh.quantile(p)) << "p=" << p;
}

// The buckets (4736 x 8 bytes) exist only while something is recorded: a run keeps a histogram per
// revision per interval, and an idle revision should cost none (issue 17's soak: every rollout adds
// a revision that is idle once the traffic moved on).
TEST(LatencyHistogram, BucketsAllocatedOnFirstRecordAndFreedByRelease) {
  constexpr std::size_t kFull = LatencyHistogram::kBucketCount * sizeof(std::uint64_t);
  LatencyHistogram h, empty;
  EXPECT_EQ(h.heap_bytes(), 0u) << "an empty histogram holds no buckets";
  EXPECT_EQ(h.quantile(0.5), 0);
  h.merge(empty);
  EXPECT_EQ(h.heap_bytes(), 0u) << "merging an empty one allocates nothing";
  h.record(0.25);
  EXPECT_GE(h.heap_bytes(), kFull);
  EXPECT_LE(h.heap_bytes(), kFull + 64) << "the buckets and the short list of those in use";
  h.clear();
  EXPECT_GE(h.heap_bytes(), kFull) << "clear keeps the buckets (cheap to reuse)";
  h.record(0.125);
  h.release();
  EXPECT_EQ(h.heap_bytes(), 0u);
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.quantile(0.5), 0);
  EXPECT_EQ(h.max(), 0);
  h.record(0.5);  // usable again after release
  EXPECT_EQ(h.count(), 1u);
  EXPECT_NEAR(h.quantile(0.5), 0.5, 0.5 / 256);
  LatencyHistogram into;
  into.merge(h);  // merging into an empty one allocates and copies
  EXPECT_GE(into.heap_bytes(), kFull);
  EXPECT_EQ(into.quantile(0.5), h.quantile(0.5));
}

}  // namespace
}  // namespace knsim::reports
