#pragma once
// Time in knsim's core. The core never reads a clock: every function is told `now`.
//
// Time is seconds as a double, measured from the run's epoch. The epoch is mapped to a Unix
// instant that is a multiple of 3600 s, so floor(t) is a Knative 1 s bucket index and
// floor(t / 2) a 2 s scale-down-delay slot (see docs/spec/autoscaler-replay.md).
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace knsim::core {

using Seconds = double;  // a duration or an instant, in seconds

// Whole seconds of an instant, as Go's time.Truncate(time.Second) on a Unix time >= 0.
inline std::int64_t truncate_to_second(Seconds t) { return static_cast<std::int64_t>(std::floor(t)); }

// Parses a Go/Kubernetes duration: "60s", "1m30s", "500ms", "1.5h", "2us", "0". Units: ns, us, µs,
// ms, s, m, h. A bare number other than "0" is rejected (as Go's time.ParseDuration does).
// Returns nullopt on a malformed string.
std::optional<Seconds> parse_duration(std::string_view text);

// Formats seconds in Go style: 60 -> "1m0s", 0.5 -> "500ms", 3600 -> "1h0m0s", 0 -> "0s".
std::string format_duration(Seconds s);

}  // namespace knsim::core
