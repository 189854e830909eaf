// Ported from knative/serving pkg/autoscaler/metrics/sample_size.go (populationMeanSampleSize)
// and collector.go (Stat.add, Stat.average).
#include "core/metrics/sample_size.hpp"

#include <cmath>

namespace knsim::core::metrics {

std::int32_t population_mean_sample_size(std::int32_t population) {
  if (population < 0) return 0;
  if (population <= 3) return population;
  // X = z^2 * sigma^2 / e^2 with z = 1.96 (95%), sigma = 10, e = 5 (margin): 15.3664.
  constexpr double kX = 1.96 * 1.96 * 100.0 / 25.0;
  const auto n = static_cast<double>(population);
  return static_cast<std::int32_t>(std::ceil(n * kX / (n + kX - 1)));
}

void add_stat(Stat& dst, const Stat& src) {
  dst.average_concurrency += src.average_concurrency;
  dst.average_proxied_concurrency += src.average_proxied_concurrency;
  dst.request_count += src.request_count;
  dst.proxied_request_count += src.proxied_request_count;
}

void extrapolate_stat(Stat& stat, double sample, double total) {
  stat.average_concurrency = stat.average_concurrency / sample * total;
  stat.average_proxied_concurrency = stat.average_proxied_concurrency / sample * total;
  stat.request_count = stat.request_count / sample * total;
  stat.proxied_request_count = stat.proxied_request_count / sample * total;
}

}  // namespace knsim::core::metrics
