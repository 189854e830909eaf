// core/api/quantity: the one Kubernetes quantity parser (manifests, scenario sizes, ConfigMaps).
#include "core/api/quantity.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace knsim::core::api {
namespace {

TEST(Quantity, ParsesKubernetesForms) {
  struct Case {
    const char* text;
    double value;
  };
  const Case cases[] = {
      {"500m", 0.5},      {"8", 8},           {"1.5", 1.5},      {"32Gi", 34359738368.0},
      {"1k", 1000},       {"2M", 2e6},        {"1e3", 1000},     {"2E-2", 0.02},
      {"1E", 1e18},       {"2E", 2e18},       {"100Mi", 104857600}, {"128Mi", 134217728},
      {"1Gi", 1073741824}, {"1G", 1e9},       {"1.5k", 1500},    {"250u", 0.00025},
      {"-1", -1},         {"+2", 2},          {"0", 0},          {"1Ki", 1024},
      {"1Ei", 1152921504606846976.0},         {"2.5e-3", 0.0025}, {"3n", 3e-9},
      {"1.5Gi", 1610612736}, {".5", 0.5},     {"3.", 3},         {"0.3", 0.3},
  };
  for (const Case& c : cases) {
    const auto v = parse_quantity(c.text);
    ASSERT_TRUE(v.has_value()) << c.text;
    EXPECT_DOUBLE_EQ(*v, c.value) << c.text;
  }
  // Correctly rounded, like strtod: "0.3" is the double nearest 0.3, not 3 * 0.1.
  EXPECT_EQ(*parse_quantity("0.3"), 0.3);
}

TEST(Quantity, RejectsMalformedWithAReason) {
  struct Case {
    const char* text;
    const char* why;
  };
  const Case cases[] = {
      {"", "want a number"},     {"abc", "want a number"},  {"Gi", "want a number"},
      {"--1", "want a number"},  {"e3", "want a number"},   {"1x", "unknown suffix"},
      {"1Q", "unknown suffix"},  {"1..2", "unknown suffix"}, {"1.2.3", "unknown suffix"},
      {"1 Gi", "unknown suffix"}, {"1e", "unknown suffix"}, {"1Gx", "unknown suffix"},
      {"1e99999", "bad exponent"}, {"1e3.5", "bad exponent"}, {"1e+", "bad exponent"},
      {"1e400", "out of range"},
  };
  for (const Case& c : cases) {
    std::string why;
    EXPECT_FALSE(parse_quantity(c.text, &why).has_value()) << c.text;
    EXPECT_NE(why.find(c.why), std::string::npos) << c.text << ": " << why;
  }
}

TEST(Quantity, ParsesByteSizes) {
  EXPECT_EQ(parse_bytes("50MiB"), 52428800u);
  EXPECT_EQ(parse_bytes("1Gi"), 1073741824u);
  EXPECT_EQ(parse_bytes("2GB"), 2000000000u);
  EXPECT_EQ(parse_bytes("10MB"), 10000000u);
  EXPECT_EQ(parse_bytes("100"), 100u);
  EXPECT_EQ(parse_bytes("1.5"), 2u);  // rounded to whole bytes
  std::string why;
  EXPECT_FALSE(parse_bytes("-5Mi", &why));
  EXPECT_EQ(why, "must not be negative");
  EXPECT_FALSE(parse_bytes("100EiB", &why));
  EXPECT_EQ(why, "quantity out of range");
  EXPECT_FALSE(parse_bytes("B", &why));
  EXPECT_NE(why.find("want a number"), std::string::npos);
}

}  // namespace
}  // namespace knsim::core::api
