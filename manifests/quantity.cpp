#include "manifests/quantity.hpp"

#include <cmath>
#include <cstdlib>

namespace knsim::manifests {
namespace {

struct Suffix {
  std::string_view name;
  double factor;
};
// Two-letter binary suffixes first so "Mi" is not read as "M" followed by garbage.
constexpr Suffix kSuffixes[] = {
    {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
    {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
    {"n", 1e-9}, {"u", 1e-6}, {"m", 1e-3}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12},
    {"P", 1e15}, {"E", 1e18}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool fail(std::string* error, const char* why) {
  if (error != nullptr) *error = why;
  return false;
}

// Length of a "[+-]digits[.digits]" prefix, 0 if there is none.
std::size_t number_length(std::string_view t) {
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  bool digits = false;
  while (i < t.size() && is_digit(t[i])) { ++i; digits = true; }
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && is_digit(t[i])) { ++i; digits = true; }
  }
  return digits ? i : 0;
}

}  // namespace

std::optional<double> parse_quantity(std::string_view text, std::string* error) {
  const std::size_t n = number_length(text);
  if (n == 0 || n > 64) {
    fail(error, "not a Kubernetes quantity (want a number with an optional suffix such as 500m, 2, 32Gi)");
    return std::nullopt;
  }
  const double mantissa = std::strtod(std::string(text.substr(0, n)).c_str(), nullptr);
  std::string_view rest = text.substr(n);
  double factor = 1.0;
  if (!rest.empty()) {
    // exponent form: e/E followed by an optional sign and digits
    if ((rest[0] == 'e' || rest[0] == 'E') && rest.size() > 1 &&
        (is_digit(rest[1]) || ((rest[1] == '+' || rest[1] == '-') && rest.size() > 2))) {
      std::size_t i = 1;
      if (rest[i] == '+' || rest[i] == '-') ++i;
      const std::size_t start = i;
      while (i < rest.size() && is_digit(rest[i])) ++i;
      if (i != rest.size() || i == start || i - start > 4) {
        fail(error, "not a Kubernetes quantity (bad exponent)");
        return std::nullopt;
      }
      factor = std::pow(10.0, std::strtod(std::string(rest.substr(1)).c_str(), nullptr));
    } else {
      bool found = false;
      for (const Suffix& s : kSuffixes) {
        if (rest == s.name) {
          factor = s.factor;
          found = true;
          break;
        }
      }
      if (!found) {
        fail(error, "not a Kubernetes quantity (unknown suffix; use n u m k M G T P E or Ki Mi Gi Ti Pi Ei)");
        return std::nullopt;
      }
    }
  }
  const double value = mantissa * factor;
  if (!std::isfinite(value)) {
    fail(error, "quantity out of range");
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> parse_bytes(std::string_view text, std::string* error) {
  if (!text.empty() && text.back() == 'B') text.remove_suffix(1);
  const std::optional<double> v = parse_quantity(text, error);
  if (!v) return std::nullopt;
  if (*v < 0) {
    fail(error, "must not be negative");
    return std::nullopt;
  }
  if (*v >= 9.2e18) {
    fail(error, "quantity out of range");
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(std::llround(*v));
}

}  // namespace knsim::manifests
