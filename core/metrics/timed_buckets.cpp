// Ported from knative/serving pkg/autoscaler/aggregation/bucketing.go (TimedFloat64Buckets,
// WeightedFloat64Buckets): same state, same order of floating-point operations.
#include "core/metrics/timed_buckets.hpp"

#include "core/metrics/go_math.hpp"

#include <algorithm>
#include <cmath>

namespace knsim::core::metrics {
namespace {

constexpr double kMinExponent = 0.2;         // minExponent
// 1 - weightPrecision (0.9999). In Go `1-weightPrecision` is an untyped constant expression,
// evaluated exactly and rounded once: 1e-4. The double subtraction 1 - 0.9999 would give
// 9.999999999998899e-05 and move the smoothing coefficient by ~40 ULPs.
constexpr double kOneMinusWeightPrecision = 1e-4;
constexpr int kPrecision = 6;                // precision (digits) of the linear average

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// floor(t) as an integer without a libm call: truncation, one down for negative non-integers.
std::int64_t floor_to_int(double t) {
  const auto w = static_cast<std::int64_t>(t);
  return static_cast<double>(w) > t ? w - 1 : w;
}

std::size_t bucket_count_for(Seconds window, std::int64_t granularity) {
  const double nb = std::ceil(window / static_cast<double>(granularity));
  return nb < 1 ? 1 : static_cast<std::size_t>(nb);
}

}  // namespace

double round_to_n_digits(int n, double x) {
  // 10^n is exact in a double up to n = 22 (and std::pow gives it exactly): a table spares the pow
  // call on every window average.
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const double p = n >= 0 && n <= 22 ? kPow10[n] : std::pow(10.0, n);
  return std::round(x * p) / p;
}

double compute_smoothing_coeff(double num_buckets) {
  return std::max(1 - go_pow(kOneMinusWeightPrecision, 1 / num_buckets), kMinExponent);
}

template <std::size_t C>
BasicTimedBuckets<C>::BasicTimedBuckets(Seconds window, Seconds granularity, WindowAlgorithm algorithm)
    : granularity_(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(granularity)))),
      window_(window),
      algorithm_(algorithm) {
  buckets_.assign(bucket_count_for(window_, granularity_), Values{});
  smoothing_coeff_ = compute_smoothing_coeff(static_cast<double>(buckets_.size()));
}

// The 1 s granularity (Knative's default) skips the divisions: every revision records several
// values a second, so these run tens of millions of times in a fleet day.
template <std::size_t C>
inline std::int64_t BasicTimedBuckets<C>::truncate(Seconds t) const {
  const std::int64_t whole = floor_to_int(t);
  return granularity_ == 1 ? whole : floor_div(whole, granularity_) * granularity_;
}

template <std::size_t C>
inline std::int64_t BasicTimedBuckets<C>::index_of(std::int64_t t) const {
  return granularity_ == 1 ? t : floor_div(t, granularity_);
}

template <std::size_t C>
inline void BasicTimedBuckets<C>::add(std::size_t pos, const Values& values) {
  for (std::size_t c = 0; c < C; ++c) {
    buckets_[pos][c] += values[c];
    window_total_[c] += values[c];
  }
}

template <std::size_t C>
std::size_t BasicTimedBuckets<C>::ring(std::int64_t index) const {
  const auto n = static_cast<std::int64_t>(buckets_.size());
  const std::int64_t r = index % n;
  return static_cast<std::size_t>(r < 0 ? r + n : r);
}

template <std::size_t C>
void BasicTimedBuckets<C>::record(Seconds t, const Values& values) {
  const std::int64_t bucket_time = truncate(t);
  if (has_last_write_ && last_write_ == bucket_time) {  // the common case: the newest bucket again
    add(last_pos_, values);
    return;
  }
  const std::int64_t write_idx = index_of(bucket_time);
  std::size_t pos = 0;  // ring(write_idx)
  // Not too old: bucketTime + window > lastWrite (always true before the first write).
  if (has_last_write_ && !(static_cast<double>(bucket_time) + window_ > static_cast<double>(last_write_))) {
    return;  // a window or more before the last write: dropped
  }
  if (!has_first_write_ || first_write_ > bucket_time) {
    first_write_ = bucket_time;
    has_first_write_ = true;
  }
  if (!has_last_write_ || bucket_time > last_write_) {
    if (!has_last_write_ || static_cast<double>(bucket_time - last_write_) >= window_) {
      // No writes for a whole window: start over.
      first_write_ = bucket_time;
      std::fill(buckets_.begin(), buckets_.end(), Values{});
      window_total_ = Values{};
      pos = ring(write_idx);
    } else {
      // Zero the buckets skipped since the last write, up to and including this one.
      pos = last_pos_;
      for (std::int64_t i = index_of(last_write_) + 1; i <= write_idx; ++i) {
        pos = next(pos);  // ring(i)
        for (std::size_t c = 0; c < C; ++c) {
          window_total_[c] -= buckets_[pos][c];
          buckets_[pos][c] = 0;
        }
      }
    }
    last_write_ = bucket_time;
    last_pos_ = pos;
    has_last_write_ = true;
  } else {
    pos = ring(write_idx);  // an older bucket still in the window
  }
  add(pos, values);
}

template <std::size_t C>
bool BasicTimedBuckets<C>::is_empty(Seconds now) const {
  if (!has_last_write_) return true;
  return static_cast<double>(truncate(now) - last_write_) > window_;
}

template <std::size_t C>
double BasicTimedBuckets<C>::window_average(Seconds now, std::size_t channel) const {
  if (!has_last_write_) return 0.0;
  const std::int64_t n = truncate(now);
  return algorithm_ == WindowAlgorithm::kLinear ? linear_average(n, channel) : weighted_average(n, channel);
}

template <std::size_t C>
double BasicTimedBuckets<C>::linear_average(std::int64_t now, std::size_t channel) const {
  const std::int64_t d = now - last_write_;
  const auto nb = static_cast<double>(buckets_.size());
  // Buckets from the first to the last write, inclusive. Without a first write (after a resize
  // that dropped the data) Go's span from the zero time is huge, so nb applies.
  const double span =
      has_first_write_ ? static_cast<double>((last_write_ - first_write_) / granularity_) + 1 : 1e18;
  if (d <= 0) {
    return round_to_n_digits(kPrecision, window_total_[channel] / std::min(span, nb));
  }
  if (static_cast<double>(d) < window_) {
    // Trailing silence: drop the buckets after the last write (they hold data older than the
    // window) and shrink the divisor instead of counting zeros.
    const std::int64_t st = index_of(last_write_);
    const std::int64_t e = index_of(now);
    double ret = window_total_[channel];
    std::size_t pos = last_pos_;
    for (std::int64_t i = st + 1; i <= e; ++i) {
      pos = next(pos);  // ring(i)
      ret -= buckets_[pos][channel];
    }
    const double num_b = std::min(span, nb - static_cast<double>(e - st));
    return round_to_n_digits(kPrecision, ret / num_b);
  }
  return 0.0;
}

template <std::size_t C>
double BasicTimedBuckets<C>::weighted_average(std::int64_t now, std::size_t channel) const {
  if (static_cast<double>(now - last_write_) > window_) return 0.0;  // isEmptyLocked
  const auto total_b = static_cast<std::int64_t>(buckets_.size());
  std::int64_t num_b = total_b;
  double multiplier = smoothing_coeff_;
  if (now > last_write_) {
    // Leading empty buckets count as zeros: skip straight to m * (1-m)^z.
    const std::int64_t num_z = (now - last_write_) / granularity_;
    multiplier = multiplier * go_pow(1 - smoothing_coeff_, static_cast<double>(num_z));
    num_b -= num_z;
  }
  double ret = 0.;
  std::size_t pos = last_pos_;  // ring(index_of(last_write_) + total_b - i) for i = 0, 1, ...
  for (std::int64_t i = 0; i < num_b; ++i) {
    ret += buckets_[pos][channel] * multiplier;
    multiplier *= (1 - smoothing_coeff_);
    pos = prev(pos);
  }
  return ret;
}

template <std::size_t C>
void BasicTimedBuckets<C>::resize_window(Seconds window, Seconds now) {
  if (window == window_) return;
  const std::size_t num_buckets = bucket_count_for(window, granularity_);
  std::vector<Values> fresh(num_buckets, Values{});
  Values new_total{};
  if (has_last_write_ && static_cast<double>(truncate(now) - last_write_) <= window_) {
    // Keep the newest min(old, new) buckets.
    const auto old_num = static_cast<std::int64_t>(buckets_.size());
    std::int64_t t_idx = index_of(last_write_);
    const auto copies = std::min<std::int64_t>(static_cast<std::int64_t>(num_buckets), old_num);
    for (std::int64_t i = 0; i < copies; ++i) {
      const std::size_t oi = ring(t_idx);
      const auto n = static_cast<std::int64_t>(num_buckets);
      const auto ni = static_cast<std::size_t>(((t_idx % n) + n) % n);
      fresh[ni] = buckets_[oi];
      for (std::size_t c = 0; c < C; ++c) new_total[c] += buckets_[oi][c];
      --t_idx;
    }
    first_write_ = last_write_ - (old_num - 1) * granularity_;
    has_first_write_ = true;
  } else {
    has_first_write_ = false;  // no valid data: back to the initial state
    first_write_ = 0;
  }
  window_ = window;
  buckets_ = std::move(fresh);
  window_total_ = new_total;
  if (has_last_write_) last_pos_ = ring(index_of(last_write_));
  smoothing_coeff_ = compute_smoothing_coeff(std::ceil(window / static_cast<double>(granularity_)));
}

template <std::size_t C>
double BasicTimedBuckets<C>::bucket_sum(Seconds now, std::size_t channel) const {
  if (!has_last_write_) return 0.0;
  const std::int64_t n = truncate(now);
  const std::int64_t skip = std::max<std::int64_t>(0, (n - last_write_) / granularity_);
  const auto count = static_cast<std::int64_t>(buckets_.size()) - skip;
  double sum = 0;
  for (std::int64_t i = 0; i < count; ++i) sum += buckets_[ring(index_of(last_write_) - i)][channel];
  return sum;
}

template <std::size_t C>
double BasicTimedBuckets<C>::bucket_value(Seconds t, std::size_t channel) const {
  if (!has_last_write_) return 0.0;
  const std::int64_t bt = truncate(t);
  const auto nb = static_cast<std::int64_t>(buckets_.size());
  if (bt > last_write_ || index_of(last_write_) - index_of(bt) >= nb) return 0.0;
  return buckets_[ring(index_of(bt))][channel];
}

template class BasicTimedBuckets<1>;
template class BasicTimedBuckets<2>;

}  // namespace knsim::core::metrics
