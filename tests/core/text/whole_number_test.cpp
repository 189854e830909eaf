// core/text/whole_number.hpp: the shortcut writes what std::to_chars(fixed, 1) writes, for every
// whole number it takes, and takes nothing else.
#include "core/text/whole_number.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <string>

namespace {

TEST(WholeNumber, WritesWhatFixedOneDecimalWritesAndOnlyForWholeNumbersBelow1e15) {
  const double values[] = {0.0, -0.0, 1.0, -1.0, 120.0, -201.0, 1e14, 999999999999999.0, -999999999999999.0,
                           1e15, -1e15, 1e16, 0.5, -0.5, 1e-300, 123.456, std::nan(""), HUGE_VAL, -HUGE_VAL};
  for (const double v : values) {
    std::string out = "x";
    const bool whole = v == std::floor(v) && std::fabs(v) < 1e15;
    EXPECT_EQ(knsim::core::text::append_whole_number(out, v), whole) << v;
    if (!whole) {
      EXPECT_EQ(out, "x") << v;
      continue;
    }
    char buf[64];
    EXPECT_EQ(out, "x" + std::string(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1).ptr)) << v;
  }
}

}  // namespace
