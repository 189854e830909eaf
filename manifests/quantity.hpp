#pragma once
// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go): a decimal
// number with an optional suffix, either binary (Ki Mi Gi Ti Pi Ei = 2^10 ... 2^60), decimal
// (n u m "" k M G T P E = 1e-9 ... 1e18) or an exponent (1e3, 2E-2).
// Examples: "500m" -> 0.5, "8" -> 8, "32Gi" -> 34359738368, "1.5k" -> 1500, "1e3" -> 1000.
//
// For byte sizes and bandwidths the scenario also accepts a trailing "B" ("50MiB", "2GB") and, for
// bandwidths, "/s" ("100MiB/s"); parse_bytes handles the "B", the caller strips "/s".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace knsim::manifests {

// The quantity's value, or nullopt with `error` set to why ("not a Kubernetes quantity").
std::optional<double> parse_quantity(std::string_view text, std::string* error = nullptr);

// A byte count: a quantity with an optional trailing "B"; must be >= 0 and < 2^63, rounded to
// whole bytes. "50MiB" -> 52428800, "1Gi" -> 1073741824, "2GB" -> 2000000000, "100" -> 100.
std::optional<std::uint64_t> parse_bytes(std::string_view text, std::string* error = nullptr);

}  // namespace knsim::manifests
