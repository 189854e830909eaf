#pragma once
// Queue-proxy's autoscaler Stat over the wire (knative/serving pkg/autoscaler/metrics/stat.proto,
// served by pkg/queue/protobuf_stats_reporter.go on :9090/metrics as application/protobuf and read
// by pkg/autoscaler/metrics/http_scrape_client.go). Decoding uses Debian's libprotobuf with our
// adapter/proto/stat.proto; the generated types never leave stat_codec.cpp.
//
// What is refused, as Knative's scrape client refuses it (a refusal is a failed scrape, counted):
// a body over kMaxStatBytes (Knative reads at most 336 bytes: 6 * 10 + 256 + 20), bytes that are
// not a Stat, and (ours) non-finite or negative values. Worked example: the 25-byte body
// 0a 03 'p' 'o' 'd' 11 <8 bytes of 2.5> 21 <8 bytes of 0.5> decodes to pod "pod", concurrency 2.5,
// proxied 0.5, which the collector records as 2.5 - 0.5 = 2.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/metrics/stat.hpp"

namespace knsim::adapter {

inline constexpr std::size_t kMaxStatBytes = 336;   // http_scrape_client.go maxResponseSize

struct WireStat {
  core::metrics::Stat stat;   // stat.time is left 0: the collector records at scrape time
  std::int64_t timestamp = 0; // the report's own Unix seconds (informational)
};

// A decoded Stat, or why the bytes are not one (one line, no bytes echoed beyond a short excerpt).
using StatDecodeResult = std::variant<WireStat, std::string>;

StatDecodeResult decode_stat(std::string_view bytes);

// The wire bytes of a Stat (tests, the fuzz seed corpus).
std::string encode_stat(const core::metrics::Stat& stat, std::int64_t timestamp);

}  // namespace knsim::adapter
