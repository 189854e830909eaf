// RetryConfig::backoff at the edges: a zero delay never waits (no 0 x inf = NaN for attempts past
// 1023), huge attempts saturate at kMaxBackoff (Go's longest time.Duration), every wait is finite;
// retry counts outside int32 never wrap.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "core/eventing/delivery.hpp"

namespace knsim::core::eventing {
namespace {

RetryConfig config(BackoffPolicy policy, Seconds delay) {
  RetryConfig c;
  c.backoff_policy = policy;
  c.backoff_delay = delay;
  return c;
}

TEST(DeliveryBackoff, FiniteAndSaturatingForAnyAttempt) {
  struct Row {
    BackoffPolicy policy;
    Seconds delay;
    int attempt;
    Seconds want;
  };
  const Row rows[] = {
      {BackoffPolicy::kExponential, 0.0, 0, 0.0},
      {BackoffPolicy::kExponential, 0.0, 1023, 0.0},
      {BackoffPolicy::kExponential, 0.0, 1024, 0.0},  // exp2(1024) = inf: was 0 x inf = NaN
      {BackoffPolicy::kExponential, 0.0, 1029, 0.0},
      {BackoffPolicy::kExponential, 0.2, 0, 0.2},
      {BackoffPolicy::kExponential, 0.2, 9, 102.4},
      {BackoffPolicy::kExponential, 1.0, 33, 8589934592.0},  // 2^33 s < kMaxBackoff
      {BackoffPolicy::kExponential, 1.0, 34, kMaxBackoff},   // 2^34 s > 292 years
      {BackoffPolicy::kExponential, 0.2, 1024, kMaxBackoff},
      {BackoffPolicy::kExponential, 0.2, 2147483647, kMaxBackoff},
      {BackoffPolicy::kLinear, 0.0, 2147483647, 0.0},
      {BackoffPolicy::kLinear, 2.5, 2, 5.0},
      {BackoffPolicy::kLinear, 1e9, 2147483647, kMaxBackoff},
  };
  for (const Row& r : rows) {
    const Seconds got = config(r.policy, r.delay).backoff(r.attempt);
    EXPECT_TRUE(std::isfinite(got)) << r.delay << " attempt " << r.attempt;
    EXPECT_DOUBLE_EQ(got, r.want) << r.delay << " attempt " << r.attempt;
  }
}

TEST(DeliveryBackoff, ScheduleOfAThousandRetriesWithZeroDelayIsAllZero) {
  RetryConfig c = config(BackoffPolicy::kExponential, 0.0);
  c.retry_max = 1030;
  const std::vector<Seconds> waits = c.backoff_schedule();
  ASSERT_EQ(waits.size(), 1030u);
  for (Seconds w : waits) EXPECT_EQ(w, 0.0);
}

TEST(DeliveryBackoff, RetryOutsideInt32IsClampedNotWrapped) {
  struct Row {
    std::int64_t retry;
    int want;
  };
  const Row rows[] = {{3, 3}, {2147483647, 2147483647}, {4294967296, 2147483647}, {4294967299, 2147483647}, {-5, 0}};
  for (const Row& r : rows) {
    DeliverySpec spec;
    spec.retry = r.retry;
    EXPECT_EQ(retry_config_from_delivery_spec(spec).config.retry_max, r.want) << r.retry;
  }
}

}  // namespace
}  // namespace knsim::core::eventing
