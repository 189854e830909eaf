// Queue-proxy's protobuf Stat as the autoscaler scrapes it (adapter/shadow/stat_codec.hpp): any bytes
// decode to a Stat or to a one-line reason, never a crash; a decoded Stat is finite and non-negative
// and encodes back to bytes that decode to the same values.
#include <cmath>
#include <cstdlib>

#include "adapter/shadow/stat_codec.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto r = knsim::adapter::decode_stat(bytes);
  if (const auto* w = std::get_if<knsim::adapter::WireStat>(&r)) {
    const auto& s = w->stat;
    for (double v : {s.average_concurrency, s.average_proxied_concurrency, s.request_count,
                     s.proxied_request_count, s.process_uptime}) {
      if (!std::isfinite(v) || v < 0) std::abort();  // decode_stat promises to refuse these
    }
    const auto again = knsim::adapter::decode_stat(knsim::adapter::encode_stat(s, w->timestamp));
    const auto* w2 = std::get_if<knsim::adapter::WireStat>(&again);
    if (w2 == nullptr || w2->stat.average_concurrency != s.average_concurrency ||
        w2->stat.pod_name != s.pod_name || w2->timestamp != w->timestamp)
      std::abort();
  }
  return 0;
}
