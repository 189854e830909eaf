#include <gtest/gtest.h>

#include "core/random/rng.hpp"
#include "core/time/time.hpp"

using knsim::core::parse_duration;

TEST(ParseDuration, GoSpellings) {
  struct Case {
    const char* text;
    double seconds;
  };
  const Case cases[] = {{"60s", 60}, {"1m", 60}, {"1h30m", 5400}, {"500ms", 0.5}, {"1.5s", 1.5},
                        {"0", 0},    {"2us", 2e-6}, {"10ns", 1e-8}, {"1m30s", 90}, {"-2s", -2}};
  for (const auto& c : cases) {
    auto got = parse_duration(c.text);
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_NEAR(*got, c.seconds, 1e-12) << c.text;
  }
}

TEST(ParseDuration, RejectsMalformed) {
  for (const char* bad : {"", "60", "s", "1x", "1.s5", "abc", "--1s", "1 s"}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

TEST(FormatDuration, GoStyle) {
  EXPECT_EQ(knsim::core::format_duration(60), "1m0s");
  EXPECT_EQ(knsim::core::format_duration(0.5), "500ms");
  EXPECT_EQ(knsim::core::format_duration(3600), "1h0m0s");
  EXPECT_EQ(knsim::core::format_duration(0), "0s");
}

TEST(Rng, SameSeedSameStreamAndComponentsIndependent) {
  auto a = knsim::core::Rng::derive(42, "workload/web");
  auto b = knsim::core::Rng::derive(42, "workload/web");
  auto c = knsim::core::Rng::derive(42, "workload/other");
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, c.next_u64());
  }
}

TEST(Rng, ExponentialMeanAndBelowRange) {
  knsim::core::Rng r(7);
  double sum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) sum += r.exponential(2.0);
  EXPECT_NEAR(sum / n, 2.0, 0.03);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(r.below(7), 7u);
}
