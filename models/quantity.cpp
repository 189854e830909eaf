#include "models/quantity.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace knsim::models {
namespace {

struct Suffix {
  std::string_view name;
  double factor;
};

// Longer names first where one is a prefix of another ("Mi" before "M", "MiB" before "Mi").
constexpr Suffix kSuffixes[] = {
    {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0},
    {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
    {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
    {"KB", 1e3}, {"kB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
    {"n", 1e-9}, {"u", 1e-6}, {"m", 1e-3}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12},
    {"P", 1e15}, {"E", 1e18}, {"B", 1.0}};

// Length of the leading decimal number (sign, digits, fraction, optional e/E exponent).
std::size_t number_length(std::string_view s, bool& has_digits) {
  std::size_t i = 0;
  has_digits = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') { ++i; has_digits = true; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') { ++i; has_digits = true; }
  }
  // An exponent only when digits follow ("1e3"); a lone "E" is the exa suffix.
  if (has_digits && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const std::size_t digits_start = j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j > digits_start) i = j;
  }
  return i;
}

}  // namespace

std::optional<double> parse_quantity(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool has_digits = false;
  const std::size_t n = number_length(text, has_digits);
  if (!has_digits) return std::nullopt;
  const std::string number(text.substr(0, n));
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(value)) return std::nullopt;
  const std::string_view suffix = text.substr(n);
  if (suffix.empty()) return value;
  for (const Suffix& s : kSuffixes) {
    if (suffix == s.name) return value * s.factor;
  }
  return std::nullopt;
}

std::optional<double> parse_byte_rate(std::string_view text) {
  constexpr std::string_view kPerSecond = "/s";
  if (text.size() <= kPerSecond.size() || text.substr(text.size() - kPerSecond.size()) != kPerSecond) {
    return std::nullopt;
  }
  return parse_quantity(text.substr(0, text.size() - kPerSecond.size()));
}

}  // namespace knsim::models
