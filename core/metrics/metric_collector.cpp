// Ported from knative/serving pkg/autoscaler/metrics/collector.go (newCollection, record,
// updateMetric, StableAndPanicConcurrency, StableAndPanicRPS).
#include "core/metrics/metric_collector.hpp"

namespace knsim::core::metrics {

MetricCollector::MetricCollector(const MetricSpec& spec)
    : spec_(spec),
      concurrency_(spec.stable_window, kBucketSize, spec.algorithm),
      concurrency_panic_(spec.panic_window, kBucketSize, spec.algorithm),
      rps_(spec.stable_window, kBucketSize, spec.algorithm),
      rps_panic_(spec.panic_window, kBucketSize, spec.algorithm) {}

void MetricCollector::record(Seconds now, const Stat& stat) {
  // Proxied requests were counted by the activator: subtract them to avoid double counting.
  const double concurrency = stat.average_concurrency - stat.average_proxied_concurrency;
  concurrency_.record(now, concurrency);
  concurrency_panic_.record(now, concurrency);
  const double rps = stat.request_count - stat.proxied_request_count;
  rps_.record(now, rps);
  rps_panic_.record(now, rps);
}

StableAndPanic MetricCollector::stable_and_panic_concurrency(Seconds now) const {
  if (concurrency_.is_empty(now) && spec_.scrape_target_set) return {0, 0, MetricStatus::kNoData};
  return {concurrency_.window_average(now), concurrency_panic_.window_average(now), MetricStatus::kOk};
}

StableAndPanic MetricCollector::stable_and_panic_rps(Seconds now) const {
  if (rps_.is_empty(now) && spec_.scrape_target_set) return {0, 0, MetricStatus::kNoData};
  return {rps_.window_average(now), rps_panic_.window_average(now), MetricStatus::kOk};
}

void MetricCollector::update_metric(const MetricSpec& spec, Seconds now) {
  const WindowAlgorithm algorithm = spec_.algorithm;  // set at creation, immutable
  spec_ = spec;
  spec_.algorithm = algorithm;
  concurrency_.resize_window(spec.stable_window, now);
  concurrency_panic_.resize_window(spec.panic_window, now);
  rps_.resize_window(spec.stable_window, now);
  rps_panic_.resize_window(spec.panic_window, now);
}

}  // namespace knsim::core::metrics
