// See stat_codec.hpp.
#include "adapter/shadow/stat_codec.hpp"

#include <cmath>

#include "adapter/proto/stat.pb.h"

namespace knsim::adapter {

namespace {

// Knative's Stat values are averages and rates of a 1 s report: finite and never negative.
const char* bad_value(const proto::Stat& m) {
  const double values[] = {m.average_concurrent_requests(), m.average_proxied_concurrent_requests(),
                           m.request_count(), m.proxied_request_count(), m.process_uptime()};
  const char* names[] = {"average_concurrent_requests", "average_proxied_concurrent_requests", "request_count",
                         "proxied_request_count", "process_uptime"};
  for (std::size_t i = 0; i < std::size(values); ++i) {
    if (!std::isfinite(values[i]) || values[i] < 0) return names[i];
  }
  return nullptr;
}

}  // namespace

StatDecodeResult decode_stat(std::string_view bytes) {
  if (bytes.size() > kMaxStatBytes) {
    return "the Stat is " + std::to_string(bytes.size()) + " bytes, more than Knative's scrape limit of " +
           std::to_string(kMaxStatBytes);
  }
  proto::Stat m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return "not a protobuf Stat (" + std::to_string(bytes.size()) + " bytes)";
  }
  if (const char* field = bad_value(m)) return std::string("Stat field ") + field + " is negative or not finite";
  WireStat w;
  w.stat.pod_name = m.pod_name();
  w.stat.average_concurrency = m.average_concurrent_requests();
  w.stat.average_proxied_concurrency = m.average_proxied_concurrent_requests();
  w.stat.request_count = m.request_count();
  w.stat.proxied_request_count = m.proxied_request_count();
  w.stat.process_uptime = m.process_uptime();
  w.timestamp = m.timestamp();
  return w;
}

std::string encode_stat(const core::metrics::Stat& s, std::int64_t timestamp) {
  proto::Stat m;
  m.set_pod_name(s.pod_name);
  m.set_average_concurrent_requests(s.average_concurrency);
  m.set_average_proxied_concurrent_requests(s.average_proxied_concurrency);
  m.set_request_count(s.request_count);
  m.set_proxied_request_count(s.proxied_request_count);
  m.set_process_uptime(s.process_uptime);
  m.set_timestamp(timestamp);
  return m.SerializeAsString();
}

}  // namespace knsim::adapter
