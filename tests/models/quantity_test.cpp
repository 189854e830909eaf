#include "models/quantity.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace knsim::models {
namespace {

TEST(Quantity, ParsesKubernetesForms) {
  struct Case {
    const char* text;
    double value;
  };
  const Case cases[] = {
      {"500m", 0.5},          {"2", 2},
      {"32Gi", 34359738368.0}, {"50MiB", 52428800},
      {"1e3", 1000},          {"100M", 1e8},
      {"1.5", 1.5},           {"250k", 250000},
      {"1Ki", 1024},          {"2E", 2e18},
      {"2.5e-3", 0.0025},     {"10MB", 1e7},
      {"0", 0},               {"-1", -1},
      {"100u", 1e-4},         {"3n", 3e-9},
  };
  for (const Case& c : cases) {
    const auto v = parse_quantity(c.text);
    ASSERT_TRUE(v.has_value()) << c.text;
    EXPECT_NEAR(*v, c.value, std::fabs(c.value) * 1e-12) << c.text;
  }
}

TEST(Quantity, RejectsMalformed) {
  for (const char* bad : {"", "abc", "Gi", "1Gx", "1..2", "1 Gi x", "e3", "1e", "--1"}) {
    EXPECT_FALSE(parse_quantity(bad).has_value()) << bad;
  }
}

TEST(Quantity, ByteRates) {
  EXPECT_DOUBLE_EQ(*parse_byte_rate("100MiB/s"), 104857600.0);
  EXPECT_DOUBLE_EQ(*parse_byte_rate("1G/s"), 1e9);
  EXPECT_FALSE(parse_byte_rate("100MiB").has_value());
  EXPECT_FALSE(parse_byte_rate("/s").has_value());
  EXPECT_FALSE(parse_byte_rate("fast/s").has_value());
}

}  // namespace
}  // namespace knsim::models
