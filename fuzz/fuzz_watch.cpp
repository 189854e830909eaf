// The adapter's watch stream framing (adapter/kube/watch_decoder.hpp): the input is fed in chunks
// whose sizes come from the first byte, as transport chunks that do not align with lines.
#include <algorithm>
#include <stdexcept>

#include "adapter/kube/watch_decoder.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = 1 + data[0] % 64;
  knsim::adapter::WatchDecoder decoder;
  try {
    for (std::size_t i = 1; i < size; i += chunk) {
      const auto n = std::min(chunk, size - i);
      (void)decoder.feed(reinterpret_cast<const char*>(data + i), n);
    }
  } catch (const std::runtime_error&) {
  }
  return 0;
}
