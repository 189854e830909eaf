#pragma once
// Cron schedules as PingSource runs them: robfig/cron v3.0.1 with the parser options
// SecondOptional | Minute | Hour | Dom | Month | Dow | Descriptor (pkg/adapter/mtping/runner.go,
// pkg/apis/sources/v1/ping_validation.go).
//
// Syntax: "[sec] min hour dom month dow" (5 fields, or 6 with a leading seconds field; a 5-field
// spec fires at second 0). Each field: "*" or "?", a value, a range "a-b", a step "*/n", "a-b/n" or
// "a/n" (= a-max/n), comma lists; months JAN-DEC and weekdays SUN-SAT by name (any case); dow 0-6.
// Day matching: if dom or dow is "*" (or "?", step 1) both must match, otherwise either.
// Descriptors: @yearly/@annually, @monthly, @weekly, @daily/@midnight, @hourly, @every <Go duration>.
// Time zone prefix "CRON_TZ=<zone> " or "TZ=<zone> ".
//
// Time zones: see time_zone.hpp (UTC, Etc/GMT±N, fixed-offset IANA zones, and US/EU/AU zones with
// their current DST rule). Across DST changes the search behaves like robfig's: a time in the
// spring-forward gap is skipped that day; a time in the repeated fall-back hour fires twice.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/eventing/time_zone.hpp"

namespace knsim::core::eventing {

struct CronSchedule {
  // Bit sets of allowed values; bit 63 marks a "*" field (robfig's starBit).
  std::uint64_t second = 0, minute = 0, hour = 0, dom = 0, month = 0, dow = 0;
  TimeZone zone;                        // CRON_TZ / TZ, default UTC
  std::optional<std::int64_t> every;    // @every: constant delay in whole seconds (>= 1)

  // The first activation strictly after `unix_after` (Unix seconds), as robfig's SpecSchedule.Next:
  // whole seconds, searched up to 5 years ahead; nullopt when none (e.g. "0 0 30 2 *").
  // Example: "*/15 * * * *" after 12:07:30 -> 12:15:00.
  std::optional<std::int64_t> next(double unix_after) const;
};

struct CronParseResult {
  std::optional<CronSchedule> schedule;
  std::string error;  // robfig's wording, e.g. "expected 5 to 6 fields, found 4: [* * * *]"
};

// second_optional: PingSource's parser (5 or 6 fields). false: the standard 5-field parser.
CronParseResult parse_cron(std::string_view spec, bool second_optional = true);

}  // namespace knsim::core::eventing
