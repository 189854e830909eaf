#pragma once
// One revision's metric collection (pkg/autoscaler/metrics/collector.go: collection,
// StableAndPanicConcurrency, StableAndPanicRPS).
//
// Every recorded Stat adds to four windows, stable and panic, for concurrency and rps:
//   concurrency = average_concurrency - average_proxied_concurrency
//   rps         = request_count - proxied_request_count
// (requests that came through the activator are counted once, by the activator). Stats landing in
// the same 1 s bucket are summed, so a bucket holds the revision-wide total.
//
// Reading: if the stable window of that metric is empty (nothing within the window) and the
// scrape target is set, the result is kNoData (the decider then makes no decision). With no scrape
// target (target-burst-capacity = -1: only the activator reports) empty windows read (0, 0), valid.
//
// The scraper itself (every 1 s, sampling pods, extrapolating N/n) is the driver's job: it builds
// one Stat per scrape (see sample_size.hpp) and calls record(); an empty scrape records nothing.
#include "core/metrics/stat.hpp"
#include "core/metrics/timed_buckets.hpp"
#include "core/time/time.hpp"

namespace knsim::core::metrics {

inline constexpr Seconds kBucketSize = 1.0;          // config.BucketSize
inline constexpr Seconds kScrapeTickInterval = 1.0;  // collector.go scrapeTickInterval

// The Metric object's spec as the collector uses it (pkg/reconciler/autoscaling/resources/metric.go).
struct MetricSpec {
  Seconds stable_window = 60.0;
  Seconds panic_window = 6.0;
  WindowAlgorithm algorithm = WindowAlgorithm::kLinear;
  bool scrape_target_set = true;  // false when target-burst-capacity = -1
};

enum class MetricStatus { kOk, kNoData };

struct StableAndPanic {
  double stable = 0.0;
  double panic = 0.0;
  MetricStatus status = MetricStatus::kOk;
  bool ok() const { return status == MetricStatus::kOk; }
};

class MetricCollector {
 public:
  explicit MetricCollector(const MetricSpec& spec);

  // collection.record: adds the stat at time `now` (for a scrape, the scrape time).
  void record(Seconds now, const Stat& stat);
  // Same, at stat.time.
  void record(const Stat& stat) { record(stat.time, stat); }

  StableAndPanic stable_and_panic_concurrency(Seconds now) const;
  StableAndPanic stable_and_panic_rps(Seconds now) const;
  // By metric name: "rps" reads rps, anything else concurrency (as the decider does).
  StableAndPanic stable_and_panic(bool rps, Seconds now) const {
    return rps ? stable_and_panic_rps(now) : stable_and_panic_concurrency(now);
  }

  // CreateOrUpdate on an existing collection: resizes the windows (the algorithm is immutable).
  void update_metric(const MetricSpec& spec, Seconds now);
  const MetricSpec& spec() const { return spec_; }

 private:
  // Channel 0 is concurrency, 1 is rps: Knative keeps four windows, but the two of each length
  // are always written together (timed_buckets.hpp, "Channels").
  static constexpr std::size_t kConcurrency = 0, kRps = 1;
  StableAndPanic read(std::size_t channel, Seconds now) const;

  MetricSpec spec_;
  BasicTimedBuckets<2> stable_;
  BasicTimedBuckets<2> panic_;
};

}  // namespace knsim::core::metrics
