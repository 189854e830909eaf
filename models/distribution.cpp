#include "models/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace knsim::models {
namespace {

using Kind = DistributionSpec::Kind;
constexpr double kZ99 = 2.3263478740408408;  // standard normal quantile at 0.99

// Inverse of the standard normal CDF (Acklam's rational approximation, |rel error| < 1.2e-9).
double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  constexpr double kLow = 0.02425;
  if (p < kLow) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - kLow) return -normal_quantile(1 - p);
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

}  // namespace

std::optional<std::string> validate_distribution(const DistributionSpec& s) {
  switch (s.kind) {
    case Kind::kConstant:
      if (!(s.constant >= 0)) return "constant: must be >= 0";
      return std::nullopt;
    case Kind::kExponential:
      if (!(s.mean > 0)) return "exponential: mean must be > 0";
      return std::nullopt;
    case Kind::kLognormal:
      if (!(s.median > 0)) return "lognormal: median must be > 0";
      if (!(s.p99 >= s.median)) return "lognormal: p99 must be >= median";
      return std::nullopt;
    case Kind::kUniform:
      if (!(s.min >= 0)) return "uniform: min must be >= 0";
      if (!(s.max >= s.min)) return "uniform: max must be >= min";
      return std::nullopt;
    case Kind::kEmpirical: {
      if (s.quantiles.size() < 2) return "empirical: needs at least 2 quantile points";
      for (std::size_t i = 0; i < s.quantiles.size(); ++i) {
        const auto& [p, v] = s.quantiles[i];
        if (!(p >= 0 && p <= 1)) return "empirical: quantile levels must be in [0, 1]";
        if (!(v >= 0)) return "empirical: values must be >= 0";
        if (i > 0 && !(p > s.quantiles[i - 1].first)) return "empirical: quantile levels must increase";
        if (i > 0 && v < s.quantiles[i - 1].second) return "empirical: values must not decrease";
      }
      return std::nullopt;
    }
  }
  return "unknown distribution kind";
}

Distribution::Distribution(const DistributionSpec& s) : kind_(s.kind) {
  switch (s.kind) {
    case Kind::kConstant: a_ = std::max(0.0, s.constant); break;
    case Kind::kExponential: a_ = std::max(0.0, s.mean); break;
    case Kind::kLognormal: {
      const double median = std::max(s.median, 1e-12);
      a_ = std::log(median);
      b_ = std::log(std::max(s.p99, median) / median) / kZ99;
      break;
    }
    case Kind::kUniform:
      a_ = std::max(0.0, s.min);
      b_ = std::max(a_, s.max);
      break;
    case Kind::kEmpirical:
      points_ = s.quantiles;
      std::stable_sort(points_.begin(), points_.end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
      if (points_.empty()) points_.push_back({0.0, 0.0});
      break;
  }
}

double Distribution::quantile(double p) const {
  p = std::clamp(p, 0.0, 1.0);
  switch (kind_) {
    case Kind::kConstant: return a_;
    case Kind::kExponential:
      return p >= 1 ? std::numeric_limits<double>::infinity() : -a_ * std::log1p(-p);
    case Kind::kLognormal: return std::exp(a_ + b_ * normal_quantile(p));
    case Kind::kUniform: return a_ + (b_ - a_) * p;
    case Kind::kEmpirical: {
      if (p <= points_.front().first) return points_.front().second;
      if (p >= points_.back().first) return points_.back().second;
      // First point with level > p; a handful of points, so a linear scan is fastest.
      std::size_t i = 1;
      while (points_[i].first <= p) ++i;
      const auto& [p0, v0] = points_[i - 1];
      const auto& [p1, v1] = points_[i];
      return v0 + (v1 - v0) * (p - p0) / (p1 - p0);
    }
  }
  return 0;
}

double Distribution::sample(core::Rng& rng) const {
  switch (kind_) {
    case Kind::kConstant: return a_;
    case Kind::kExponential: return rng.exponential(a_);
    case Kind::kLognormal: return rng.lognormal(a_, b_);
    case Kind::kUniform: return rng.uniform(a_, b_);
    case Kind::kEmpirical: return quantile(rng.uniform01());
  }
  return 0;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::kConstant: return a_;
    case Kind::kExponential: return a_;
    case Kind::kLognormal: return std::exp(a_ + b_ * b_ / 2);
    case Kind::kUniform: return (a_ + b_) / 2;
    case Kind::kEmpirical: {
      // Integral of the piecewise-linear inverse CDF; flat below the first and above the last level.
      double m = points_.front().first * points_.front().second;
      for (std::size_t i = 1; i < points_.size(); ++i) {
        m += (points_[i].first - points_[i - 1].first) * (points_[i].second + points_[i - 1].second) / 2;
      }
      m += (1 - points_.back().first) * points_.back().second;
      return m;
    }
  }
  return 0;
}

DistributionSpec Distribution::empirical_spec(std::vector<std::pair<double, double>> points) {
  DistributionSpec s;
  s.kind = Kind::kEmpirical;
  s.quantiles = std::move(points);
  return s;
}

}  // namespace knsim::models
