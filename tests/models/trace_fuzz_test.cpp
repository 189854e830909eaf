// Bad input never crashes a trace reader: random mutations of valid traces either parse or raise
// TraceError (with a file:line message), nothing else.
#include <gtest/gtest.h>

#include <string>

#include "core/random/rng.hpp"
#include "models/trace.hpp"

namespace knsim::models {
namespace {

std::string mutate(std::string s, core::Rng& rng) {
  static constexpr char kAlphabet[] = "0123456789.,-e\"{}:\n\r abt\\";
  const auto edits = 1 + rng.below(6);
  for (std::uint64_t k = 0; k < edits && !s.empty(); ++k) {
    const auto at = rng.below(s.size());
    switch (rng.below(3)) {
      case 0: s[at] = kAlphabet[rng.below(sizeof kAlphabet - 1)]; break;
      case 1: s.erase(at, 1 + rng.below(4)); break;
      default: s.insert(at, 1, kAlphabet[rng.below(sizeof kAlphabet - 1)]); break;
    }
  }
  return s;
}

TEST(TraceFuzz, MutatedInputsParseOrRaiseTraceError) {
  const std::string csv = "timestamp,duration,service,tag\n0.5,0.1,a,\n1.5,0.2,b,v2\n\"2\",0.3,\"c,d\",x\n";
  const std::string jsonl = "{\"t\": 1, \"service\": \"a\", \"duration\": 0.5}\n{\"t\":2,\"x\":[1,{\"y\":\"\\\"\"}]}\n";
  const std::string az21 = "app,func,end_timestamp,duration\na1,f1,1.5,0.5\na2,f2,3.25,1\n";
  const std::string az19 = "HashOwner,HashApp,HashFunction,Trigger,1,2,3\no,a,f1,http,1,0,2\no,a,f2,queue,0,3,0\n";
  TraceSpec spec;
  core::Rng rng(2024);
  int parsed = 0, rejected = 0;
  for (int i = 0; i < 4000; ++i) {
    try {
      switch (i % 4) {
        case 0: parse_csv_trace(mutate(csv, rng), "f.csv"); break;
        case 1: parse_jsonl_trace(mutate(jsonl, rng), "f.jsonl"); break;
        case 2: parse_azure2021(mutate(az21, rng), "f.csv", spec); break;
        default: parse_azure2019(mutate(az19, rng), "f.csv", spec); break;
      }
      ++parsed;
    } catch (const TraceError& e) {
      ASSERT_FALSE(e.issues().empty());
      const std::string msg = e.issues().front().to_string();
      ASSERT_EQ(msg.rfind("f.", 0), 0u) << msg;  // names the file
      ++rejected;
    }
  }
  EXPECT_GT(parsed, 100);
  EXPECT_GT(rejected, 100);
}

}  // namespace
}  // namespace knsim::models
