#pragma once
// Sampling durations from a DistributionSpec (models/scenario_spec.hpp). Randomness only through
// core::Rng (never std::*_distribution, whose output differs between standard libraries).
//
//   constant     c                       -> c
//   exponential  mean m                  -> -m ln(1-U)
//   lognormal    median M, p99 P         -> exp(mu + sigma Z), mu = ln M, sigma = ln(P/M) / 2.3263
//                (2.3263 = z of the 99th percentile). Example: M = 0.8 s, P = 2 s gives
//                sigma = ln(2.5)/2.3263 = 0.3939, mean = M exp(sigma^2/2) = 0.864 s.
//   uniform      [min, max)              -> min + (max-min) U
//   empirical    quantile points (p, v)  -> piecewise-linear inverse CDF through the points:
//                U in [p_i, p_i+1] maps linearly to [v_i, v_i+1]. Points are sorted by p; U below
//                the first p gives the first v, above the last p the last v.
// A Distribution is immutable after construction and sample() does not allocate.
#include <optional>
#include <string>
#include <vector>

#include "core/random/rng.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::models {

// Why a DistributionSpec is invalid ("lognormal: p99 must be >= median"), or nullopt when valid.
// Rules: values >= 0; exponential mean > 0; lognormal median > 0 and p99 >= median;
// uniform max >= min; empirical >= 2 points, p in [0,1] strictly increasing, v non-decreasing.
std::optional<std::string> validate_distribution(const DistributionSpec& spec);

class Distribution {
 public:
  Distribution() = default;  // constant 0
  // Precondition: validate_distribution(spec) is nullopt (an invalid spec is clamped, not UB).
  explicit Distribution(const DistributionSpec& spec);

  double sample(core::Rng& rng) const;   // seconds, >= 0
  double mean() const;                   // analytic mean, seconds
  double quantile(double p) const;       // inverse CDF at p in [0,1] (p=1 of exponential/lognormal: +inf)
  DistributionSpec::Kind kind() const { return kind_; }
  bool is_constant_zero() const { return kind_ == DistributionSpec::Kind::kConstant && a_ == 0; }

  // Builds an empirical spec from (p, value) points, e.g. an azure2019 durations row.
  static DistributionSpec empirical_spec(std::vector<std::pair<double, double>> points);

 private:
  DistributionSpec::Kind kind_ = DistributionSpec::Kind::kConstant;
  double a_ = 0;  // constant | mean | mu | min
  double b_ = 0;  // sigma | max
  std::vector<std::pair<double, double>> points_;  // empirical (p, v), sorted by p
};

}  // namespace knsim::models
