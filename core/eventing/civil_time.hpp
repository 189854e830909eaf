#pragma once
// Proleptic Gregorian calendar arithmetic on Unix seconds, for the parts of eventing that deal in
// wall-clock dates: cron schedules (PingSource), RFC 3339 timestamps (`time`, `knativearrivaltime`)
// and HTTP-dates in Retry-After. Pure integer arithmetic, no clock and no time-zone database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace knsim::core::eventing {

struct CivilTime {
  int year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..31
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
};

// Days since 1970-01-01 of a civil date (negative before). Example: 2000-03-01 -> 11017.
std::int64_t days_from_civil(int year, int month, int day);
// Civil date and time of whole Unix seconds.
CivilTime civil_from_unix(std::int64_t unix_seconds);
std::int64_t unix_from_civil(const CivilTime& c);
// 0 = Sunday .. 6 = Saturday (Go's time.Weekday). 1970-01-01 was a Thursday (4).
int weekday_from_days(std::int64_t days);
int days_in_month(int year, int month);

// RFC 3339 in UTC with nanoseconds trimmed like Go's time.RFC3339Nano: 1.5 -> "1970-01-01T00:00:01.5Z".
std::string format_rfc3339(double unix_seconds);
// Parses an HTTP-date (RFC 1123 "Mon, 02 Jan 2006 15:04:05 GMT", RFC 850
// "Monday, 02-Jan-06 15:04:05 GMT" or asctime "Mon Jan  2 15:04:05 2006") as Go's http.ParseTime.
std::optional<std::int64_t> parse_http_date(std::string_view text);
// Formats Unix seconds as an RFC 850 HTTP-date (what Knative's Retry-After test sends).
std::string format_http_date_rfc850(std::int64_t unix_seconds);

}  // namespace knsim::core::eventing
