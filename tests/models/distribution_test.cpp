#include "models/distribution.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace knsim::models {
namespace {

using Kind = DistributionSpec::Kind;

DistributionSpec lognormal(double median, double p99) {
  DistributionSpec s;
  s.kind = Kind::kLognormal;
  s.median = median;
  s.p99 = p99;
  return s;
}

std::vector<double> draw(const Distribution& d, int n, std::uint64_t seed) {
  core::Rng rng(seed);
  std::vector<double> v(static_cast<std::size_t>(n));
  for (double& x : v) x = d.sample(rng);
  std::sort(v.begin(), v.end());
  return v;
}

double empirical_quantile(const std::vector<double>& sorted, double p) {
  return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

TEST(Distribution, ConstantIsExactAndDrawsNothing) {
  const Distribution d(DistributionSpec::constant_of(0.25));
  core::Rng a(5), b(5);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.sample(a), 0.25);
  EXPECT_EQ(a.next_u64(), b.next_u64());  // the stream did not advance
  EXPECT_EQ(d.mean(), 0.25);
}

TEST(Distribution, LognormalSigmaFromMedianAndP99) {
  // sigma = ln(2/0.8)/2.3263 = 0.39388; mean = 0.8 exp(sigma^2/2) = 0.8644
  const Distribution d(lognormal(0.8, 2.0));
  EXPECT_NEAR(d.quantile(0.5), 0.8, 1e-9);
  EXPECT_NEAR(d.quantile(0.99), 2.0, 1e-6);
  EXPECT_NEAR(d.mean(), 0.8644, 1e-3);
  const auto v = draw(d, 200000, 42);
  EXPECT_NEAR(empirical_quantile(v, 0.5), 0.8, 0.01);
  EXPECT_NEAR(empirical_quantile(v, 0.99), 2.0, 0.05);
  EXPECT_NEAR(mean_of(v), 0.8644, 0.005);
}

TEST(Distribution, ExponentialMeanAndQuantiles) {
  DistributionSpec s;
  s.kind = Kind::kExponential;
  s.mean = 0.1;
  const Distribution d(s);
  EXPECT_NEAR(d.quantile(0.5), 0.1 * std::log(2.0), 1e-12);
  const auto v = draw(d, 200000, 7);
  EXPECT_NEAR(mean_of(v), 0.1, 0.001);
  EXPECT_NEAR(empirical_quantile(v, 0.9), 0.1 * std::log(10.0), 0.005);
}

TEST(Distribution, UniformRangeAndMean) {
  DistributionSpec s;
  s.kind = Kind::kUniform;
  s.min = 1;
  s.max = 3;
  const Distribution d(s);
  const auto v = draw(d, 100000, 3);
  EXPECT_GE(v.front(), 1.0);
  EXPECT_LT(v.back(), 3.0);
  EXPECT_NEAR(mean_of(v), 2.0, 0.01);
  EXPECT_DOUBLE_EQ(d.quantile(0.25), 1.5);
}

TEST(Distribution, EmpiricalIsPiecewiseLinearThroughQuantiles) {
  const Distribution d(Distribution::empirical_spec(
      {{0.0, 0.010}, {0.25, 0.020}, {0.5, 0.030}, {0.75, 0.050}, {0.99, 0.200}, {1.0, 0.500}}));
  struct Case { double p, v; };
  for (const Case c : {Case{0.0, 0.010}, {0.125, 0.015}, {0.5, 0.030}, {0.625, 0.040}, {0.99, 0.200},
                       {0.995, 0.350}, {1.0, 0.500}}) {
    EXPECT_NEAR(d.quantile(c.p), c.v, 1e-12) << c.p;
  }
  // mean = sum of trapezoids: .25*.015 + .25*.025 + .25*.04 + .24*.125 + .01*.35
  //      = .00375 + .00625 + .01 + .03 + .0035 = 0.0535
  EXPECT_NEAR(d.mean(), 0.0535, 1e-12);
  const auto v = draw(d, 200000, 11);
  EXPECT_NEAR(empirical_quantile(v, 0.5), 0.030, 0.0005);
  EXPECT_NEAR(mean_of(v), 0.0535, 0.0005);
}

TEST(Distribution, SameSeedSameDraws) {
  const Distribution d(lognormal(0.05, 0.3));
  EXPECT_EQ(draw(d, 1000, 99), draw(d, 1000, 99));
  EXPECT_NE(draw(d, 1000, 99), draw(d, 1000, 100));
}

TEST(Distribution, ValidationMessages) {
  struct Case {
    DistributionSpec spec;
    const char* expect;  // substring, or nullptr for valid
  };
  DistributionSpec bad_ln = lognormal(1.0, 0.5);
  DistributionSpec bad_exp;
  bad_exp.kind = Kind::kExponential;
  DistributionSpec bad_uni;
  bad_uni.kind = Kind::kUniform;
  bad_uni.min = 2;
  bad_uni.max = 1;
  DistributionSpec bad_emp = Distribution::empirical_spec({{0.0, 2.0}, {1.0, 1.0}});
  DistributionSpec one_point = Distribution::empirical_spec({{0.5, 1.0}});
  const Case cases[] = {{lognormal(0.8, 2), nullptr}, {bad_ln, "p99"}, {bad_exp, "mean"},
                        {bad_uni, "max"},             {bad_emp, "decrease"}, {one_point, "at least 2"},
                        {DistributionSpec::constant_of(-1), ">= 0"}};
  for (const Case& c : cases) {
    const auto err = validate_distribution(c.spec);
    if (c.expect == nullptr) {
      EXPECT_FALSE(err.has_value()) << *err;
    } else {
      ASSERT_TRUE(err.has_value()) << c.expect;
      EXPECT_NE(err->find(c.expect), std::string::npos) << *err;
    }
  }
}

}  // namespace
}  // namespace knsim::models
