// core/metrics/timed_buckets: a two-channel window (the collector's concurrency and rps under one
// bookkeeping) reads, channel by channel, exactly what a one-channel window fed the same values
// reads: same buckets, same sums in the same order, so bit-identical averages.
#include "core/metrics/timed_buckets.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace knsim::core::metrics {
namespace {

// One step: record (value, 3 * value + 1) at t, or resize the window at t, then read at t + read_after.
struct Step {
  double t;
  double value;
  double resize_to = 0;  // > 0: resize instead of recording
  double read_after = 0;
};

void check_channels_match(WindowAlgorithm algorithm, double window, const std::vector<Step>& steps) {
  BasicTimedBuckets<2> both(window, 1.0, algorithm);
  TimedBuckets first(window, 1.0, algorithm);
  TimedBuckets second(window, 1.0, algorithm);
  for (const Step& s : steps) {
    if (s.resize_to > 0) {
      both.resize_window(s.resize_to, s.t);
      first.resize_window(s.resize_to, s.t);
      second.resize_window(s.resize_to, s.t);
    } else {
      both.record(s.t, {s.value, 3 * s.value + 1});
      first.record(s.t, s.value);
      second.record(s.t, 3 * s.value + 1);
    }
    const double at = s.t + s.read_after;
    SCOPED_TRACE(testing::Message() << "t=" << s.t << " read at " << at);
    EXPECT_EQ(both.window_average(at, 0), first.window_average(at));
    EXPECT_EQ(both.window_average(at, 1), second.window_average(at));
    EXPECT_EQ(both.bucket_sum(at, 0), first.bucket_sum(at));
    EXPECT_EQ(both.bucket_sum(at, 1), second.bucket_sum(at));
    EXPECT_EQ(both.bucket_value(s.t, 1), second.bucket_value(s.t));
    EXPECT_EQ(both.is_empty(at), first.is_empty(at));
  }
}

// Same-bucket writes, skipped buckets, trailing silence, a gap of a whole window (reset), a write
// older than the last one, one more than a window old (dropped), and resizes both ways.
const std::vector<Step> kSteps = {
    {0.2, 1.5},         {0.7, 2.25, 0, 0.5}, {1.1, 0.1},          {4.9, 7.0, 0, 3.0}, {3.5, 0.3},
    {5.0, 1.0, 0, 9.0}, {20.0, 4.0},         {21.0, 0.0, 0, 1.0}, {9.0, 100.0},        {22.0, 0, 3.0},
    {23.5, 2.0, 0, 2.0}, {24.0, 0, 12.0},    {25.0, 6.5, 0, 4.0}, {70.0, 1.0, 0, 0.5}, {71.0, 3.0, 0, 30.0},
};

TEST(TimedBucketsChannels, EachChannelReadsAsItsOwnWindowLinear) {
  check_channels_match(WindowAlgorithm::kLinear, 6.0, kSteps);
  check_channels_match(WindowAlgorithm::kLinear, 60.0, kSteps);
}

TEST(TimedBucketsChannels, EachChannelReadsAsItsOwnWindowWeighted) {
  check_channels_match(WindowAlgorithm::kWeightedExponential, 6.0, kSteps);
  check_channels_match(WindowAlgorithm::kWeightedExponential, 60.0, kSteps);
}

}  // namespace
}  // namespace knsim::core::metrics
