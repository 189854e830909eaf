// Kubernetes quantity grammar (k8s.io/apimachinery/pkg/api/resource/quantity.go):
//   <quantity> ::= <signedNumber><suffix>;  <suffix> ::= <binarySI> | <decimalExponent> | <decimalSI>
//   binarySI: Ki Mi Gi Ti Pi Ei;  decimalSI: n u m "" k M G T P E;  decimalExponent: e<signedNumber>.
// Example: "1.5Gi" -> 1.5 * 2^30 = 1610612736.
#include "core/api/quantity.hpp"

#include <cctype>
#include <cmath>
#include <cstddef>

namespace knsim::core::api {
namespace {

// Reads [+-]digits[.digits] from text at pos; returns false if no digit was read.
bool read_number(std::string_view text, std::size_t& pos, double& out) {
  double sign = 1;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    if (text[pos] == '-') sign = -1;
    ++pos;
  }
  double value = 0;
  bool any = false;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    any = true;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    double scale = 0.1;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      value += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
      any = true;
    }
  }
  out = sign * value;
  return any;
}

std::optional<double> suffix_multiplier(std::string_view s) {
  struct Entry {
    std::string_view suffix;
    double multiplier;
  };
  static constexpr Entry kTable[] = {
      {"", 1},          {"n", 1e-9},      {"u", 1e-6},      {"m", 1e-3},     {"k", 1e3},
      {"M", 1e6},       {"G", 1e9},       {"T", 1e12},      {"P", 1e15},     {"E", 1e18},
      {"Ki", 1024.0},   {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
      {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
  };
  for (const auto& e : kTable) {
    if (e.suffix == s) return e.multiplier;
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> parse_quantity(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t pos = 0;
  double number = 0;
  if (!read_number(text, pos, number)) return std::nullopt;
  std::string_view rest = text.substr(pos);
  // Decimal exponent: e or E followed by a signed integer ("1e3"); a bare "E" is exa.
  if (rest.size() > 1 && (rest[0] == 'e' || rest[0] == 'E')) {
    std::size_t epos = 1;
    double exponent = 0;
    if (!read_number(rest, epos, exponent) || epos != rest.size() || exponent != std::floor(exponent)) {
      return std::nullopt;
    }
    return number * std::pow(10.0, exponent);
  }
  auto mult = suffix_multiplier(rest);
  if (!mult) return std::nullopt;
  return number * *mult;
}

}  // namespace knsim::core::api
