// Inputs found by the libFuzzer harnesses of fuzz/ (scripts/fuzz.sh) that crashed a core parser or
// formatter, each kept with the answer it must give now.
#include <gtest/gtest.h>

#include "core/eventing/iso8601_duration.hpp"
#include "core/time/time.hpp"

namespace knsim::core {
namespace {

// fuzz_iso8601: 4.4e19 hours parsed, then formatting converted them to long long (undefined
// behaviour, UBSan abort). Huge durations now format as plain seconds and round-trip.
TEST(FuzzRegressions, Iso8601HugeDurationFormatsAsSeconds) {
  const auto r = eventing::parse_iso8601_duration("PT44444444444444444445H000006M66S");
  ASSERT_TRUE(r.seconds.has_value()) << r.error;
  const std::string text = eventing::format_iso8601_duration(*r.seconds);
  EXPECT_EQ(text.rfind("PT16", 0), 0u) << text;  // 1.6e23 s as plain digits
  EXPECT_EQ(text.size(), 2u + 24u + 1u) << text;
  EXPECT_EQ(text.back(), 'S') << text;
  const auto back = eventing::parse_iso8601_duration(text);
  ASSERT_TRUE(back.seconds.has_value()) << back.error << " for " << text;
  EXPECT_NEAR(*back.seconds / *r.seconds, 1.0, 1e-12);  // the parser sums digits in double
  const std::string huge = eventing::format_iso8601_duration(-1e300);
  EXPECT_EQ(huge.rfind("-PT1000", 0), 0u) << huge;
  EXPECT_EQ(huge.size(), 3u + 301u + 1u) << huge;
  EXPECT_EQ(eventing::format_iso8601_duration(150), "PT2M30S");  // ordinary values unchanged
}

// Go durations beyond int64 nanoseconds are invalid (as time.ParseDuration says), not wrapped.
TEST(FuzzRegressions, GoDurationBeyondInt64NanosecondsIsInvalid) {
  EXPECT_FALSE(parse_duration("9999999999999999h").has_value());
  EXPECT_FALSE(parse_duration("2562048h").has_value());         // 2562048 h > 2^63 ns (2562047.8 h)
  ASSERT_TRUE(parse_duration("2562047h").has_value());          // just inside
  EXPECT_DOUBLE_EQ(*parse_duration("2562047h"), 2562047.0 * 3600);
}

}  // namespace
}  // namespace knsim::core
