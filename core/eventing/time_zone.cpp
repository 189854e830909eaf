#include "core/eventing/time_zone.hpp"

#include <charconv>
#include <utility>

namespace knsim::core::eventing {
namespace {

using Dst = TimeZone::Dst;

struct ZoneEntry {
  std::string_view name;
  int std_minutes;
  Dst dst;
};

constexpr ZoneEntry kZones[] = {
    // No daylight saving time.
    {"Asia/Tokyo", 540, Dst::kNone}, {"Asia/Seoul", 540, Dst::kNone}, {"Asia/Shanghai", 480, Dst::kNone},
    {"Asia/Hong_Kong", 480, Dst::kNone}, {"Asia/Singapore", 480, Dst::kNone}, {"Asia/Taipei", 480, Dst::kNone},
    {"Asia/Manila", 480, Dst::kNone}, {"Asia/Kolkata", 330, Dst::kNone}, {"Asia/Calcutta", 330, Dst::kNone},
    {"Asia/Dubai", 240, Dst::kNone}, {"Asia/Jakarta", 420, Dst::kNone}, {"Asia/Bangkok", 420, Dst::kNone},
    {"Asia/Ho_Chi_Minh", 420, Dst::kNone}, {"Asia/Karachi", 300, Dst::kNone}, {"Asia/Dhaka", 360, Dst::kNone},
    {"Asia/Kathmandu", 345, Dst::kNone}, {"Asia/Riyadh", 180, Dst::kNone}, {"Europe/Moscow", 180, Dst::kNone},
    {"Europe/Istanbul", 180, Dst::kNone}, {"Africa/Nairobi", 180, Dst::kNone},
    {"Africa/Johannesburg", 120, Dst::kNone}, {"Africa/Cairo", 120, Dst::kNone}, {"Africa/Lagos", 60, Dst::kNone},
    {"America/Phoenix", -420, Dst::kNone}, {"America/Sao_Paulo", -180, Dst::kNone},
    {"America/Argentina/Buenos_Aires", -180, Dst::kNone}, {"America/Bogota", -300, Dst::kNone},
    {"America/Lima", -300, Dst::kNone}, {"Pacific/Honolulu", -600, Dst::kNone},
    {"Australia/Brisbane", 600, Dst::kNone}, {"Australia/Perth", 480, Dst::kNone},
    // United States and Canada.
    {"America/New_York", -300, Dst::kUs}, {"America/Detroit", -300, Dst::kUs}, {"America/Toronto", -300, Dst::kUs},
    {"America/Chicago", -360, Dst::kUs}, {"America/Winnipeg", -360, Dst::kUs}, {"America/Denver", -420, Dst::kUs},
    {"America/Edmonton", -420, Dst::kUs}, {"America/Los_Angeles", -480, Dst::kUs},
    {"America/Vancouver", -480, Dst::kUs}, {"America/Anchorage", -540, Dst::kUs}, {"America/Halifax", -240, Dst::kUs},
    {"US/Eastern", -300, Dst::kUs}, {"US/Central", -360, Dst::kUs}, {"US/Mountain", -420, Dst::kUs},
    {"US/Pacific", -480, Dst::kUs},
    // Europe.
    {"Europe/London", 0, Dst::kEu}, {"Europe/Dublin", 0, Dst::kEu}, {"Europe/Lisbon", 0, Dst::kEu},
    {"Europe/Paris", 60, Dst::kEu}, {"Europe/Berlin", 60, Dst::kEu}, {"Europe/Madrid", 60, Dst::kEu},
    {"Europe/Rome", 60, Dst::kEu}, {"Europe/Amsterdam", 60, Dst::kEu}, {"Europe/Brussels", 60, Dst::kEu},
    {"Europe/Vienna", 60, Dst::kEu}, {"Europe/Zurich", 60, Dst::kEu}, {"Europe/Stockholm", 60, Dst::kEu},
    {"Europe/Oslo", 60, Dst::kEu}, {"Europe/Copenhagen", 60, Dst::kEu}, {"Europe/Warsaw", 60, Dst::kEu},
    {"Europe/Prague", 60, Dst::kEu}, {"Europe/Budapest", 60, Dst::kEu}, {"Europe/Athens", 120, Dst::kEu},
    {"Europe/Helsinki", 120, Dst::kEu}, {"Europe/Kyiv", 120, Dst::kEu}, {"Europe/Kiev", 120, Dst::kEu},
    {"Europe/Bucharest", 120, Dst::kEu}, {"CET", 60, Dst::kEu}, {"EET", 120, Dst::kEu},
    // South-east Australia.
    {"Australia/Sydney", 600, Dst::kAu}, {"Australia/Melbourne", 600, Dst::kAu},
    {"Australia/Canberra", 600, Dst::kAu}, {"Australia/Hobart", 600, Dst::kAu},
};

// Day of month of the n-th (1-based) Sunday of a month; n = 0 means the last one.
int sunday(int year, int month, int n) {
  if (n == 0) {
    int last = days_in_month(year, month);
    int wd = weekday_from_days(days_from_civil(year, month, last));
    return last - wd;
  }
  int wd = weekday_from_days(days_from_civil(year, month, 1));
  return 1 + (7 - wd) % 7 + 7 * (n - 1);
}

std::int64_t utc_of(int y, int mo, int d, int h, int offset) {
  return days_from_civil(y, mo, d) * 86400 + h * 3600 - offset;
}

}  // namespace

int TimeZone::offset_at(std::int64_t utc) const {
  if (dst == Dst::kNone) return std_offset;
  int y = civil_from_unix(utc + std_offset).year;
  bool in_dst = false;
  switch (dst) {
    case Dst::kUs:
      in_dst = utc >= utc_of(y, 3, sunday(y, 3, 2), 2, std_offset) &&
               utc < utc_of(y, 11, sunday(y, 11, 1), 2, std_offset + 3600);
      break;
    case Dst::kEu:
      in_dst = utc >= utc_of(y, 3, sunday(y, 3, 0), 1, 0) && utc < utc_of(y, 10, sunday(y, 10, 0), 1, 0);
      break;
    case Dst::kAu:
      in_dst = utc >= utc_of(y, 10, sunday(y, 10, 1), 2, std_offset) ||
               utc < utc_of(y, 4, sunday(y, 4, 1), 3, std_offset + 3600);
      break;
    case Dst::kNone:
      break;
  }
  return std_offset + (in_dst ? 3600 : 0);
}

std::int64_t TimeZone::from_local(CivilTime c) const {
  // Normalise the month like Go (day, hour, ... overflow is linear in days_from_civil).
  int m0 = c.month - 1;
  c.year += m0 >= 0 ? m0 / 12 : -((11 - m0) / 12);
  c.month = ((m0 % 12) + 12) % 12 + 1;
  std::int64_t local = days_from_civil(c.year, c.month, 1) * 86400 + (c.day - 1) * 86400LL + c.hour * 3600LL +
                       c.minute * 60LL + c.second;
  // time.Date: look the local seconds up as if UTC; if that offset does not hold at the resulting
  // instant, use the offset in effect there. Go skips the correction when the first offset is 0.
  int off = offset_at(local);
  if (off == 0) return local;
  std::int64_t utc = local - off;
  int there = offset_at(utc);
  return there == off ? utc : local - there;
}

std::optional<TimeZone> find_time_zone(std::string_view name) {
  TimeZone z;
  z.name = name.empty() ? "UTC" : std::string(name);
  if (name.empty() || name == "UTC" || name == "GMT" || name == "Etc/UTC" || name == "Etc/GMT" || name == "Local" ||
      name == "Etc/Universal" || name == "Etc/Zulu" || name == "Universal" || name == "Zulu") {
    return z;
  }
  if (name.rfind("Etc/GMT", 0) == 0 && name.size() > 8 && (name[7] == '+' || name[7] == '-')) {
    int n = 0;
    auto [p, ec] = std::from_chars(name.data() + 8, name.data() + name.size(), n);
    if (ec != std::errc() || p != name.data() + name.size() || n > 14) return std::nullopt;
    z.std_offset = (name[7] == '+' ? -n : n) * 3600;  // POSIX: Etc/GMT+5 is five hours BEHIND UTC
    return z;
  }
  for (const ZoneEntry& e : kZones) {
    if (e.name == name) {
      z.std_offset = e.std_minutes * 60;
      z.dst = e.dst;
      return z;
    }
  }
  return std::nullopt;
}

}  // namespace knsim::core::eventing
