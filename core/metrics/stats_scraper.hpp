#pragma once
// The autoscaler's scrape of a revision's pods (pkg/autoscaler/metrics/stats_scraper.go
// scrapePods, PodIPsSplitByAge; docs/spec/serving.md 2.2): the ready pods are split by age into
// old (up at least the stable window) and young; n = population_mean_sample_size(N) of the N
// pods are scraped, old pods first; the sum of their Stats is extrapolated to N (x -> x / n * N).
// Which pods: when there are fewer old pods than n, every old pod is used and the young pods are
// shuffled to fill the sample; otherwise the old pods are shuffled and the first n used.
// Difference from Knative (randomness only): Go shuffles even when all N pods are sampled
// (n == N), which changes nothing but its global random stream; here no draw is made then, so a
// run with few pods keeps its random streams. Scrape failures (mesh errors) are not modelled.
// Worked example: N = 5 ready pods, all old, concurrency 1, 2, 3, 4, 5: n = 4; a shuffle picks 4
// of them, e.g. {1, 2, 3, 5} -> sum 11 -> 11 / 4 * 5 = 13.75.
#include <optional>
#include <vector>

#include "core/metrics/stat.hpp"
#include "core/random/rng.hpp"

namespace knsim::core::metrics {

// One scrape at `now` over the Stats the ready pods report (process_uptime = their age); the
// result is named "scrape" and timed `now`. nullopt when there is no ready pod.
std::optional<Stat> scrape_pods(const std::vector<Stat>& ready_pods, Seconds stable_window, Seconds now, Rng& rng);

}  // namespace knsim::core::metrics
