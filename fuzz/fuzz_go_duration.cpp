// Go durations (core::parse_duration, time.ParseDuration) and Go's strconv number parsers used for
// ConfigMap values and annotations (core/config/go_parse.hpp).
#include <cmath>
#include <cstdlib>

#include "core/config/go_parse.hpp"
#include "core/time/time.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace knsim::core;
  const std::string_view text = knsim::fuzz::as_text(data, size);
  if (const auto d = parse_duration(text)) {
    // Invariant: a parsed Go duration fits int64 nanoseconds (about 292 years).
    if (!(std::fabs(*d) <= 9223372036.854775807)) std::abort();
    (void)format_duration(*d);
  }
  (void)config::go_parse_duration(text);
  (void)config::go_parse_float(text);
  (void)config::go_parse_int(text, 64);
  (void)config::go_parse_int(text, 32);
  (void)config::go_parse_bool(text);
  return 0;
}
