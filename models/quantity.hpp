#pragma once
// Kubernetes-style quantities ("500m", "2", "32Gi", "50MiB", "1e3", "100M") and byte rates
// ("100MiB/s"), as plain doubles. Durations are core::parse_duration (core/time/time.hpp).
//
// Suffixes (Kubernetes resource.Quantity, plus the "B"-suffixed byte forms the scenario uses):
//   decimal: n 1e-9, u 1e-6, m 1e-3, k 1e3, M 1e6, G 1e9, T 1e12, P 1e15, E 1e18
//   binary:  Ki 2^10, Mi 2^20, Gi 2^30, Ti 2^40, Pi 2^50, Ei 2^60
//   bytes:   B, KB, MB, GB, TB (decimal), KiB, MiB, GiB, TiB (binary)  - "50MiB" = 52428800
//   exponent: "1e3", "1E3", "2.5e-3" (a decimal exponent, as Kubernetes accepts)
// Examples: "500m" -> 0.5, "2" -> 2, "32Gi" -> 34359738368, "100M" -> 1e8, "1e3" -> 1000.
// A negative sign is accepted (Kubernetes allows it); callers that need > 0 check themselves.
#include <optional>
#include <string_view>

namespace knsim::models {

// The value of a quantity, or nullopt when the text is not one (empty, bad number, unknown suffix).
std::optional<double> parse_quantity(std::string_view text);

// A byte rate: a quantity followed by "/s" ("100MiB/s" -> 104857600 bytes/s). A bare quantity
// without "/s" is rejected so that "100MiB" cannot be mistaken for a rate.
std::optional<double> parse_byte_rate(std::string_view text);

}  // namespace knsim::models
