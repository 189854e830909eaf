// The `knsim autoscaler replay` input (cli/replay_json.hpp): the JSON scenario parsed and checked
// field by field; errors are values, never exceptions or crashes.
#include "cli/replay_json.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = knsim::cli::parse_replay_json(knsim::fuzz::as_text(data, size));
  (void)parsed.ok();
  return 0;
}
