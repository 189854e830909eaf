#pragma once
// Go's strconv/time parsing and fmt formatting, as Knative's ConfigMap and annotation readers use
// them, so that what Knative accepts, rejects and prints is what knsim accepts, rejects and prints.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time/time.hpp"

namespace knsim::core::config {

// Outcome of a Go strconv parse: the value, or why it failed ("invalid syntax", "value out of range").
template <typename T>
struct GoParsed {
  std::optional<T> value;
  std::string error;  // empty on success
  bool ok() const { return value.has_value(); }
};

// strconv.ParseFloat(s, 64): decimal or hex floats, "inf", "infinity", "nan" (any case), a sign.
// Overflow is "value out of range"; underflow gives 0 without error.
GoParsed<double> go_parse_float(std::string_view text);
// strconv.ParseInt(s, 10, bits): optional sign, decimal digits, range of a signed `bits` integer.
GoParsed<std::int64_t> go_parse_int(std::string_view text, int bits);
// strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
GoParsed<bool> go_parse_bool(std::string_view text);
// time.ParseDuration: nullopt when malformed.
std::optional<Seconds> go_parse_duration(std::string_view text);

// Whole nanoseconds of a duration in seconds (Go's time.Duration), rounded to the nearest ns.
std::int64_t to_nanoseconds(Seconds s);
// d.Round(time.Second) == d.
bool is_whole_seconds(Seconds s);

// fmt %q of a plain string (quotes and backslashes escaped).
std::string go_quote(std::string_view text);
// Messages of Go's strconv errors: `strconv.ParseFloat: parsing "x": invalid syntax`.
std::string go_strconv_message(std::string_view func, std::string_view text, std::string_view error);
// Trims ASCII white space at both ends.
std::string_view trim_space(std::string_view text);

}  // namespace knsim::core::config
