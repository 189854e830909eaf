#pragma once
// A whole number as text with one decimal: its sign (-0 included), its integer digits and ".0".
// For a double v with v == floor(v) and |v| < 1e15 this is exactly what std::to_chars(fixed, 1)
// writes (the KPA's reasons) and what nlohmann's dump writes (events.jsonl: Grisu2's digits
// formatted with a decimal exponent of at most 15), at a tenth of their cost; both write every
// number of every reported decision and event.
//
// Example: 120.0 -> "120.0", -201.0 -> "-201.0", -0.0 -> "-0.0"; 0.5, 1e15, NaN -> not written.
#include <charconv>
#include <cmath>
#include <string>

namespace knsim::core::text {

// Appends v as above and returns true when v is whole and |v| < 1e15; otherwise appends nothing
// and returns false (the caller writes v its own way).
inline bool append_whole_number(std::string& out, double v) {
  if (!(v == std::floor(v) && std::fabs(v) < 1e15)) return false;  // NaN and infinities fail too
  char buf[24];
  char* p = buf;
  if (std::signbit(v)) *p++ = '-';
  p = std::to_chars(p, buf + sizeof buf, static_cast<long long>(std::fabs(v))).ptr;
  *p++ = '.';
  *p++ = '0';
  out.append(buf, p);
  return true;
}

}  // namespace knsim::core::text
