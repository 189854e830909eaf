// Cron schedules (robfig/cron v3 semantics as PingSource configures it), table-driven: next fire
// times from explicit instants, and parse errors in robfig's wording.
#include <gtest/gtest.h>

#include "core/eventing/civil_time.hpp"
#include "core/eventing/cron.hpp"

namespace knsim::core::eventing {
namespace {

std::int64_t at(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) { return unix_from_civil({y, mo, d, h, mi, s}); }

TEST(Cron, NextFireTimes) {
  struct Row {
    const char* spec;
    std::int64_t after;
    std::int64_t want;
  };
  const Row rows[] = {
      {"*/15 * * * *", at(2026, 1, 1, 12, 7, 30), at(2026, 1, 1, 12, 15)},
      {"* * * * *", at(2026, 1, 1, 12, 7, 30), at(2026, 1, 1, 12, 8)},
      {"* * * * *", at(2026, 1, 1, 12, 8), at(2026, 1, 1, 12, 9)},  // strictly after
      {"0 9 * * MON-FRI", at(2026, 1, 2, 10), at(2026, 1, 5, 9)},   // Friday 10:00 -> Monday 09:00
      {"30 * * * * *", at(2026, 1, 1, 12), at(2026, 1, 1, 12, 0, 30)},
      {"*/10 * * * * *", at(2026, 1, 1, 12, 0, 55), at(2026, 1, 1, 12, 1, 0)},
      {"@hourly", at(2026, 1, 1, 12, 7), at(2026, 1, 1, 13)},
      {"@daily", at(2026, 1, 1, 12, 7), at(2026, 1, 2)},
      {"@midnight", at(2026, 1, 1), at(2026, 1, 2)},
      {"@weekly", at(2026, 1, 1), at(2026, 1, 4)},  // Sunday
      {"@monthly", at(2026, 1, 15), at(2026, 2, 1)},
      {"@yearly", at(2026, 1, 15), at(2027, 1, 1)},
      {"@annually", at(2026, 1, 1), at(2027, 1, 1)},
      {"0 0 1,15 * *", at(2026, 1, 2), at(2026, 1, 15)},
      {"0 0 31 * *", at(2026, 1, 31, 10), at(2026, 3, 31)},
      {"0 0 29 2 *", at(2026, 3, 1), at(2028, 2, 29)},
      {"0 0 13 * 5", at(2026, 1, 1), at(2026, 1, 2)},   // dom OR dow when neither is "*"
      {"0 0 13 * *", at(2026, 1, 1), at(2026, 1, 13)},
      {"0 0 * * 5", at(2026, 1, 3), at(2026, 1, 9)},
      {"0 12 * JAN,jul ?", at(2026, 2, 1), at(2026, 7, 1, 12)},
      {"5/20 * * * *", at(2026, 1, 1, 0, 6), at(2026, 1, 1, 0, 25)},
      {"0 22-23/1 * * sun", at(2026, 1, 1), at(2026, 1, 4, 22)},
      {"CRON_TZ=Asia/Tokyo 0 9 * * *", at(2026, 1, 1), at(2026, 1, 2)},  // 09:00 JST = 00:00 UTC
      {"TZ=Etc/GMT+5 0 0 * * *", at(2026, 1, 1), at(2026, 1, 1, 5)},     // UTC-5 midnight
      {"CRON_TZ=Asia/Kolkata 30 0 * * *", at(2026, 1, 1), at(2026, 1, 1, 19)},  // 00:30 IST = 19:00 UTC
      {"CRON_TZ=UTC 0 0 1 1 *", at(2026, 6, 1), at(2027, 1, 1)},
  };
  for (const Row& r : rows) {
    CronParseResult p = parse_cron(r.spec);
    ASSERT_TRUE(p.schedule.has_value()) << r.spec << ": " << p.error;
    std::optional<std::int64_t> got = p.schedule->next(static_cast<double>(r.after));
    ASSERT_TRUE(got.has_value()) << r.spec;
    EXPECT_EQ(format_rfc3339(static_cast<double>(*got)), format_rfc3339(static_cast<double>(r.want))) << r.spec;
  }
}

TEST(Cron, EveryAndImpossibleSchedules) {
  CronParseResult every = parse_cron("@every 90s");
  ASSERT_TRUE(every.schedule.has_value());
  EXPECT_EQ(every.schedule->next(100.5), 190);  // whole seconds: floor(t) + delay
  CronParseResult tiny = parse_cron("@every 10ms");
  ASSERT_TRUE(tiny.schedule.has_value());
  EXPECT_EQ(tiny.schedule->next(100.0), 101);  // at least one second
  CronParseResult never = parse_cron("0 0 30 2 *");
  ASSERT_TRUE(never.schedule.has_value());
  EXPECT_FALSE(never.schedule->next(static_cast<double>(at(2026, 1, 1))).has_value());
}

TEST(Cron, ParseErrors) {
  struct Row {
    const char* spec;
    bool second_optional;
    const char* error;
  };
  const Row rows[] = {
      {"* * * *", true, "expected 5 to 6 fields, found 4: [* * * *]"},
      {"0 * * * * *", false, "expected exactly 5 fields, found 6: [0 * * * * *]"},
      {"60 * * * *", true, "end of range (60) above maximum (59): 60"},
      {"* * * * 7", true, "end of range (7) above maximum (6): 7"},
      {"* * 0 * *", true, "beginning of range (0) below minimum (1): 0"},
      {"5-1 * * * *", true, "beginning of range (5) beyond end of range (1): 5-1"},
      {"*/0 * * * *", true, "step of range should be a positive number: */0"},
      {"1-2-3 * * * *", true, "too many hyphens: 1-2-3"},
      {"1/2/3 * * * *", true, "too many slashes: 1/2/3"},
      {"@fortnightly", true, "unrecognized descriptor: @fortnightly"},
      {"", true, "empty spec string"},
  };
  for (const Row& r : rows) {
    CronParseResult p = parse_cron(r.spec, r.second_optional);
    EXPECT_FALSE(p.schedule.has_value()) << r.spec;
    EXPECT_EQ(p.error, r.error) << r.spec;
  }
  CronParseResult words = parse_cron("a * * * *");
  EXPECT_NE(words.error.find("failed to parse int from a"), std::string::npos) << words.error;
  CronParseResult bad_zone = parse_cron("CRON_TZ=Mars/Olympus * * * * *");
  EXPECT_EQ(bad_zone.error, "provided bad location Mars/Olympus: unknown time zone Mars/Olympus");
}

TEST(Cron, SupportedZones) {
  auto offset = [](const char* name, std::int64_t utc) {
    std::optional<TimeZone> z = find_time_zone(name);
    return z ? std::optional<int>(z->offset_at(utc)) : std::nullopt;
  };
  std::int64_t winter = at(2026, 1, 15), summer = at(2026, 7, 15);
  EXPECT_EQ(offset("UTC", winter), 0);
  EXPECT_EQ(offset("Etc/GMT-3", winter), 3 * 3600);
  EXPECT_EQ(offset("Etc/GMT+10", winter), -10 * 3600);
  EXPECT_EQ(offset("Asia/Kathmandu", summer), 345 * 60);
  EXPECT_EQ(offset("America/New_York", winter), -5 * 3600);
  EXPECT_EQ(offset("America/New_York", summer), -4 * 3600);
  EXPECT_EQ(offset("Europe/Berlin", winter), 3600);
  EXPECT_EQ(offset("Europe/Berlin", summer), 7200);
  EXPECT_EQ(offset("Australia/Sydney", winter), 11 * 3600);  // southern summer
  EXPECT_EQ(offset("Australia/Sydney", summer), 10 * 3600);
  EXPECT_FALSE(offset("Mars/Olympus", winter).has_value());
  EXPECT_FALSE(offset("Etc/GMT+99", winter).has_value());
  // Transition instants: US 2026-03-08 07:00Z and 2026-11-01 06:00Z; EU 2026-03-29 and 10-25 01:00Z.
  EXPECT_EQ(offset("America/New_York", at(2026, 3, 8, 6, 59, 59)), -5 * 3600);
  EXPECT_EQ(offset("America/New_York", at(2026, 3, 8, 7)), -4 * 3600);
  EXPECT_EQ(offset("America/New_York", at(2026, 11, 1, 5, 59, 59)), -4 * 3600);
  EXPECT_EQ(offset("America/New_York", at(2026, 11, 1, 6)), -5 * 3600);
  EXPECT_EQ(offset("Europe/London", at(2026, 3, 29, 1)), 3600);
  EXPECT_EQ(offset("Europe/London", at(2026, 10, 25, 1)), 0);
  // time.Date in the spring-forward gap: Go reads 02:30 New York on 2026-03-08 with the EDT offset,
  // which gives 06:30Z (01:30 EST); outside the gap local times map one to one.
  const TimeZone ny = *find_time_zone("America/New_York");
  EXPECT_EQ(ny.from_local({2026, 3, 8, 2, 30, 0}), at(2026, 3, 8, 6, 30));
  EXPECT_EQ(ny.from_local({2026, 3, 8, 3, 30, 0}), at(2026, 3, 8, 7, 30));
  EXPECT_EQ(ny.from_local({2026, 13, 1, 0, 0, 0}), at(2027, 1, 1, 5));  // month 13 normalised
  EXPECT_EQ(ny.from_local({2026, 2, 31, 0, 0, 0}), at(2026, 3, 3, 5));  // Feb 31 -> Mar 3
}

TEST(Cron, DaylightSavingTransitions) {
  struct Row {
    const char* spec;
    std::int64_t after;
    std::int64_t want;
  };
  const Row rows[] = {
      // 02:30 does not exist in New York on 2026-03-08: that day is skipped (robfig behaviour).
      {"CRON_TZ=America/New_York 30 2 * * *", at(2026, 3, 8, 5), at(2026, 3, 9, 6, 30)},
      // 01:30 happens twice on 2026-11-01: 05:30Z (EDT) and 06:30Z (EST).
      {"CRON_TZ=America/New_York 30 1 * * *", at(2026, 11, 1, 5), at(2026, 11, 1, 5, 30)},
      {"CRON_TZ=America/New_York 30 1 * * *", at(2026, 11, 1, 5, 30), at(2026, 11, 1, 6, 30)},
      {"CRON_TZ=America/New_York 0 9 * * *", at(2026, 1, 15), at(2026, 1, 15, 14)},
      {"CRON_TZ=America/New_York 0 9 * * *", at(2026, 7, 15), at(2026, 7, 15, 13)},
      {"CRON_TZ=Europe/Berlin 0 9 * * *", at(2026, 7, 15), at(2026, 7, 15, 7)},
      {"CRON_TZ=Europe/Berlin 0 9 * * *", at(2026, 12, 15), at(2026, 12, 15, 8)},
      {"CRON_TZ=Europe/London 0 0 * * *", at(2026, 3, 28, 12), at(2026, 3, 29)},  // midnight before the change
      {"CRON_TZ=Europe/London 0 0 * * *", at(2026, 3, 29, 12), at(2026, 3, 29, 23)},  // BST midnight
      {"CRON_TZ=Australia/Sydney 0 0 1 1 *", at(2026, 6, 1), at(2026, 12, 31, 13)},  // AEDT new year
      {"CRON_TZ=America/Los_Angeles 0 * * * *", at(2026, 3, 8, 9, 30), at(2026, 3, 8, 10)},  // 01:00 PST -> 03:00 PDT
  };
  for (const Row& r : rows) {
    CronParseResult p = parse_cron(r.spec);
    ASSERT_TRUE(p.schedule.has_value()) << r.spec << ": " << p.error;
    std::optional<std::int64_t> got = p.schedule->next(static_cast<double>(r.after));
    ASSERT_TRUE(got.has_value()) << r.spec;
    EXPECT_EQ(format_rfc3339(static_cast<double>(*got)), format_rfc3339(static_cast<double>(r.want)))
        << r.spec << " after " << format_rfc3339(static_cast<double>(r.after));
  }
}

}  // namespace
}  // namespace knsim::core::eventing
