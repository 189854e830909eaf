#pragma once
// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go), parsed to a
// double. The one quantity parser of knsim: manifests (resources, node sizes, byte sizes in the
// scenario) and ConfigMap values all use it.
//
// Grammar: <signedNumber><suffix>, suffix one of
//   binary Ki Mi Gi Ti Pi Ei (2^10 ... 2^60), decimal n u m "" k M G T P E (1e-9 ... 1e18),
//   or a decimal exponent e/E<signedInteger> ("1e3", "2E-2"); a bare "E" is exa.
// Examples: "500m" -> 0.5 (cores), "128Mi" -> 134217728 (bytes), "1.5Gi" -> 1.5 * 2^30 =
// 1610612736, "1G" -> 1e9, "2" -> 2, "1e3" -> 1000. A negative sign is accepted (Kubernetes
// allows it); callers that need > 0 check themselves.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace knsim::core::api {

// The quantity's value, or nullopt for a malformed one (empty, two signs, unknown suffix, bad
// exponent, not finite) with `error` (when given) set to why, e.g. "not a Kubernetes quantity
// (unknown suffix; use n u m k M G T P E or Ki Mi Gi Ti Pi Ei)".
std::optional<double> parse_quantity(std::string_view text, std::string* error = nullptr);

// A byte count as the scenario writes sizes: a quantity with an optional trailing "B"; must be
// >= 0 and < 2^63, rounded to whole bytes. "50MiB" -> 52428800, "1Gi" -> 1073741824,
// "2GB" -> 2000000000, "100" -> 100.
std::optional<std::uint64_t> parse_bytes(std::string_view text, std::string* error = nullptr);

// A quantity as written plus its parsed value.
struct Quantity {
  std::string text;   // as in the manifest, e.g. "500m"
  double value = 0;   // parsed: cores for cpu, bytes for memory

  bool operator==(const Quantity&) const = default;
};

}  // namespace knsim::core::api
