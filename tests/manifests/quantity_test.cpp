#include "manifests/quantity.hpp"

#include <gtest/gtest.h>

namespace knsim::manifests {
namespace {

struct QuantityCase {
  const char* text;
  bool ok;
  double value;
};

TEST(Quantity, ParsesKubernetesForms) {
  const QuantityCase cases[] = {
      {"500m", true, 0.5},       {"8", true, 8},          {"1.5", true, 1.5},
      {"32Gi", true, 34359738368.0}, {"1k", true, 1000}, {"2M", true, 2e6},
      {"1e3", true, 1000},       {"2E-2", true, 0.02},    {"1E", true, 1e18},
      {"100Mi", true, 104857600}, {"-1", true, -1},      {"", false, 0},
      {"abc", false, 0},         {"1Q", false, 0},        {"1.2.3", false, 0},
      {"1e99999", false, 0},     {"Gi", false, 0},        {"1 Gi", false, 0},
  };
  for (const auto& c : cases) {
    const auto v = parse_quantity(c.text);
    EXPECT_EQ(v.has_value(), c.ok) << c.text;
    if (c.ok && v) {
      EXPECT_DOUBLE_EQ(*v, c.value) << c.text;
    }
  }
}

TEST(Quantity, ParsesByteSizes) {
  EXPECT_EQ(parse_bytes("50MiB"), 52428800u);
  EXPECT_EQ(parse_bytes("1Gi"), 1073741824u);
  EXPECT_EQ(parse_bytes("2GB"), 2000000000u);
  EXPECT_EQ(parse_bytes("100"), 100u);
  std::string why;
  EXPECT_FALSE(parse_bytes("-5Mi", &why));
  EXPECT_EQ(why, "must not be negative");
  EXPECT_FALSE(parse_bytes("100EiB", &why));
  EXPECT_EQ(why, "quantity out of range");
}

}  // namespace
}  // namespace knsim::manifests
