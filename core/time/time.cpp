#include "core/time/time.hpp"

#include <cstdio>

namespace knsim::core {
namespace {

// Unit suffix -> seconds. Longest suffixes are tried first where they share a prefix ("ms" vs "m").
struct Unit {
  std::string_view name;
  double seconds;
};
constexpr Unit kUnits[] = {{"ns", 1e-9}, {"us", 1e-6}, {"\xC2\xB5s", 1e-6}, {"\xCE\xBCs", 1e-6},
                           {"ms", 1e-3}, {"s", 1.0},   {"m", 60.0},         {"h", 3600.0}};
constexpr double kMaxGoDurationSeconds = 9223372036.854775807;  // (2^63 - 1) ns

}  // namespace

std::optional<Seconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double sign = 1.0;
  if (text.front() == '-' || text.front() == '+') {
    if (text.front() == '-') sign = -1.0;
    text.remove_prefix(1);
  }
  if (text == "0") return 0.0;
  if (text.empty()) return std::nullopt;
  double total = 0.0;
  while (!text.empty()) {
    // number: digits with an optional fraction
    size_t i = 0;
    bool digits = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') { ++i; digits = true; }
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') { ++i; digits = true; }
    }
    if (!digits) return std::nullopt;
    const double value = std::strtod(std::string(text.substr(0, i)).c_str(), nullptr);
    text.remove_prefix(i);
    const Unit* unit = nullptr;
    for (const Unit& u : kUnits) {
      if (text.substr(0, u.name.size()) == u.name) {
        // "m" must not swallow the "m" of "ms"
        if (u.name == "m" && text.size() > 1 && text[1] == 's') continue;
        unit = &u;
        break;
      }
    }
    if (unit == nullptr) return std::nullopt;
    text.remove_prefix(unit->name.size());
    total += value * unit->seconds;
    // Go's time.ParseDuration: a duration is int64 nanoseconds, at most 2^63-1 ns (about 292 years);
    // a longer one is "invalid duration" (it printed as -9223372036854775808h when it wrapped).
    if (!(total <= kMaxGoDurationSeconds)) return std::nullopt;
  }
  return sign * total;
}

std::string format_duration(Seconds s) {
  char buf[64];
  if (s == 0) return "0s";
  const char* sign = s < 0 ? "-" : "";
  double a = std::fabs(s);
  if (a < 1.0) {
    std::snprintf(buf, sizeof buf, "%s%gms", sign, a * 1e3);
    return buf;
  }
  const auto hours = static_cast<long long>(a / 3600.0);
  a -= static_cast<double>(hours) * 3600.0;
  const auto minutes = static_cast<long long>(a / 60.0);
  a -= static_cast<double>(minutes) * 60.0;
  if (hours > 0) {
    std::snprintf(buf, sizeof buf, "%s%lldh%lldm%gs", sign, hours, minutes, a);
  } else if (minutes > 0) {
    std::snprintf(buf, sizeof buf, "%s%lldm%gs", sign, minutes, a);
  } else {
    std::snprintf(buf, sizeof buf, "%s%gs", sign, a);
  }
  return buf;
}

}  // namespace knsim::core
