#include "reports/time_series_store.hpp"

#include <gtest/gtest.h>

namespace knsim::reports {
namespace {

RevisionSample sample(double t, const char* rev, double ready) {
  RevisionSample s;
  s.t_s = t;
  s.revision = rev;
  s.desired_pods = ready + 1;
  s.ready_pods = ready;
  s.pods = ready + 1;
  s.observed_stable = 12.5;
  s.observed_panic = 20.25;
  s.panic = true;
  s.mode = Mode::kProxy;
  s.ebc = -3.5;
  s.requests = 40;
  s.concurrency = 1.0 / 3.0;
  s.traffic_percent = 70;
  s.target = 10;
  s.served_share = 0.7;
  s.latency_p50_ms = 21.5;
  s.latency_p99_ms = 180;
  s.failures = 2;
  s.cold_starts = 1;
  s.min_scale = 1;
  s.max_scale = 0;
  return s;
}

TEST(TimeSeriesStore, CsvHeaderIsTheContractThenExtras) {
  EXPECT_EQ(timeseries_csv_header(),
            "t_s,revision,desired_pods,ready_pods,pods,observed_stable,observed_panic,panic,mode,ebc,requests,"
            "concurrency,traffic_percent,target,served_share,latency_p50_ms,latency_p99_ms,failures,cold_starts,"
            "min_scale,max_scale");
}

TEST(TimeSeriesStore, ColumnsPerRevisionSortedNames) {
  TimeSeriesStore store;
  store.add(sample(1, "b-00001", 2));
  store.add(sample(1, "a-00001", 3));
  store.add(sample(2, "b-00001", 4));
  EXPECT_EQ(store.revision_names(), (std::vector<std::string>{"a-00001", "b-00001"}));
  const RevisionSeries* b = store.revision("b-00001");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->t(), (std::vector<double>{1, 2}));
  EXPECT_EQ(b->column(RevCol::kReadyPods), (std::vector<double>{2, 4}));
  EXPECT_EQ(b->column(RevCol::kMode), (std::vector<double>{1, 1}));
  EXPECT_EQ(b->row(1).ready_pods, 4);
  EXPECT_EQ(b->row(1).mode, Mode::kProxy);
  EXPECT_EQ(store.revision("zzz"), nullptr);
  EXPECT_EQ(store.last_t(), 2);
  NodeSample n{3, "worker-0", false, 2, 1.5, 8};
  store.add(n);
  EXPECT_EQ(store.node("worker-0")->column(NodeCol::kCpuUsed), (std::vector<double>{1.5}));
  EXPECT_FALSE(store.node("worker-0")->row(0).up);
}

TEST(TimeSeriesStore, JsonRoundTripForTheStream) {
  const RevisionSample s = sample(12, "hello-00001", 3);
  const auto j = to_json(s);
  EXPECT_EQ(j.dump(),
            "{\"type\":\"sample\",\"t_s\":12.0,\"revision\":\"hello-00001\",\"desired_pods\":4,\"ready_pods\":3,"
            "\"pods\":4,\"observed_stable\":12.5,\"observed_panic\":20.25,\"panic\":1,\"mode\":\"Proxy\",\"ebc\":-3.5,"
            "\"requests\":40,\"concurrency\":0.3333333333333333,\"traffic_percent\":70.0,\"target\":10.0,"
            "\"served_share\":0.7,\"latency_p50_ms\":21.5,\"latency_p99_ms\":180.0,\"failures\":2,\"cold_starts\":1,"
            "\"min_scale\":1,\"max_scale\":0}");
  TimeSeriesStore store;
  std::string error;
  ASSERT_TRUE(store.add_json(nlohmann::json::parse(j.dump()), &error)) << error;
  const RevisionSample back = store.revision("hello-00001")->row(0);
  EXPECT_EQ(to_json(back).dump(), j.dump());

  const auto nj = to_json(NodeSample{5, "worker-1", true, 3, 2.25, 8});
  EXPECT_EQ(nj.dump(), "{\"type\":\"node\",\"t_s\":5.0,\"node\":\"worker-1\",\"up\":1,\"pods\":3,\"cpu_used\":2.25,\"cpu_cores\":8.0}");
  ASSERT_TRUE(store.add_json(nlohmann::json::parse(nj.dump()), &error)) << error;
  EXPECT_EQ(store.node("worker-1")->row(0).pods, 3);
}

TEST(TimeSeriesStore, JsonErrorsAndOptionalExtras) {
  TimeSeriesStore store;
  std::string error;
  EXPECT_FALSE(store.add_json(nlohmann::json::parse(R"({"type":"progress","t_s":1})"), &error));
  auto j = nlohmann::json::parse(to_json(sample(1, "r", 1)).dump());
  j.erase("ready_pods");
  EXPECT_FALSE(store.add_json(j, &error));
  EXPECT_EQ(error, "sample: missing 'ready_pods'");
  j = nlohmann::json::parse(to_json(sample(1, "r", 1)).dump());
  j["mode"] = "Both";
  EXPECT_FALSE(store.add_json(j, &error));
  // A line from an older writer without the extras still parses; extras are 0.
  j = nlohmann::json::parse(to_json(sample(1, "r", 1)).dump());
  for (const char* k : {"target", "served_share", "latency_p50_ms", "latency_p99_ms", "failures", "cold_starts",
                        "min_scale", "max_scale"}) {
    j.erase(k);
  }
  ASSERT_TRUE(store.add_json(j, &error)) << error;
  EXPECT_EQ(store.revision("r")->row(0).target, 0);
}

TEST(TimeSeriesStore, NumberFormat) {
  struct Case { double v; const char* s; };
  for (const Case c : {Case{0, "0"}, {-0.0, "0"}, {3, "3"}, {-2, "-2"}, {1234567, "1234567"}, {0.5, "0.5"},
                       {1.0 / 3, "0.333333"}, {12.345678, "12.3457"}, {1e-7, "1e-07"}, {2.5e20, "2.5e+20"}}) {
    EXPECT_EQ(format_number(c.v), c.s) << c.v;
  }
}

}  // namespace
}  // namespace knsim::reports
