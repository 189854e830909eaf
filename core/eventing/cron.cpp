#include "core/eventing/cron.hpp"

#include <array>
#include <charconv>
#include <utility>
#include <vector>

#include "core/eventing/civil_time.hpp"
#include "core/time/time.hpp"

namespace knsim::core::eventing {
namespace {

constexpr std::uint64_t kStarBit = 1ULL << 63;

struct Bounds {
  unsigned min, max;
  const std::array<std::string_view, 12>* names;  // names[i] -> min + i; may be null
};
constexpr std::array<std::string_view, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kDowNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", "", "", "", "", ""};
constexpr Bounds kSeconds{0, 59, nullptr}, kMinutes{0, 59, nullptr}, kHours{0, 23, nullptr};
constexpr Bounds kDom{1, 31, nullptr}, kMonthsB{1, 12, &kMonthNames}, kDowB{0, 6, &kDowNames};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string> fields_of(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool parse_uint(const std::string& s, unsigned& out, std::string& err) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) {
    err = "failed to parse int from " + s + ": strconv.Atoi: parsing \"" + s + "\": invalid syntax";
    return false;
  }
  if (v < 0) {
    err = "negative number (" + std::to_string(v) + ") not allowed: " + s;
    return false;
  }
  out = static_cast<unsigned>(v);
  return true;
}

bool parse_int_or_name(const std::string& s, const Bounds& b, unsigned& out, std::string& err) {
  if (b.names != nullptr) {
    std::string l = lower(s);
    for (std::size_t i = 0; i < b.names->size(); ++i) {
      if (!(*b.names)[i].empty() && (*b.names)[i] == l) {
        out = b.min + static_cast<unsigned>(i);
        return true;
      }
    }
  }
  return parse_uint(s, out, err);
}

// robfig getRange: one comma-separated term.
bool get_range(const std::string& expr, const Bounds& b, std::uint64_t& bits, std::string& err) {
  std::vector<std::string> range_and_step = split(expr, '/');
  std::vector<std::string> low_high = split(range_and_step[0], '-');
  bool single = low_high.size() == 1;
  unsigned start = 0, end = 0, step = 1;
  std::uint64_t extra = 0;
  if (low_high[0] == "*" || low_high[0] == "?") {
    start = b.min, end = b.max, extra = kStarBit;
  } else {
    if (!parse_int_or_name(low_high[0], b, start, err)) return false;
    if (low_high.size() == 1) end = start;
    else if (low_high.size() == 2) { if (!parse_int_or_name(low_high[1], b, end, err)) return false; }
    else return err = "too many hyphens: " + expr, false;
  }
  if (range_and_step.size() == 2) {
    if (!parse_uint(range_and_step[1], step, err)) return false;
    if (single) end = b.max;  // "N/step" means "N-max/step"
    if (step > 1) extra = 0;
  } else if (range_and_step.size() > 2) {
    return err = "too many slashes: " + expr, false;
  }
  if (start < b.min) return err = "beginning of range (" + std::to_string(start) + ") below minimum (" + std::to_string(b.min) + "): " + expr, false;
  if (end > b.max) return err = "end of range (" + std::to_string(end) + ") above maximum (" + std::to_string(b.max) + "): " + expr, false;
  if (start > end) return err = "beginning of range (" + std::to_string(start) + ") beyond end of range (" + std::to_string(end) + "): " + expr, false;
  if (step == 0) return err = "step of range should be a positive number: " + expr, false;
  for (unsigned v = start; v <= end; v += step) bits |= 1ULL << v;
  bits |= extra;
  return true;
}

bool get_field(const std::string& field, const Bounds& b, std::uint64_t& bits, std::string& err) {
  bits = 0;
  for (const std::string& term : split(field, ',')) {
    if (!get_range(term, b, bits, err)) return false;
  }
  return true;
}

std::uint64_t all_bits(const Bounds& b) {
  std::uint64_t bits = 0;
  for (unsigned v = b.min; v <= b.max; ++v) bits |= 1ULL << v;
  return bits | kStarBit;
}

CronParseResult descriptor(const std::string& spec, CronSchedule s) {
  std::string d = spec;
  s.second = 1ULL << 0;
  s.minute = 1ULL << 0;
  s.hour = 1ULL << 0;
  s.dom = all_bits(kDom);
  s.month = all_bits(kMonthsB);
  s.dow = all_bits(kDowB);
  if (d == "@yearly" || d == "@annually") s.dom = 1ULL << 1, s.month = 1ULL << 1;
  else if (d == "@monthly") s.dom = 1ULL << 1;
  else if (d == "@weekly") s.dow = 1ULL << 0;
  else if (d == "@daily" || d == "@midnight") {}
  else if (d == "@hourly") s.hour = all_bits(kHours);
  else if (d.rfind("@every ", 0) == 0) {
    std::optional<Seconds> dur = parse_duration(d.substr(7));
    if (!dur) return {std::nullopt, "failed to parse duration " + d + ": time: invalid duration \"" + d.substr(7) + "\""};
    std::int64_t whole = static_cast<std::int64_t>(*dur);
    s.every = whole < 1 ? 1 : whole;  // ConstantDelaySchedule: at least 1 s, whole seconds
  } else {
    return {std::nullopt, "unrecognized descriptor: " + d};
  }
  return {s, ""};
}

}  // namespace

CronParseResult parse_cron(std::string_view text, bool second_optional) {
  std::string spec(text);
  while (!spec.empty() && spec.front() == ' ') spec.erase(spec.begin());
  if (spec.empty()) return {std::nullopt, "empty spec string"};
  CronSchedule s;
  if (spec.rfind("TZ=", 0) == 0 || spec.rfind("CRON_TZ=", 0) == 0) {
    std::size_t eq = spec.find('=');
    std::size_t sp = spec.find(' ');
    if (sp == std::string::npos) return {std::nullopt, "provided bad location " + spec.substr(eq + 1) + ": missing schedule"};
    std::string zone = spec.substr(eq + 1, sp - eq - 1);
    std::optional<TimeZone> tz = find_time_zone(zone);
    if (!tz) return {std::nullopt, "provided bad location " + zone + ": unknown time zone " + zone};
    s.zone = *tz;
    spec = spec.substr(sp + 1);
    while (!spec.empty() && spec.front() == ' ') spec.erase(spec.begin());
  }
  if (!spec.empty() && spec.front() == '@') return descriptor(spec, s);
  std::vector<std::string> f = fields_of(spec);
  std::string joined = "[";
  for (std::size_t i = 0; i < f.size(); ++i) joined += (i ? " " : "") + f[i];
  joined += "]";
  if (second_optional) {
    if (f.size() < 5 || f.size() > 6) return {std::nullopt, "expected 5 to 6 fields, found " + std::to_string(f.size()) + ": " + joined};
    if (f.size() == 5) f.insert(f.begin(), "0");
  } else {
    if (f.size() != 5) return {std::nullopt, "expected exactly 5 fields, found " + std::to_string(f.size()) + ": " + joined};
    f.insert(f.begin(), "0");
  }
  std::string err;
  if (!get_field(f[0], kSeconds, s.second, err) || !get_field(f[1], kMinutes, s.minute, err) ||
      !get_field(f[2], kHours, s.hour, err) || !get_field(f[3], kDom, s.dom, err) ||
      !get_field(f[4], kMonthsB, s.month, err) || !get_field(f[5], kDowB, s.dow, err)) {
    return {std::nullopt, err};
  }
  return {s, ""};
}

// robfig/cron v3 SpecSchedule.Next, step for step, in absolute time with local-time fields: the
// first mismatching field zeroes the lower ones ("added"), then the field is advanced until it
// matches, wrapping to the outer loop when it rolls over.
std::optional<std::int64_t> CronSchedule::next(double unix_after) const {
  auto base = static_cast<std::int64_t>(unix_after >= 0 ? unix_after : unix_after - 1);
  if (every) return base + *every;
  std::int64_t t = base + 1;
  auto has = [](std::uint64_t bits, int v) { return (bits & (1ULL << v)) != 0; };
  auto day_matches = [&](const CivilTime& c) {
    bool dm = has(dom, c.day);
    bool wm = has(dow, weekday_from_days(days_from_civil(c.year, c.month, c.day)));
    if ((dom & kStarBit) || (dow & kStarBit)) return dm && wm;
    return dm || wm;
  };
  bool added = false;
  const int year_limit = zone.to_local(t).year + 5;
  for (int guard = 0; guard < 200000; ++guard) {  // each pass is one "goto WRAP"
    CivilTime c = zone.to_local(t);
    if (c.year > year_limit) return std::nullopt;
    bool wrapped = false;
    while (!wrapped && !has(month, c.month)) {
      if (!added) added = true, t = zone.from_local({c.year, c.month, 1, 0, 0, 0});
      c = zone.to_local(t);
      t = zone.from_local({c.year, c.month + 1, c.day, c.hour, c.minute, c.second});  // AddDate(0, 1, 0)
      c = zone.to_local(t);
      wrapped = c.month == 1;
    }
    while (!wrapped && !day_matches(c)) {
      if (!added) added = true, t = zone.from_local({c.year, c.month, c.day, 0, 0, 0});
      c = zone.to_local(t);
      t = zone.from_local({c.year, c.month, c.day + 1, c.hour, c.minute, c.second});  // AddDate(0, 0, 1)
      c = zone.to_local(t);
      if (c.hour != 0) t += (c.hour > 12 ? 24 - c.hour : -c.hour) * 3600LL;  // DST: back to midnight
      c = zone.to_local(t);
      wrapped = c.day == 1;
    }
    while (!wrapped && !has(hour, c.hour)) {
      if (!added) added = true, t = zone.from_local({c.year, c.month, c.day, c.hour, 0, 0});
      t += 3600;
      c = zone.to_local(t);
      wrapped = c.hour == 0;
    }
    while (!wrapped && !has(minute, c.minute)) {
      if (!added) added = true, t -= t % 60;
      t += 60;
      c = zone.to_local(t);
      wrapped = c.minute == 0;
    }
    while (!wrapped && !has(second, c.second)) {
      added = true;  // Truncate(time.Second): t is already whole seconds
      t += 1;
      c = zone.to_local(t);
      wrapped = c.second == 0;
    }
    if (!wrapped) return t;
  }
  return std::nullopt;
}

}  // namespace knsim::core::eventing
