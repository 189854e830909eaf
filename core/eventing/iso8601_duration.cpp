#include "core/eventing/iso8601_duration.hpp"

#include <cmath>
#include <cstdio>

namespace knsim::core::eventing {
namespace {

constexpr double kDay = 86400.0;
// rickb777/date/period DurationApprox constants (daysPerYearE4 = 3652425, daysPerMonthE4 = 304369).
constexpr double kYear = 365.2425 * kDay;
constexpr double kMonth = 30.4369 * kDay;

Iso8601Result fail(const std::string& msg) { return {std::nullopt, msg}; }

// Reads a decimal number ("12", "0.5", "1,5") at pos; returns nullopt if no digit is there.
std::optional<double> read_number(std::string_view s, std::size_t& pos) {
  std::size_t start = pos;
  double value = 0;
  bool any = false;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') value = value * 10 + (s[pos++] - '0'), any = true;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    double scale = 0.1;
    bool frac = false;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') value += scale * (s[pos++] - '0'), scale /= 10, frac = true;
    if (!frac) {
      pos = start;
      return std::nullopt;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  return value;
}

}  // namespace

Iso8601Result parse_iso8601_duration(std::string_view s) {
  std::string text(s);
  if (s.empty()) return fail("cannot parse a blank string as a period");
  std::size_t pos = 0;
  double sign = 1;
  if (s[0] == '-' || s[0] == '+') sign = s[0] == '-' ? -1 : 1, ++pos;
  if (pos >= s.size() || s[pos] != 'P') return fail(text + ": expected 'P' period mark at the start");
  ++pos;
  if (pos >= s.size()) return fail(text + ": expected 'Y', 'M', 'W', 'D', 'H', 'M', or 'S' designator");
  bool in_time = false;
  bool any_component = false;
  double total = 0;
  const std::string date_order = "YMWD";
  const std::string time_order = "HMS";
  std::size_t last_date = 0, last_time = 0;  // next allowed index in the order strings
  while (pos < s.size()) {
    if (s[pos] == 'T') {
      if (in_time) return fail(text + ": 'T' designator cannot occur more than once");
      in_time = true;
      ++pos;
      if (pos >= s.size()) return fail(text + ": expected a number but found end of string after 'T'");
      continue;
    }
    std::optional<double> n = read_number(s, pos);
    if (!n) return fail(text + ": expected a number but found '" + std::string(1, s[pos]) + "'");
    if (pos >= s.size()) return fail(text + ": missing designator at the end");
    char d = s[pos++];
    const std::string& order = in_time ? time_order : date_order;
    std::size_t& next = in_time ? last_time : last_date;
    std::size_t idx = order.find(d);
    if (idx == std::string::npos || idx < next) {
      return fail(text + ": expected a designator in order " + order + " but found '" + std::string(1, d) + "'");
    }
    next = idx + 1;
    any_component = true;
    if (!in_time) {
      static constexpr double kDateUnits[] = {kYear, kMonth, 7 * kDay, kDay};
      total += *n * kDateUnits[idx];
    } else {
      static constexpr double kTimeUnits[] = {3600.0, 60.0, 1.0};
      total += *n * kTimeUnits[idx];
    }
  }
  if (!any_component) return fail(text + ": expected 'Y', 'M', 'W', 'D', 'H', 'M', or 'S' designator");
  return {sign * total, ""};
}

std::string format_iso8601_duration(Seconds s) {
  std::string out = s < 0 ? "-PT" : "PT";
  double a = std::fabs(s);
  char buf[64];
  // Beyond 2^53 s hours and minutes would not be exact, and past 2^63 h the conversion to integers
  // is undefined behaviour (found by fuzz/fuzz_iso8601: "PT44444444444444444445H"): plain seconds.
  if (!(a < 9007199254740992.0)) {
    if (!std::isfinite(a)) return out + "0S";  // not a duration; never produced by the parser
    char digits[400];                          // %.0f of DBL_MAX is 309 digits
    std::snprintf(digits, sizeof digits, "%.0f", a);
    return out + digits + "S";
  }
  long long hours = static_cast<long long>(a / 3600);
  a -= static_cast<double>(hours) * 3600;
  long long minutes = static_cast<long long>(a / 60);
  a -= static_cast<double>(minutes) * 60;
  if (hours > 0) out += std::to_string(hours) + "H";
  if (minutes > 0) out += std::to_string(minutes) + "M";
  if (a > 1e-12 || (hours == 0 && minutes == 0)) {
    std::snprintf(buf, sizeof buf, "%.9g", std::round(a * 1e9) / 1e9);
    out += std::string(buf) + "S";
  }
  return out;
}

}  // namespace knsim::core::eventing
