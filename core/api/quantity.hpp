#pragma once
// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource Quantity), parsed to a
// double: "500m" -> 0.5 (cores), "128Mi" -> 134217728 (bytes), "1G" -> 1e9, "2" -> 2, "1e3" -> 1000.
#include <optional>
#include <string>
#include <string_view>

namespace knsim::core::api {

// Suffixes: binary Ki Mi Gi Ti Pi Ei, decimal n u m k M G T P E, or a decimal exponent e/E.
// Returns nullopt for a malformed quantity (empty, two signs, unknown suffix, ...).
std::optional<double> parse_quantity(std::string_view text);

// A quantity as written plus its parsed value.
struct Quantity {
  std::string text;   // as in the manifest, e.g. "500m"
  double value = 0;   // parsed: cores for cpu, bytes for memory

  bool operator==(const Quantity&) const = default;
};

}  // namespace knsim::core::api
