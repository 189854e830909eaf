// ISO-8601 durations of Eventing delivery specs (core/eventing/iso8601_duration.hpp).
#include "core/eventing/iso8601_duration.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace knsim::core::eventing;
  const auto r = parse_iso8601_duration(knsim::fuzz::as_text(data, size));
  if (r.seconds) (void)format_iso8601_duration(*r.seconds);
  return 0;
}
