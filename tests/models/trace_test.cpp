#include "models/trace.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/arrival_process.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::models {
namespace {

std::string shipped(const char* name) { return (test::source_dir() / "scenarios" / "traces" / name).string(); }

TraceSpec spec_of(TraceFormat f, std::string file) {
  TraceSpec s;
  s.format = f;
  s.file = std::move(file);
  return s;
}

std::vector<Arrival> replay(const TraceSpec& spec, std::shared_ptr<const TraceData> data, double until,
                            double origin = 0, std::uint64_t seed = 1) {
  ArrivalSpec a;
  a.kind = ArrivalSpec::Kind::kTrace;
  a.trace = spec;
  auto p = make_arrival_process(a, origin, std::move(data));
  core::Rng rng(seed);
  std::vector<Arrival> out;
  Arrival x;
  while (p->next(rng, x) && x.t < until) out.push_back(x);
  return out;
}

// The first message of the TraceError thrown by fn, or "" when none is thrown.
template <class Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const TraceError& e) {
    return e.issues().front().to_string();
  }
  return "";
}

TEST(Trace, Azure2021RealSample) {
  const TraceSpec spec = spec_of(TraceFormat::kAzure2021, shipped("azure2021_first199rows__invitro.csv"));
  const auto data = load_trace(spec);
  ASSERT_EQ(data->records.size(), 199u);
  // first start = 0.07949090003967285 - 0.078 (row 1 is also the earliest start)
  EXPECT_NEAR(data->records.front().t, 0.0014909000396728517, 1e-12);
  EXPECT_DOUBLE_EQ(data->records.front().duration, 0.078);
  EXPECT_EQ(data->name(data->records.front().function).substr(0, 8), "e3cdb488");
  EXPECT_DOUBLE_EQ(data->span, 1261.0);  // ceil(1260.0558)
  for (std::size_t i = 1; i < data->records.size(); ++i) ASSERT_LE(data->records[i - 1].t, data->records[i].t);
  const auto arrivals = replay(spec, data, 1e9);
  ASSERT_EQ(arrivals.size(), 199u);
  EXPECT_TRUE(arrivals.front().has_duration());
  EXPECT_EQ(arrivals.front().function.substr(0, 8), "e3cdb488");
}

TEST(Trace, Azure2021FiltersAndLoop) {
  TraceSpec spec = spec_of(TraceFormat::kAzure2021, shipped("azure2021_first199rows__invitro.csv"));
  spec.app = "f274d71de386ccc77e4ca74766dbc485461c3053059d47266463c45ec92001b3";
  const auto data = load_trace(spec);
  ASSERT_FALSE(data->records.empty());
  EXPECT_LT(data->records.size(), 199u);
  spec.app = "nope";
  EXPECT_NE(error_of([&] { load_trace(spec); }).find("no row matches"), std::string::npos);
  // loop: 3 passes of the whole trace in 3 spans, shifted by the span, from origin 100
  TraceSpec all = spec_of(TraceFormat::kAzure2021, shipped("azure2021_first199rows__invitro.csv"));
  all.loop = true;
  const auto whole = load_trace(all);
  const auto arrivals = replay(all, whole, 100 + 3 * whole->span, 100);
  ASSERT_EQ(arrivals.size(), 3u * 199u);
  EXPECT_DOUBLE_EQ(arrivals[199].t, 100 + whole->span + whole->records.front().t);
}

TEST(Trace, ScaleIsALoadMultiplier) {
  const std::string text = "timestamp\n" + [] {
    std::string s;
    for (int i = 0; i < 10000; ++i) s += std::to_string(i * 0.01) + "\n";
    return s;
  }();
  const auto data = parse_csv_trace(text, "t.csv");
  TraceSpec spec = spec_of(TraceFormat::kCsv, "t.csv");
  spec.scale = 2.5;
  const auto scaled = replay(spec, data, 1e9);
  EXPECT_NEAR(static_cast<double>(scaled.size()), 25000, 150);  // 2 + Bernoulli(0.5) per row
  spec.scale = 0.3;
  EXPECT_NEAR(static_cast<double>(replay(spec, data, 1e9).size()), 3000, 150);
  spec.scale = 1.0;
  EXPECT_EQ(replay(spec, data, 1e9).size(), 10000u);
}

TEST(Trace, CsvColumnsAnyOrderAndSorting) {
  const std::string text =
      "service,timestamp,tag,duration,extra\n"
      "a,2.5,,0.1,x\n"
      "b,1.0,canary,,y\n"
      "\"c,d\",1.0,,0.3,z\n";
  const auto data = parse_csv_trace(text, "mem.csv");
  ASSERT_EQ(data->records.size(), 3u);
  // stable sort: b (line 3) before "c,d" (line 4), both at 1.0
  EXPECT_EQ(data->name(data->records[0].service), "b");
  EXPECT_EQ(data->name(data->records[0].tag), "canary");
  EXPECT_LT(data->records[0].duration, 0);
  EXPECT_EQ(data->name(data->records[1].service), "c,d");
  EXPECT_DOUBLE_EQ(data->records[2].t, 2.5);
  EXPECT_DOUBLE_EQ(data->records[2].duration, 0.1);
}

TEST(Trace, ByteOrderMarkAndCrlfAreAccepted) {
  const auto data = parse_csv_trace("\xEF\xBB\xBFtimestamp,duration\r\n1.5,0.2\r\n", "bom.csv");
  ASSERT_EQ(data->records.size(), 1u);
  EXPECT_DOUBLE_EQ(data->records[0].duration, 0.2);
}

TEST(Trace, JsonlRecords) {
  const std::string text =
      "{\"t\": 3, \"service\": \"hello\", \"duration\": 0.05}\n"
      "\n"
      "{\"t\":1.5,\"service\":\"world\",\"meta\":{\"a\":[1,2]},\"tag\":\"v2\"}\n"
      "{\"t\": 2, \"duration\": null}\n";
  const auto data = parse_jsonl_trace(text, "mem.jsonl");
  ASSERT_EQ(data->records.size(), 3u);
  EXPECT_DOUBLE_EQ(data->records[0].t, 1.5);
  EXPECT_EQ(data->name(data->records[0].service), "world");
  EXPECT_EQ(data->name(data->records[0].tag), "v2");
  EXPECT_DOUBLE_EQ(data->records[2].duration, 0.05);
  EXPECT_DOUBLE_EQ(data->span, 4.0);  // ceil(3.05)
}

TEST(Trace, Azure2019CountsAndSpreads) {
  TraceSpec spec = spec_of(TraceFormat::kAzure2019, shipped("azure2019format_example_invocations__invitro.csv"));
  spec.durations = shipped("azure2019format_example_durations__invitro.csv");
  spec.function = "c13acdc7567b225971cef2416a3a2b03c8a4d8d154df48afe75834e2f5c59ddf";
  const auto data = load_trace(spec);
  ASSERT_EQ(data->minutes.size(), 1u);
  EXPECT_EQ(data->request_count(), 1150u);
  EXPECT_DOUBLE_EQ(data->span, 86400.0);
  ASSERT_TRUE(data->minutes[0].has_durations);
  EXPECT_NEAR(data->minutes[0].durations.quantile(0.5), 0.100, 1e-12);  // 100 ms
  for (MinuteSpread spread : {MinuteSpread::kPoisson, MinuteSpread::kUniform, MinuteSpread::kBurst}) {
    spec.spread = spread;
    const auto a = replay(spec, data, 1e9);
    ASSERT_EQ(a.size(), 1150u);
    std::size_t first_minute = 0;
    for (const Arrival& x : a) first_minute += x.t < 60 ? 1 : 0;
    EXPECT_EQ(first_minute, 5u);  // minute 1 has 5 invocations
    EXPECT_GE(a.front().duration, 0.099);
    EXPECT_LE(a.front().duration, 0.101);
    if (spread == MinuteSpread::kUniform) {
      EXPECT_DOUBLE_EQ(a[0].t, 6.0);   // (0 + 0.5) * 60 / 5
      EXPECT_DOUBLE_EQ(a[1].t, 18.0);
    }
    if (spread == MinuteSpread::kBurst) {
      EXPECT_DOUBLE_EQ(a[4].t, 0.0);
    }
  }
  // all four functions merged, in time order
  TraceSpec all = spec_of(TraceFormat::kAzure2019, spec.file);
  const auto merged = replay(all, load_trace(all), 1e9);
  EXPECT_EQ(merged.size(), 1150u + 3u * 1125u);
  for (std::size_t i = 1; i < merged.size(); ++i) ASSERT_LE(merged[i - 1].t, merged[i].t);
}

TEST(Trace, BadInputNamesFileLineAndField) {
  struct Case {
    TraceFormat format;
    const char* text;
    const char* expect;
  };
  const Case cases[] = {
      {TraceFormat::kCsv, "timestamp,duration\n1,0.1\nabc,0.2\n", "bad.txt:3: field 'timestamp': not a number"},
      {TraceFormat::kCsv, "timestamp,duration\n1,-2\n", "bad.txt:2: field 'duration'"},
      {TraceFormat::kCsv, "time\n1\n", "bad.txt:1: field 'timestamp': missing column"},
      {TraceFormat::kCsv, "timestamp,service\n1\n", "bad.txt:2: expected 2 fields, got 1"},
      {TraceFormat::kCsv, "", "bad.txt: empty trace"},
      {TraceFormat::kJsonl, "{\"t\": 1}\n{\"t\": \"x\"}\n", "bad.txt:2: field 't'"},
      {TraceFormat::kJsonl, "{\"service\": \"a\"}\n", "bad.txt:1: field 't': missing"},
      {TraceFormat::kJsonl, "{\"t\": 1,}\n", "bad.txt:1: invalid JSON"},
      {TraceFormat::kJsonl, "[1,2]\n", "bad.txt:1: invalid JSON"},
      {TraceFormat::kAzure2021, "app,func,end_timestamp,duration\na,f,1.0,zz\n", "bad.txt:2: field 'duration'"},
      {TraceFormat::kAzure2021, "app,func,end\n", "bad.txt:1: field 'end_timestamp': missing column"},
      {TraceFormat::kAzure2019, "HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,f,http,3,-1\n", "bad.txt:2: field '2'"},
      {TraceFormat::kAzure2019, "HashOwner,HashApp,HashFunction,Trigger,1\no,a,f,http,2.5\n", "bad.txt:2: field '1'"},
  };
  for (const Case& c : cases) {
    const std::string msg = error_of([&] {
      TraceSpec s;
      switch (c.format) {
        case TraceFormat::kCsv: parse_csv_trace(c.text, "bad.txt"); break;
        case TraceFormat::kJsonl: parse_jsonl_trace(c.text, "bad.txt"); break;
        case TraceFormat::kAzure2021: parse_azure2021(c.text, "bad.txt", s); break;
        case TraceFormat::kAzure2019: parse_azure2019(c.text, "bad.txt", s); break;
      }
    });
    EXPECT_EQ(msg.rfind(c.expect, 0), 0u) << "got: " << msg << "\nwant prefix: " << c.expect;
  }
}

TEST(Trace, ManyBadRowsAreCappedAndMissingFileIsReported) {
  std::string text = "timestamp\n";
  for (int i = 0; i < 80; ++i) text += "x\n";
  try {
    parse_csv_trace(text, "many.csv");
    FAIL() << "no TraceError";
  } catch (const TraceError& e) {
    ASSERT_EQ(e.issues().size(), 51u);
    EXPECT_EQ(e.issues().back().message, "... and 30 more problems");
  }
  const std::string msg = error_of([] { load_trace(spec_of(TraceFormat::kCsv, "/nonexistent/trace.csv")); });
  EXPECT_EQ(msg, "/nonexistent/trace.csv: cannot open the trace file");
}

TEST(Trace, CacheLoadsOnce) {
  TraceCache cache;
  const TraceSpec spec = spec_of(TraceFormat::kAzure2021, shipped("azure2021_first199rows__invitro.csv"));
  EXPECT_EQ(cache.get(spec).get(), cache.get(spec).get());
  TraceSpec filtered = spec;
  filtered.function = "e3cdb48830f66eb8689cc0223514569a69812b77e6611e3d59814fac0747bd2f";
  EXPECT_NE(cache.get(filtered).get(), cache.get(spec).get());
}

}  // namespace
}  // namespace knsim::models
