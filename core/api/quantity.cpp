// Kubernetes quantity grammar (k8s.io/apimachinery/pkg/api/resource/quantity.go); see quantity.hpp.
#include "core/api/quantity.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>

namespace knsim::core::api {
namespace {

struct Suffix {
  std::string_view name;
  double factor;
};
constexpr Suffix kSuffixes[] = {
    {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
    {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
    {"n", 1e-9}, {"u", 1e-6}, {"m", 1e-3}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12},
    {"P", 1e15}, {"E", 1e18}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::nullopt_t fail(std::string* error, const char* why) {
  if (error != nullptr) *error = why;
  return std::nullopt;
}

// Length of a "[+-]digits[.digits]" prefix (at least one digit), 0 if there is none.
std::size_t number_length(std::string_view t) {
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  bool digits = false;
  while (i < t.size() && is_digit(t[i])) {
    ++i;
    digits = true;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && is_digit(t[i])) {
      ++i;
      digits = true;
    }
  }
  return digits ? i : 0;
}

// The correctly rounded value of a number_length() prefix ("+1.5", "-.5", "3.").
double to_double(std::string_view number) {
  double sign = 1;
  if (!number.empty() && (number[0] == '+' || number[0] == '-')) {
    if (number[0] == '-') sign = -1;
    number.remove_prefix(1);
  }
  double v = 0;
  std::from_chars(number.data(), number.data() + number.size(), v);
  return sign * v;
}

// 10^exponent for "e<signedInteger>" (at most 4 digits), nullopt otherwise.
std::optional<double> exponent_factor(std::string_view rest) {
  std::size_t i = 1;
  if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) ++i;
  const std::size_t start = i;
  while (i < rest.size() && is_digit(rest[i])) ++i;
  if (i != rest.size() || i == start || i - start > 4) return std::nullopt;
  int exponent = 0;
  std::from_chars(rest.data() + start, rest.data() + rest.size(), exponent);
  return std::pow(10.0, rest[1] == '-' ? -exponent : exponent);
}

}  // namespace

std::optional<double> parse_quantity(std::string_view text, std::string* error) {
  const std::size_t n = number_length(text);
  if (n == 0 || n > 64)
    return fail(error, "not a Kubernetes quantity (want a number with an optional suffix such as 500m, 2, 32Gi)");
  const double mantissa = to_double(text.substr(0, n));
  const std::string_view rest = text.substr(n);
  double factor = 1.0;
  if (rest.size() > 1 && (rest[0] == 'e' || rest[0] == 'E') && rest[1] != 'i') {
    const auto f = exponent_factor(rest);
    if (!f) return fail(error, "not a Kubernetes quantity (bad exponent)");
    factor = *f;
  } else if (!rest.empty()) {
    bool found = false;
    for (const Suffix& s : kSuffixes) {
      if (rest == s.name) {
        factor = s.factor;
        found = true;
        break;
      }
    }
    if (!found) return fail(error, "not a Kubernetes quantity (unknown suffix; use n u m k M G T P E or Ki Mi Gi Ti Pi Ei)");
  }
  const double value = mantissa * factor;
  if (!std::isfinite(value)) return fail(error, "quantity out of range");
  return value;
}

std::optional<std::uint64_t> parse_bytes(std::string_view text, std::string* error) {
  if (!text.empty() && text.back() == 'B') text.remove_suffix(1);
  const std::optional<double> v = parse_quantity(text, error);
  if (!v) return std::nullopt;
  if (*v < 0) return fail(error, "must not be negative");
  if (*v >= 9.2e18) return fail(error, "quantity out of range");
  return static_cast<std::uint64_t>(std::llround(*v));
}

}  // namespace knsim::core::api
