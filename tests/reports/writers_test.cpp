#include "reports/writers.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/reports/sample_run.hpp"
#include "tests/support/files.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::reports {
namespace {

TimeSeriesStore tiny_store() {
  TimeSeriesStore store;
  for (double t : {1.0, 2.0}) {
    for (const char* rev : {"hello-00002", "hello-00001"}) {  // added out of name order on purpose
      RevisionSample s;
      s.t_s = t;
      s.revision = rev;
      s.desired_pods = t;
      s.ready_pods = t - 1;
      s.pods = t;
      s.observed_stable = 0.125 * t;
      s.mode = t < 2 ? Mode::kProxy : Mode::kServe;
      s.panic = t == 2;
      s.ebc = -1;
      s.requests = 10;
      s.concurrency = 1.0 / 3.0;
      s.traffic_percent = rev[10] == '1' ? 70 : 30;
      s.target = 100;
      s.served_share = rev[10] == '1' ? 0.7 : 0.3;
      store.add(s);
    }
    store.add(NodeSample{t, "worker-0", true, 2, 0.5, 8});
  }
  return store;
}

TEST(Writers, TimeseriesCsvGolden) {
  std::ostringstream out;
  write_timeseries_csv(out, tiny_store());
  EXPECT_EQ(out.str(),
            "t_s,revision,desired_pods,ready_pods,pods,observed_stable,observed_panic,panic,mode,ebc,requests,concurrency,"
            "traffic_percent,target,served_share,latency_p50_ms,latency_p99_ms,failures,cold_starts,min_scale,max_scale\n"
            "1,hello-00001,1,0,1,0.125,0,0,Proxy,-1,10,0.333333,70,100,0.7,0,0,0,0,0,0\n"
            "1,hello-00002,1,0,1,0.125,0,0,Proxy,-1,10,0.333333,30,100,0.3,0,0,0,0,0,0\n"
            "2,hello-00001,2,1,2,0.25,0,1,Serve,-1,10,0.333333,70,100,0.7,0,0,0,0,0,0\n"
            "2,hello-00002,2,1,2,0.25,0,1,Serve,-1,10,0.333333,30,100,0.3,0,0,0,0,0,0\n");
  std::ostringstream nodes;
  write_nodes_csv(nodes, tiny_store());
  EXPECT_EQ(nodes.str(), "t_s,node,up,pods,cpu_used,cpu_cores\n1,worker-0,1,2,0.5,8\n2,worker-0,1,2,0.5,8\n");
}

TEST(Writers, EventsJsonlGolden) {
  std::ostringstream out;
  write_events_jsonl(out, {{1.5, ScaleEvent{"r-00001", 0, 1, "activation"}}, {2, TimelineActionEvent{"failNode", "worker-1"}}});
  EXPECT_EQ(out.str(),
            "{\"t_s\":1.5,\"kind\":\"scale\",\"revision\":\"r-00001\",\"from_pods\":0,\"to_pods\":1,\"reason\":\"activation\"}\n"
            "{\"t_s\":2.0,\"kind\":\"timeline_action\",\"action\":\"failNode\",\"detail\":\"worker-1\"}\n");
  std::ostringstream live;
  JsonlEventSink sink(live);
  sink.on_event({1.5, ScaleEvent{"r-00001", 0, 1, "activation"}});
  EXPECT_EQ(live.str(), out.str().substr(0, live.str().size()));
}

TEST(Writers, ReportHtmlIsSelfContainedAndDeterministic) {
  testing::SampleRun run;
  testing::fill_sample_run(run, 600);
  RunSummary s = build_run_summary(run.info, run.stats, run.store, run.events.events());
  std::ostringstream a, b;
  write_report_html(a, s, run.store, run.events.events(), {false});
  write_report_html(b, s, run.store, run.events.events(), {false});
  EXPECT_EQ(a.str(), b.str());
  const std::string html = a.str();
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
  for (const char* title : {"Pods per revision", "Activator mode and panic per revision",
                            "Observed concurrency against target", "Traffic split", "Request rate",
                            "Latency of completed requests", "Failures and cold starts", "Cluster CPU"}) {
    EXPECT_NE(html.find(title), std::string::npos) << title;
  }
  EXPECT_NE(html.find("time (s)"), std::string::npos);  // 600 s: the axis is in seconds
  EXPECT_NE(html.find("hello-00002 ready"), std::string::npos);
  EXPECT_NE(html.find("down worker-1"), std::string::npos);  // node failure marker
  EXPECT_EQ(html.find("wall time"), std::string::npos);      // include_wall = false
}

TEST(Writers, EmptyRunStillGivesAPage) {
  const TimeSeriesStore empty;
  const RunSummary s = build_run_summary(RunInfo{}, RequestStats{}, empty, {});
  std::ostringstream html, csv;
  write_report_html(html, s, empty, {});
  write_timeseries_csv(csv, empty);
  EXPECT_NE(html.str().find("No revision was sampled in this run"), std::string::npos);
  EXPECT_EQ(csv.str(), timeseries_csv_header() + "\n");
  EXPECT_EQ(s.requests_total, 0);
  EXPECT_EQ(s.latency_p99_ms, 0);
}

TEST(Writers, RunOutputsAreWrittenAndByteIdentical) {
  testing::SampleRun run;
  testing::fill_sample_run(run, 900);
  const RunSummary s = build_run_summary(run.info, run.stats, run.store, run.events.events());
  const auto dir = test::binary_dir() / "reports_test_out";
  ASSERT_EQ(write_run_outputs(dir / "a", s, run.store, run.events.events(), {false}), "");
  ASSERT_EQ(write_run_outputs(dir / "b", s, run.store, run.events.events(), {false}), "");
  using test::read_text;
  for (const char* f : {"summary.json", "timeseries.csv", "nodes.csv", "events.jsonl", "report.html"}) {
    const std::string content = read_text(dir / "a" / f);
    EXPECT_FALSE(content.empty()) << f;
    EXPECT_EQ(content, read_text(dir / "b" / f)) << f;
  }
  const auto summary = nlohmann::json::parse(read_text(dir / "a" / "summary.json"));
  EXPECT_EQ(summary["requests"]["total"].get<std::int64_t>(),
            summary["requests"]["succeeded"].get<std::int64_t>() + summary["requests"]["failed"].get<std::int64_t>());
  // timeseries.csv: header + one row per revision per sample
  const std::string csv = read_text(dir / "a" / "timeseries.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 900);
  EXPECT_NE(write_run_outputs("/proc/knsim-cannot-write", s, run.store, run.events.events()), "");
}

}  // namespace
}  // namespace knsim::reports
