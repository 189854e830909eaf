#pragma once
// ISO-8601 durations as Knative's delivery spec writes them (`backoffDelay: PT0.2S`, `timeout`,
// `retryAfterMax`), parsed like rickb777/date/period.Parse and converted like DurationApprox.
//
// Grammar: [+|-] "P" [nY] [nM] [nW] [nD] ["T" [nH] [nM] [nS]], at least one component, n a decimal
// number with '.' or ',' as the fraction mark. Years count 365.2425 days, months 30.4369 days,
// weeks 7 days (rickb777's approximations). Examples: "PT0.2S" -> 0.2, "PT2M" -> 120, "P1DT1H" ->
// 90000, "-PT1S" -> -1. Errors: "FOO", "PP1", "P", "PT", "P1S" (S outside the time part).
#include <optional>
#include <string>
#include <string_view>

#include "core/time/time.hpp"

namespace knsim::core::eventing {

struct Iso8601Result {
  std::optional<Seconds> seconds;  // set on success
  std::string error;               // set on failure, names the offending character
};

Iso8601Result parse_iso8601_duration(std::string_view text);

// Formats seconds back as a compact ISO-8601 duration ("PT0.2S", "PT2M30S", "PT0S").
std::string format_iso8601_duration(Seconds s);

}  // namespace knsim::core::eventing
