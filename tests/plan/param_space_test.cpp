// plan/param_space: --param texts of sweeps (KEY=V1,V2) and optimisations (KEY=LOW..HIGH[:STEP]),
// grids and the cross product's order.
#include <gtest/gtest.h>

#include "plan/param_space.hpp"

namespace knsim::plan {
namespace {

TEST(SweepParam, SplitsKeyAtFirstEqualsAndValuesAtCommas) {
  std::string error;
  const auto p = parse_sweep_param("hello.autoscaling.knative.dev/target=10,50,100", &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->key, "hello.autoscaling.knative.dev/target");
  EXPECT_EQ(p->values, (std::vector<std::string>{"10", "50", "100"}));
  const auto q = parse_sweep_param("config-autoscaler.stable-window=30s", &error);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->values, std::vector<std::string>{"30s"});
}

TEST(SweepParam, MalformedArgumentsNameTheProblem) {
  const struct {
    const char* arg;
    const char* want;
  } cases[] = {
      {"target", "expected KEY=V1,V2"},
      {"=1,2", "expected KEY=V1,V2"},
      {"k=", "empty value"},
      {"k=1,,2", "empty value"},
      {"k=1,", "empty value"},
      {"k=1,2,1", "given twice"},
  };
  for (const auto& c : cases) {
    std::string error;
    EXPECT_FALSE(parse_sweep_param(c.arg, &error)) << c.arg;
    EXPECT_NE(error.find(c.want), std::string::npos) << c.arg << " -> " << error;
    EXPECT_NE(error.find(c.arg), std::string::npos) << "names the argument: " << error;
  }
}

TEST(RangeParam, GridValuesAndFormatting) {
  const struct {
    const char* arg;
    std::vector<std::string> grid;
  } cases[] = {
      {"t=10..50:10", {"10", "20", "30", "40", "50"}},
      {"w=6s..20s:6s", {"6s", "12s", "18s"}},  // 24s is past HIGH
      {"u=0.1..0.3:0.1", {"0.1", "0.2", "0.3"}},  // no 0.30000000000000004, no lost last value
      {"m=1..3:1", {"1", "2", "3"}},
      {"c=500m..1500m:500m", {"500m", "1000m", "1500m"}},
  };
  for (const auto& c : cases) {
    std::string error;
    const auto r = parse_range_param(c.arg, &error);
    ASSERT_TRUE(r) << c.arg << ": " << error;
    EXPECT_EQ(as_grid(*r).values, c.grid) << c.arg;
  }
}

TEST(RangeParam, SnapClampsAndRoundsToTheGrid) {
  std::string error;
  const auto r = parse_range_param("k=10..50:10", &error);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->snap(0), 10);
  EXPECT_EQ(r->snap(14.9), 10);
  EXPECT_EQ(r->snap(15.1), 20);
  EXPECT_EQ(r->snap(99), 50);
  const auto c = parse_range_param("k=1..2", &error);  // continuous: 3 decimals
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->step);
  EXPECT_EQ(c->snap(1.23456), 1.23456);
  EXPECT_EQ(c->format(1.23456), "1.235");
}

TEST(RangeParam, MalformedRanges) {
  const struct {
    const char* arg;
    const char* want;
  } cases[] = {
      {"k=10,20", "LOW..HIGH"},
      {"k=a..b", "numbers"},
      {"k=5s..10m", "same unit"},
      {"k=10..10", "LOW must be below HIGH"},
      {"k=10..5", "LOW must be below HIGH"},
      {"k=1..10:0", "STEP"},
      {"k=1..10:-1", "STEP"},
      {"k=1s..10s:1m", "STEP"},
      {"k=0..1000000:1", "100000"},
      {"k=1e1..1e2", "numbers"},
  };
  for (const auto& c : cases) {
    std::string error;
    EXPECT_FALSE(parse_range_param(c.arg, &error)) << c.arg;
    EXPECT_NE(error.find(c.want), std::string::npos) << c.arg << " -> " << error;
  }
}

TEST(RangeParam, IntegerSettingsAreOptimisedAsIntegers) {
  const struct {
    const char* arg;
    std::vector<std::string> grid;
  } cases[] = {
      {"scenario.nodePools.worker.count=1..4", {"1", "2", "3", "4"}},        // STEP 1 by default
      {"scenario.nodePools.big.pool.count=2..8:3", {"2", "5", "8"}},
      {"shop.autoscaling.knative.dev/min-scale=0..2", {"0", "1", "2"}},
      {"config-defaults.container-concurrency=10..30:10", {"10", "20", "30"}},
  };
  for (const auto& c : cases) {
    std::string error;
    const auto r = parse_range_param(c.arg, &error);
    ASSERT_TRUE(r) << c.arg << ": " << error;
    EXPECT_TRUE(r->integer) << c.arg;
    EXPECT_EQ(as_grid(*r).values, c.grid) << c.arg;
  }
  // A continuous optimiser's 2.4 nodes is snapped to 2, never printed as "2.400".
  std::string error;
  const auto nodes = parse_range_param("scenario.nodePools.worker.count=1..4", &error);
  ASSERT_TRUE(nodes);
  EXPECT_EQ(nodes->format(nodes->snap(2.4)), "2");
  EXPECT_EQ(nodes->format(nodes->snap(3.6)), "4");
  // Not integer settings keep the continuous range.
  const auto target = parse_range_param("shop.autoscaling.knative.dev/target=1..4", &error);
  ASSERT_TRUE(target);
  EXPECT_FALSE(target->integer);
  EXPECT_FALSE(target->step);
  EXPECT_FALSE(integer_key("scenario.nodePools.worker.cpu"));
  EXPECT_FALSE(integer_key("config-autoscaler.target-burst-capacity"));
  // Fractions of an integer setting are refused.
  for (const char* bad : {"scenario.nodePools.worker.count=1..4:0.5", "scenario.nodePools.worker.count=1.5..4",
                          "scenario.nodePools.worker.count=1n..4n"}) {
    EXPECT_FALSE(parse_range_param(bad, &error)) << bad;
    EXPECT_NE(error.find("takes whole numbers"), std::string::npos) << bad << " -> " << error;
  }
}

TEST(CrossProduct, LastParameterVariesFastest) {
  const auto pts = cross_product({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  ASSERT_EQ(pts.size(), 6u);
  EXPECT_EQ(pts[0], (Point{{"a", "1"}, {"b", "x"}}));
  EXPECT_EQ(pts[1], (Point{{"a", "1"}, {"b", "y"}}));
  EXPECT_EQ(pts[3], (Point{{"a", "2"}, {"b", "x"}}));
  EXPECT_EQ(pts[5], (Point{{"a", "2"}, {"b", "z"}}));
  EXPECT_EQ(pts[4][1].to_set(), "b=y");
  EXPECT_TRUE(cross_product({}).empty());
}

}  // namespace
}  // namespace knsim::plan
