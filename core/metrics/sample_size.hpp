#pragma once
// The scraper's sampling helpers (pkg/autoscaler/metrics/sample_size.go, stats_scraper.go,
// collector.go Stat.add/average).
#include <cstdint>

#include "core/metrics/stat.hpp"

namespace knsim::core::metrics {

// How many of `population` pods the scraper samples (95% confidence, 5% margin):
// n = N for N <= 3 (0 for N <= 0); else ceil(N*X / (N + X - 1)), X = 1.96^2 * 100 / 5^2 = 15.3664.
// Examples: 5 -> 4, 10 -> 7, 100 -> 14, 1000 -> 16.
std::int32_t population_mean_sample_size(std::int32_t population);

// Adds src's four counters into dst (Stat.add).
void add_stat(Stat& dst, const Stat& src);

// Extrapolates a sum over `sample` pods to `total` pods: each counter x -> x / sample * total
// (Stat.average; Go's order of operations). sample must be > 0.
void extrapolate_stat(Stat& stat, double sample, double total);

}  // namespace knsim::core::metrics
