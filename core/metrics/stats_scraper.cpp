// See stats_scraper.hpp (pkg/autoscaler/metrics/stats_scraper.go scrapePods).
#include "core/metrics/stats_scraper.hpp"

#include <cstddef>
#include <utility>

#include "core/metrics/sample_size.hpp"

namespace knsim::core::metrics {

namespace {

// rand.Shuffle: Fisher-Yates from the end.
void shuffle(std::vector<std::size_t>& v, Rng& rng) {
  for (std::size_t k = v.size(); k > 1; --k) std::swap(v[k - 1], v[static_cast<std::size_t>(rng.below(k))]);
}

}  // namespace

std::optional<Stat> scrape_pods(const std::vector<Stat>& ready, Seconds stable_window, Seconds now, Rng& rng) {
  if (ready.empty()) return std::nullopt;
  const auto population = static_cast<std::int32_t>(ready.size());
  const auto n = static_cast<std::size_t>(population_mean_sample_size(population));
  std::vector<std::size_t> old_pods, young_pods;
  for (std::size_t k = 0; k < ready.size(); ++k)
    (ready[k].process_uptime >= stable_window ? old_pods : young_pods).push_back(k);
  if (n < ready.size()) {  // with n == N every pod is used: no draw (see the header)
    if (old_pods.size() < n) shuffle(young_pods, rng);
    else shuffle(old_pods, rng);
  }
  old_pods.insert(old_pods.end(), young_pods.begin(), young_pods.end());
  Stat sum;
  sum.time = now;
  sum.pod_name = "scrape";
  for (std::size_t k = 0; k < n && k < old_pods.size(); ++k) add_stat(sum, ready[old_pods[k]]);
  extrapolate_stat(sum, static_cast<double>(n), static_cast<double>(population));
  return sum;
}

}  // namespace knsim::core::metrics
