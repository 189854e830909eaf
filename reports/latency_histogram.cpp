#include "reports/latency_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace knsim::reports {

LatencyHistogram::LatencyHistogram() = default;

// Bucket of v: octave e = floor(log2 v), linear position inside [2^e, 2^(e+1)). Both come from the
// double's bits: v = (1 + f / 2^52) * 2^e with e the unbiased exponent and f the 52-bit fraction,
// so the sub-bucket floor((v / 2^e - 1) * 128) is the fraction's top 7 bits (exact; no libm call
// on every request). Example: v = 0.1 = 1.6 * 2^-4: e = -4, sub = floor(0.6 * 128) = 76.
static_assert(LatencyHistogram::kSubBuckets == 128, "bucket_of takes the top 7 fraction bits");

int LatencyHistogram::bucket_of(double v) {
  if (!(v > 0)) return 0;
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  const int e = static_cast<int>((bits >> 52) & 0x7ff) - 1023;  // subnormals: -1023, below kMinExp
  if (e < kMinExp) return 0;
  if (e >= kMaxExp) return kBucketCount - 1;  // also +inf
  const int sub = static_cast<int>((bits >> (52 - 7)) & (kSubBuckets - 1));
  return (e - kMinExp) * kSubBuckets + sub;
}

double LatencyHistogram::bucket_mid(int b) {
  const int e = b / kSubBuckets + kMinExp;
  const int sub = b % kSubBuckets;
  return std::ldexp(1.0 + (sub + 0.5) / kSubBuckets, e);
}

void LatencyHistogram::record(double seconds) {
  const double v = seconds > 0 ? seconds : 0.0;
  const int b = bucket_of(v);
  if (buckets_.empty()) buckets_.assign(kBucketCount, 0);
  if (buckets_[static_cast<std::size_t>(b)]++ == 0) note_used(b);
  if (count_ == 0 || v < min_) min_ = v;
  if (count_ == 0 || v > max_) max_ = v;
  ++count_;
  sum_ += v;
}

void LatencyHistogram::merge(const LatencyHistogram& o) {
  if (o.count_ == 0) return;
  if (buckets_.empty()) buckets_.assign(kBucketCount, 0);
  for (const std::uint16_t b : o.used_) {
    if (buckets_[b] == 0) note_used(b);
    buckets_[b] += o.buckets_[b];
  }
  min_ = count_ == 0 ? o.min_ : std::min(min_, o.min_);
  max_ = count_ == 0 ? o.max_ : std::max(max_, o.max_);
  count_ += o.count_;
  sum_ += o.sum_;
}

void LatencyHistogram::note_used(int b) {
  used_sorted_ = used_sorted_ && (used_.empty() || used_.back() < b);
  used_.push_back(static_cast<std::uint16_t>(b));
}

void LatencyHistogram::clear() {
  for (const std::uint16_t b : used_) buckets_[b] = 0;
  used_.clear();
  used_sorted_ = true;
  count_ = 0;
  sum_ = min_ = max_ = 0;
}

void LatencyHistogram::release() {
  clear();
  std::vector<std::uint64_t>().swap(buckets_);
  std::vector<std::uint16_t>().swap(used_);
}

double LatencyHistogram::quantile(double p) const {
  if (count_ == 0) return 0;
  if (p >= 1) return max_;
  if (p <= 0) return min_;
  // Nearest rank: the smallest value with at least ceil(p * count) samples at or below it.
  const auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_)));
  if (!used_sorted_) {
    std::sort(used_.begin(), used_.end());
    used_sorted_ = true;
  }
  std::uint64_t seen = 0;
  for (const std::uint16_t b : used_) {  // the empty buckets between them add nothing
    seen += buckets_[b];
    if (seen >= rank) return std::clamp(bucket_mid(b), min_, max_);
  }
  return max_;
}

}  // namespace knsim::reports
