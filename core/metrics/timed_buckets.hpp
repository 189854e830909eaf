#pragma once
// Knative's bucketed time windows (pkg/autoscaler/aggregation/bucketing.go): TimedFloat64Buckets
// (linear average) and WeightedFloat64Buckets (weighted-exponential average) in one type.
//
// A ring of nb = ceil(window / granularity) buckets; a value recorded at time t is added to the
// bucket floor(t / granularity). Times are seconds from the run epoch, which maps to a Unix
// instant that is a multiple of 3600 s, so floor() here equals Go's Time.Truncate and Unix()/g.
//
// Linear WindowAverage(now), with now' = floor(now) and d = now' - lastWrite:
//   d <= 0          : total / min((lastWrite - firstWrite)/g + 1, nb)
//   0 < d < window  : (total - buckets in (lastWrite, now']) / min(span + 1, nb - (idx(now) - idx(lastWrite)))
//   d >= window     : 0
// rounded to 6 decimals. Example: window 5 s, records 1,2,3,4,5 at t=0..4: average(4) = 15/5 = 3;
// average(6) = (15 - 1 - 2) / min(5, 5 - 2) = 4 (trailing silence shrinks the divisor).
// Weighted: sum over buckets newest first of v * m * (1-m)^k, m = max(1 - 0.0001^(1/nb), 0.2),
// starting z = (now' - lastWrite)/g buckets late; not normalised, not rounded.
//
// All arithmetic follows Go's order of operations so results are bit-identical.
//
// Channels: a collector keeps concurrency and rps in windows that are always written at the same
// times (collector.go record writes both), so their time bookkeeping (first and last write, the
// ring position) is identical. BasicTimedBuckets<2> holds both values per bucket under one
// bookkeeping; each channel's sums are the ones a window of its own would compute, in the same
// order. TimedBuckets is the one-channel window.
#include <array>
#include <cstdint>
#include <vector>

#include "core/time/time.hpp"

namespace knsim::core::metrics {

enum class WindowAlgorithm { kLinear, kWeightedExponential };

// Go's roundToNDigits: round(x * 10^n) / 10^n, halves away from zero.
double round_to_n_digits(int n, double x);
// Weighted smoothing coefficient for nb buckets: max(1 - (1 - 0.9999)^(1/nb), 0.2).
double compute_smoothing_coeff(double num_buckets);

template <std::size_t Channels>
class BasicTimedBuckets {
 public:
  using Values = std::array<double, Channels>;

  // window and granularity in seconds (granularity a whole number of seconds >= 1).
  BasicTimedBuckets(Seconds window, Seconds granularity = 1.0, WindowAlgorithm algorithm = WindowAlgorithm::kLinear);

  // Adds each channel's value to the bucket of `t`. Values older than a window before the last
  // write are dropped.
  void record(Seconds t, const Values& values);
  void record(Seconds t, double value) requires(Channels == 1) { record(t, Values{value}); }
  // The window average of `channel` at `now` (linear or weighted, see above).
  double window_average(Seconds now, std::size_t channel = 0) const;
  // True when nothing was recorded within the window: floor(now) - lastWrite > window.
  bool is_empty(Seconds now) const;
  // Changes the window (Knative ResizeWindow; `now` replaces its time.Now()). Keeps the newest
  // min(old, new) buckets if the last write is within the old window, else resets.
  void resize_window(Seconds window, Seconds now);

  // Test/diagnostic helpers.
  // Sum of the len(buckets) - (now' - lastWrite)/g buckets ending at lastWrite (bucketing_test's
  // forEachBucket sum).
  double bucket_sum(Seconds now, std::size_t channel = 0) const;
  // The value of the bucket holding `t`, if that bucket is in the current window span, else 0.
  double bucket_value(Seconds t, std::size_t channel = 0) const;
  std::size_t bucket_count() const { return buckets_.size(); }
  double smoothing_coeff() const { return smoothing_coeff_; }
  WindowAlgorithm algorithm() const { return algorithm_; }
  Seconds window() const { return window_; }

 private:
  std::int64_t truncate(Seconds t) const;        // bucket start, whole seconds
  std::int64_t index_of(std::int64_t t) const;   // timeToIndex: t / granularity (floor)
  std::size_t ring(std::int64_t index) const;    // positive modulo nb
  void add(std::size_t pos, const Values& values);  // to the bucket at ring position pos and the totals
  std::size_t next(std::size_t pos) const { return pos + 1 == buckets_.size() ? 0 : pos + 1; }
  std::size_t prev(std::size_t pos) const { return pos == 0 ? buckets_.size() - 1 : pos - 1; }
  double linear_average(std::int64_t now, std::size_t channel) const;
  double weighted_average(std::int64_t now, std::size_t channel) const;

  std::vector<Values> buckets_;                  // one value per channel per bucket
  std::int64_t granularity_;                     // seconds
  Seconds window_;
  WindowAlgorithm algorithm_;
  double smoothing_coeff_ = 0.0;
  bool has_first_write_ = false;                 // Go: !firstWrite.IsZero()
  bool has_last_write_ = false;                  // Go: !lastWrite.IsZero()
  std::int64_t first_write_ = 0;                 // bucket start of the first write
  std::int64_t last_write_ = 0;                  // bucket start of the last write
  // ring(index_of(last_write_)) while has_last_write_: the hot paths step from it instead of
  // taking a modulo per bucket (a 64-bit division, tens of cycles, several per revision-second).
  std::size_t last_pos_ = 0;
  Values window_total_{};                        // per channel, running sum of all buckets
};

using TimedBuckets = BasicTimedBuckets<1>;
extern template class BasicTimedBuckets<1>;
extern template class BasicTimedBuckets<2>;

}  // namespace knsim::core::metrics
