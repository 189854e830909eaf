// Ported from knative/serving pkg/autoscaler/metrics/collector.go (newCollection, record,
// updateMetric, StableAndPanicConcurrency, StableAndPanicRPS).
#include "core/metrics/metric_collector.hpp"

namespace knsim::core::metrics {

MetricCollector::MetricCollector(const MetricSpec& spec)
    : spec_(spec),
      stable_(spec.stable_window, kBucketSize, spec.algorithm),
      panic_(spec.panic_window, kBucketSize, spec.algorithm) {}

void MetricCollector::record(Seconds now, const Stat& stat) {
  // Proxied requests were counted by the activator: subtract them to avoid double counting.
  const double concurrency = stat.average_concurrency - stat.average_proxied_concurrency;
  const double rps = stat.request_count - stat.proxied_request_count;
  stable_.record(now, {concurrency, rps});
  panic_.record(now, {concurrency, rps});
}

StableAndPanic MetricCollector::read(std::size_t channel, Seconds now) const {
  if (stable_.is_empty(now) && spec_.scrape_target_set) return {0, 0, MetricStatus::kNoData};
  return {stable_.window_average(now, channel), panic_.window_average(now, channel), MetricStatus::kOk};
}

StableAndPanic MetricCollector::stable_and_panic_concurrency(Seconds now) const { return read(kConcurrency, now); }

StableAndPanic MetricCollector::stable_and_panic_rps(Seconds now) const { return read(kRps, now); }

void MetricCollector::update_metric(const MetricSpec& spec, Seconds now) {
  const WindowAlgorithm algorithm = spec_.algorithm;  // set at creation, immutable
  spec_ = spec;
  spec_.algorithm = algorithm;
  stable_.resize_window(spec.stable_window, now);
  panic_.resize_window(spec.panic_window, now);
}

}  // namespace knsim::core::metrics
