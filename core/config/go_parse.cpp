#include "core/config/go_parse.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace knsim::core::config {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Decimal float syntax: digits [. digits] [e [sign] digits], at least one mantissa digit.
bool valid_decimal(std::string_view s) {
  std::size_t i = 0;
  bool mantissa = false;
  while (i < s.size() && is_digit(s[i])) { ++i; mantissa = true; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) { ++i; mantissa = true; }
  }
  if (!mantissa) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool exp = false;
    while (i < s.size() && is_digit(s[i])) { ++i; exp = true; }
    if (!exp) return false;
  }
  return i == s.size();
}

// Hex float syntax: 0x hexdigits [. hexdigits] p [sign] digits (Go requires the p exponent).
bool valid_hex(std::string_view s) {
  if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
  std::size_t i = 2;
  bool mantissa = false;
  while (i < s.size() && is_hex_digit(s[i])) { ++i; mantissa = true; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_hex_digit(s[i])) { ++i; mantissa = true; }
  }
  if (!mantissa || i >= s.size() || (s[i] != 'p' && s[i] != 'P')) return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  bool exp = false;
  while (i < s.size() && is_digit(s[i])) { ++i; exp = true; }
  return exp && i == s.size();
}

}  // namespace

std::string_view trim_space(std::string_view text) {
  const char* ws = " \t\n\r\v\f";
  const auto b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

GoParsed<double> go_parse_float(std::string_view text) {
  GoParsed<double> out;
  std::string_view s = text;
  double sign = 1.0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    if (s[0] == '-') sign = -1.0;
    s.remove_prefix(1);
  }
  if (iequals(s, "inf") || iequals(s, "infinity")) {
    out.value = sign * std::numeric_limits<double>::infinity();
    return out;
  }
  if (iequals(s, "nan")) {
    out.value = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  if (!valid_decimal(s) && !valid_hex(s)) {
    out.error = "invalid syntax";
    return out;
  }
  const std::string copy(s);
  errno = 0;
  const double v = std::strtod(copy.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(v)) {
    out.error = "value out of range";
    return out;
  }
  out.value = sign * v;
  return out;
}

GoParsed<std::int64_t> go_parse_int(std::string_view text, int bits) {
  GoParsed<std::int64_t> out;
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) {
    out.error = "invalid syntax";
    return out;
  }
  // Largest magnitude: 2^(bits-1) for a negative value, 2^(bits-1) - 1 otherwise.
  const std::uint64_t limit = (std::uint64_t{1} << (bits - 1)) - (negative ? 0 : 1);
  std::uint64_t acc = 0;
  bool overflow = false;
  for (char c : s) {
    if (!is_digit(c)) {
      out.error = "invalid syntax";
      return out;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (!overflow && acc > (limit - digit) / 10) overflow = true;
    if (!overflow) acc = acc * 10 + digit;
  }
  if (overflow) {
    out.error = "value out of range";
    return out;
  }
  if (negative) {
    out.value = acc == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                                  : -static_cast<std::int64_t>(acc);
  } else {
    out.value = static_cast<std::int64_t>(acc);
  }
  return out;
}

GoParsed<bool> go_parse_bool(std::string_view text) {
  GoParsed<bool> out;
  for (const char* t : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (text == t) out.value = true;
  }
  for (const char* f : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (text == f) out.value = false;
  }
  if (!out.value) out.error = "invalid syntax";
  return out;
}

std::optional<Seconds> go_parse_duration(std::string_view text) { return parse_duration(text); }

std::int64_t to_nanoseconds(Seconds s) { return static_cast<std::int64_t>(std::llround(s * 1e9)); }

bool is_whole_seconds(Seconds s) { return to_nanoseconds(s) % 1000000000LL == 0; }

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string go_strconv_message(std::string_view func, std::string_view text, std::string_view error) {
  std::string out = "strconv.";
  out += func;
  out += ": parsing ";
  out += go_quote(text);
  out += ": ";
  out += error;
  return out;
}

}  // namespace knsim::core::config
