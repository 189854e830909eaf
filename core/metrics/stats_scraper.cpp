// See stats_scraper.hpp (pkg/autoscaler/metrics/stats_scraper.go scrapePods).
#include "core/metrics/stats_scraper.hpp"

#include <cstddef>
#include <utility>

#include "core/metrics/sample_size.hpp"

namespace knsim::core::metrics {

namespace {

// rand.Shuffle of v[0, size): Fisher-Yates from the end.
void shuffle(std::size_t* v, std::size_t size, Rng& rng) {
  for (std::size_t k = size; k > 1; --k) std::swap(v[k - 1], v[static_cast<std::size_t>(rng.below(k))]);
}

constexpr std::size_t kStackPods = 64;  // revisions with at most this many ready pods allocate nothing

}  // namespace

std::optional<Stat> scrape_pods(const std::vector<Stat>& ready, Seconds stable_window, Seconds now, Rng& rng) {
  if (ready.empty()) return std::nullopt;
  const auto population = static_cast<std::int32_t>(ready.size());
  const auto n = static_cast<std::size_t>(population_mean_sample_size(population));
  // The pods in sampling order: the old ones (up for a stable window), then the young ones, each
  // group in the revision's pod order until shuffled. This runs for every revision every second,
  // so the order lives on the stack.
  const std::size_t total = ready.size();
  std::size_t stack_order[kStackPods];
  std::vector<std::size_t> heap_order;
  if (total > kStackPods) heap_order.resize(total);
  std::size_t* order = total > kStackPods ? heap_order.data() : stack_order;
  std::size_t olds = 0;
  for (std::size_t k = 0; k < total; ++k)
    if (ready[k].process_uptime >= stable_window) order[olds++] = k;
  std::size_t young = olds;
  for (std::size_t k = 0; k < total; ++k)
    if (!(ready[k].process_uptime >= stable_window)) order[young++] = k;
  if (n < total) {  // with n == N every pod is used: no draw (see the header)
    if (olds < n) shuffle(order + olds, total - olds, rng);
    else shuffle(order, olds, rng);
  }
  Stat sum;
  sum.time = now;
  sum.pod_name = "scrape";
  for (std::size_t k = 0; k < n && k < total; ++k) add_stat(sum, ready[order[k]]);
  extrapolate_stat(sum, static_cast<double>(n), static_cast<double>(population));
  return sum;
}

}  // namespace knsim::core::metrics
