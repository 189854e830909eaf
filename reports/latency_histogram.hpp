#pragma once
// A streaming latency histogram with log-linear buckets: 128 linear sub-buckets per power of two
// from 2^-20 s (~1 us) to 2^17 s (~36 h). quantile() returns the midpoint of the bucket that holds
// the nearest-rank sample, clamped to the exact [min, max] seen, so its RELATIVE ERROR IS AT MOST
// 1/256 (0.39%) for values in range. Example: 0.1 s lies in [2^-4, 2^-3) = [62.5 ms, 125 ms),
// sub-bucket width 62.5/128 = 0.488 ms, so it is reported within +-0.244 ms.
// Values below 2^-20 s fall into the first bucket (reported as the exact min when they are the
// min), above 2^17 s into the last (reported <= the exact max). count, sum, min and max are exact.
// record() is O(1); it allocates only the first time (the 4736 buckets, 37 KB, are allocated on
// the first record, so an empty histogram holds no memory: a run keeps one per revision per
// interval, and most revisions of a fleet are idle most of the time). The buckets in use are also
// listed, so that clear() and quantile() cost what an interval used, not the width of its range
// (a minute of a revision's requests spans milliseconds to its 300 s timeouts: over 2,000 buckets
// apart, of which a few dozen are used).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace knsim::reports {

class LatencyHistogram {
 public:
  static constexpr int kSubBuckets = 128;
  static constexpr int kMinExp = -20;  // 2^-20 s
  static constexpr int kMaxExp = 17;   // 2^17 s
  static constexpr int kBucketCount = (kMaxExp - kMinExp) * kSubBuckets;

  LatencyHistogram();
  void record(double seconds);               // negative values count as 0
  void merge(const LatencyHistogram& other);
  void clear();    // empty again; keeps the buckets' memory (cheap to clear: only the occupied range)
  void release();  // empty again and frees the buckets' memory (for a histogram that may stay idle)
  std::size_t heap_bytes() const {
    return buckets_.capacity() * sizeof(std::uint64_t) + used_.capacity() * sizeof(std::uint16_t);
  }

  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }
  double min() const { return count_ ? min_ : 0; }
  double max() const { return count_ ? max_ : 0; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0; }
  // Nearest-rank quantile, p in [0, 1] (p = 1 gives the exact max); 0 when empty.
  double quantile(double p) const;

 private:
  static int bucket_of(double v);
  static double bucket_mid(int b);
  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  double sum_ = 0, min_ = 0, max_ = 0;
  // The occupied buckets, in the order first used; quantile() sorts them once (a cache: `mutable`).
  mutable std::vector<std::uint16_t> used_;
  mutable bool used_sorted_ = true;
  void note_used(int b);
};

}  // namespace knsim::reports
