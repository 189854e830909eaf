// The queue-proxy Stat codec (adapter/shadow/stat_codec): Knative's field numbers on the wire, the
// 336-byte limit, and refusals for what is not a Stat.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "adapter/shadow/stat_codec.hpp"

namespace {
using knsim::adapter::decode_stat;
using knsim::adapter::encode_stat;
using knsim::adapter::WireStat;

TEST(StatCodec, RoundTripKeepsEveryField) {
  knsim::core::metrics::Stat s;
  s.pod_name = "hello-00007-deployment-5d8f7c9b6d-x2x4q";
  s.average_concurrency = 3.25;
  s.average_proxied_concurrency = 0.5;
  s.request_count = 41;
  s.proxied_request_count = 2;
  s.process_uptime = 3600.5;
  const auto d = decode_stat(encode_stat(s, 1765000000));
  ASSERT_TRUE(std::holds_alternative<WireStat>(d)) << std::get<std::string>(d);
  const WireStat& w = std::get<WireStat>(d);
  EXPECT_EQ(w.stat.pod_name, s.pod_name);
  EXPECT_EQ(w.stat.average_concurrency, 3.25);
  EXPECT_EQ(w.stat.average_proxied_concurrency, 0.5);
  EXPECT_EQ(w.stat.request_count, 41);
  EXPECT_EQ(w.stat.proxied_request_count, 2);
  EXPECT_EQ(w.stat.process_uptime, 3600.5);
  EXPECT_EQ(w.timestamp, 1765000000);
}

// Hand-made wire bytes with Knative's field numbers (stat.proto: 1 pod_name, 2 average concurrency,
// 3 proxied, 7 timestamp): what a queue-proxy serves decodes to the same values.
TEST(StatCodec, DecodesKnativeFieldNumbers) {
  std::string b = std::string("\x0a\x03pod", 5);
  const double c = 2.5, pc = 0.5;
  b += '\x11';
  b.append(reinterpret_cast<const char*>(&c), 8);   // little-endian double (x86-64, as on the wire)
  b += '\x19';
  b.append(reinterpret_cast<const char*>(&pc), 8);
  b += std::string("\x38\x05", 2);
  const auto d = decode_stat(b);
  ASSERT_TRUE(std::holds_alternative<WireStat>(d));
  EXPECT_EQ(std::get<WireStat>(d).stat.pod_name, "pod");
  EXPECT_EQ(std::get<WireStat>(d).stat.average_concurrency, 2.5);
  EXPECT_EQ(std::get<WireStat>(d).stat.average_proxied_concurrency, 0.5);
  EXPECT_EQ(std::get<WireStat>(d).timestamp, 5);
}

TEST(StatCodec, RefusesWhatIsNotAStat) {
  knsim::core::metrics::Stat big;
  big.pod_name = std::string(400, 'p');
  knsim::core::metrics::Stat negative;
  negative.average_concurrency = -1;
  knsim::core::metrics::Stat nan;
  nan.request_count = std::numeric_limits<double>::quiet_NaN();
  const struct {
    std::string bytes;
    const char* says;
  } cases[] = {
      {encode_stat(big, 0), "more than Knative's scrape limit of 336"},
      {"# HELP queue_average_concurrent_requests\n", "not a protobuf Stat"},   // the pre-2022 text format
      {std::string("\x0a\x10pod", 5), "not a protobuf Stat"},                  // truncated string
      {encode_stat(negative, 0), "average_concurrent_requests is negative or not finite"},
      {encode_stat(nan, 0), "request_count is negative or not finite"},
  };
  for (const auto& c : cases) {
    const auto d = decode_stat(c.bytes);
    ASSERT_TRUE(std::holds_alternative<std::string>(d)) << c.says;
    EXPECT_NE(std::get<std::string>(d).find(c.says), std::string::npos) << std::get<std::string>(d);
  }
  EXPECT_TRUE(std::holds_alternative<WireStat>(decode_stat("")));   // proto3: every field at its default
}

}  // namespace
