#include "core/eventing/civil_time.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace knsim::core::eventing {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                        "Thursday", "Friday", "Saturday"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Reads exactly `n` digits at `pos`.
std::optional<int> read_digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

std::optional<int> read_month(std::string_view s, std::size_t& pos) {
  if (pos + 3 > s.size()) return std::nullopt;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (s.substr(pos, 3) == kMonths[i]) {
      pos += 3;
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

bool expect(std::string_view s, std::size_t& pos, std::string_view lit) {
  if (s.substr(pos, lit.size()) != lit) return false;
  pos += lit.size();
  return true;
}

// "15:04:05"
bool read_clock(std::string_view s, std::size_t& pos, CivilTime& c) {
  auto h = read_digits(s, pos, 2);
  if (!h || !expect(s, pos, ":")) return false;
  auto m = read_digits(s, pos, 2);
  if (!m || !expect(s, pos, ":")) return false;
  auto sec = read_digits(s, pos, 2);
  if (!sec) return false;
  c.hour = *h;
  c.minute = *m;
  c.second = *sec;
  return c.hour < 24 && c.minute < 60 && c.second < 61;
}

bool valid_date(const CivilTime& c) {
  return c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= days_in_month(c.year, c.month);
}

}  // namespace

std::int64_t days_from_civil(int year, int month, int day) {
  // Shift the year to start in March so the leap day is the last day of the "year".
  std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  std::int64_t era = floor_div(y, 400);
  std::int64_t yoe = y - era * 400;                                     // [0, 399]
  std::int64_t mp = (month + 9) % 12;                                   // March = 0
  std::int64_t doy = (153 * mp + 2) / 5 + day - 1;                      // [0, 365]
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilTime civil_from_unix(std::int64_t unix_seconds) {
  std::int64_t days = floor_div(unix_seconds, 86400);
  std::int64_t secs = unix_seconds - days * 86400;
  std::int64_t z = days + 719468;
  std::int64_t era = floor_div(z, 146097);
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  CivilTime c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2 ? 1 : 0));
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>((secs % 3600) / 60);
  c.second = static_cast<int>(secs % 60);
  return c;
}

std::int64_t unix_from_civil(const CivilTime& c) {
  return days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
}

int weekday_from_days(std::int64_t days) { return static_cast<int>(((days % 7) + 7 + 4) % 7); }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

std::string format_rfc3339(double unix_seconds) {
  double whole = std::floor(unix_seconds);
  auto nanos = static_cast<long long>(std::llround((unix_seconds - whole) * 1e9));
  auto secs = static_cast<std::int64_t>(whole);
  if (nanos >= 1000000000LL) {
    nanos -= 1000000000LL;
    ++secs;
  }
  CivilTime c = civil_from_unix(secs);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute,
                c.second);
  std::string out = buf;
  if (nanos > 0) {
    char frac[32];
    std::snprintf(frac, sizeof frac, ".%09lld", nanos);
    std::string f = frac;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "Z";
}

std::optional<std::int64_t> parse_http_date(std::string_view s) {
  CivilTime c;
  std::size_t pos = 0;
  std::size_t comma = s.find(',');
  if (comma == 3) {  // RFC 1123: "Mon, 02 Jan 2006 15:04:05 GMT"
    pos = 5;
    auto d = read_digits(s, pos, 2);
    if (!d || !expect(s, pos, " ")) return std::nullopt;
    auto m = read_month(s, pos);
    if (!m || !expect(s, pos, " ")) return std::nullopt;
    auto y = read_digits(s, pos, 4);
    if (!y || !expect(s, pos, " ")) return std::nullopt;
    c.day = *d, c.month = *m, c.year = *y;
  } else if (comma != std::string_view::npos) {  // RFC 850: "Monday, 02-Jan-06 15:04:05 GMT"
    pos = comma + 2;
    auto d = read_digits(s, pos, 2);
    if (!d || !expect(s, pos, "-")) return std::nullopt;
    auto m = read_month(s, pos);
    if (!m || !expect(s, pos, "-")) return std::nullopt;
    auto y = read_digits(s, pos, 2);
    if (!y || !expect(s, pos, " ")) return std::nullopt;
    // Go's two-digit year rule: 69..99 -> 19xx, 00..68 -> 20xx.
    c.day = *d, c.month = *m, c.year = *y >= 69 ? 1900 + *y : 2000 + *y;
  } else {  // asctime: "Mon Jan  2 15:04:05 2006"
    pos = 4;
    auto m = read_month(s, pos);
    if (!m || !expect(s, pos, " ")) return std::nullopt;
    if (pos < s.size() && s[pos] == ' ') ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 2) return std::nullopt;
    c.day = std::stoi(std::string(s.substr(start, pos - start)));
    if (!expect(s, pos, " ") || !read_clock(s, pos, c) || !expect(s, pos, " ")) return std::nullopt;
    auto y = read_digits(s, pos, 4);
    if (!y || pos != s.size()) return std::nullopt;
    c.month = *m, c.year = *y;
    if (!valid_date(c)) return std::nullopt;
    return unix_from_civil(c);
  }
  if (!read_clock(s, pos, c) || !expect(s, pos, " GMT") || pos != s.size() || !valid_date(c)) return std::nullopt;
  return unix_from_civil(c);
}

std::string format_http_date_rfc850(std::int64_t unix_seconds) {
  CivilTime c = civil_from_unix(unix_seconds);
  int wd = weekday_from_days(floor_div(unix_seconds, 86400));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d-%s-%02d %02d:%02d:%02d GMT", std::string(kLongDays[wd]).c_str(), c.day,
                std::string(kMonths[c.month - 1]).c_str(), c.year % 100, c.hour, c.minute, c.second);
  return buf;
}

}  // namespace knsim::core::eventing
