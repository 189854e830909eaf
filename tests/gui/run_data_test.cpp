// RunData: the stream lines of docs/run-stream.md become aligned columns, events and run state.
#include "gui/run_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace knsim::gui {
namespace {

// A `sample` line with every required column of timeseries.csv (reports/time_series_store.hpp).
std::string sample(double t, const std::string& rev, int ready, const std::string& mode, const std::string& extra = "") {
  return R"({"type":"sample","t_s":)" + std::to_string(t) + R"(,"revision":")" + rev +
         R"(","desired_pods":2,"ready_pods":)" + std::to_string(ready) +
         R"(,"pods":2,"observed_stable":1.5,"observed_panic":2.5,"panic":0,"mode":")" + mode +
         R"(","ebc":-3,"requests":10,"concurrency":1.2,"traffic_percent":100)" + extra + "}";
}

TEST(RunData, HelloAnnouncesRevisionsAndNodesInOrder) {
  RunData d;
  EXPECT_EQ(d.ingest_line(R"({"type":"hello","scenario":"s","seed":3,"duration_s":120,"sample_interval_s":2,)"
                          R"("revisions":["b-00001","a-00001"],"nodes":["n0"],"knsim_version":"0.1"})"),
            "hello");
  ASSERT_TRUE(d.has_hello());
  EXPECT_EQ(d.info().seed, 3u);
  EXPECT_DOUBLE_EQ(d.info().duration_s, 120);
  EXPECT_DOUBLE_EQ(d.info().sample_interval_s, 2);
  EXPECT_EQ(d.revision_names(), (std::vector<std::string>{"b-00001", "a-00001"}))
      << "hello order, not alphabetical, keeps colours stable";
  EXPECT_EQ(d.node_names(), (std::vector<std::string>{"n0"}));
  EXPECT_EQ(d.revision("b-00001"), nullptr) << "no sample yet";
  d.ingest_line(sample(1, "c-00001", 1, "Serve"));
  EXPECT_EQ(d.revision_names().back(), "c-00001") << "a revision first seen in a sample is appended";
}

TEST(RunData, SamplesGoIntoTheSharedTimeSeriesStore) {
  using reports::RevCol;
  RunData d;
  EXPECT_EQ(d.ingest_line(sample(1, "r", 1, "Proxy")), "sample");
  EXPECT_EQ(d.ingest_line(sample(2, "r", 2, "Serve", R"(,"target":7,"latency_p99_ms":120.5)")), "sample");
  EXPECT_EQ(d.ingest_line(R"({"type":"node","t_s":2,"node":"n0","up":true,"pods":3,"cpu_used":1.5,"cpu_cores":4})"),
            "node");
  const reports::RevisionSeries* s = d.revision("r");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->t(), (std::vector<double>{1, 2}));
  EXPECT_EQ(s->column(RevCol::kReadyPods), (std::vector<double>{1, 2}));
  EXPECT_EQ(s->column(RevCol::kMode), (std::vector<double>{1, 0})) << "Proxy 1, Serve 0";
  EXPECT_EQ(s->column(RevCol::kTarget), (std::vector<double>{0, 7})) << "extras default to 0";
  EXPECT_EQ(s->column(RevCol::kLatencyP99Ms)[1], 120.5);
  ASSERT_NE(d.node("n0"), nullptr);
  EXPECT_EQ(d.node("n0")->column(reports::NodeCol::kPods), (std::vector<double>{3}));
  EXPECT_DOUBLE_EQ(d.last_t(), 2);
}

TEST(RunData, MalformedRowsAreKeptAsStrayLinesWithTheReason) {
  RunData d;
  EXPECT_EQ(d.ingest_line(R"({"type":"sample","t_s":1,"revision":"r","ready_pods":1})"), "");
  EXPECT_EQ(d.ingest_line(sample(1, "r", 1, "Sideways")), "");
  ASSERT_EQ(d.stray_lines().size(), 2u);
  EXPECT_NE(d.stray_lines()[0].find("missing"), std::string::npos) << d.stray_lines()[0];
  EXPECT_NE(d.stray_lines()[1].find("mode"), std::string::npos) << d.stray_lines()[1];
  EXPECT_EQ(d.revision("r"), nullptr);
}

TEST(RunData, EventsStateSummaryAndErrors) {
  struct Case {
    const char* line;
    const char* type;
  };
  const Case cases[] = {
      {R"({"type":"event","t_s":4,"kind":"autoscaler_decision","revision":"r","reason":"stable"})", "event"},
      {R"({"type":"event","t_s":5,"kind":"timeline_action","action":"apply"})", "event"},
      {R"({"type":"paused","t_s":6})", "paused"},
      {R"({"type":"progress","t_s":7,"requests":10,"wall_s":0.1})", "progress"},
      {"not json at all", ""},
      {R"({"no_type":1})", ""},
      {R"({"type":"done","summary":{"requests":{"total":10}},"out_dir":"/tmp/x"})", "done"},
  };
  RunData d;
  for (const auto& c : cases) EXPECT_EQ(d.ingest_line(c.line), c.type) << c.line;
  ASSERT_EQ(d.events().size(), 2u);
  EXPECT_EQ(d.events()[0].kind, "autoscaler_decision");
  EXPECT_EQ(d.events()[0].revision, "r");
  EXPECT_EQ(d.events()[0].fields["reason"], "stable");
  EXPECT_FALSE(d.events()[0].fields.contains("type"));
  EXPECT_EQ(d.events()[1].revision, "");
  EXPECT_EQ(d.event_kinds(), (std::vector<std::string>{"autoscaler_decision", "timeline_action"}));
  EXPECT_EQ(d.event_revisions(), (std::vector<std::string>{"r"}));
  EXPECT_EQ(d.stray_lines().size(), 2u);
  EXPECT_TRUE(d.done());
  EXPECT_FALSE(d.paused()) << "done ends a pause";
  ASSERT_TRUE(d.summary().has_value());
  EXPECT_EQ((*d.summary())["requests"]["total"], 10);
  EXPECT_EQ(d.out_dir(), "/tmp/x");
  RunData bad;
  EXPECT_EQ(bad.ingest_line(R"({"type":"error","message":"a.yaml:3: spec.duration: bad"})"), "error");
  EXPECT_EQ(bad.error(), "a.yaml:3: spec.duration: bad");
}

TEST(RunData, PausedUntilTheNextSample) {
  RunData d;
  d.ingest_line(R"({"type":"paused","t_s":0})");
  EXPECT_TRUE(d.paused());
  d.ingest_line(sample(1, "r", 1, "Serve"));
  EXPECT_FALSE(d.paused());
}

}  // namespace
}  // namespace knsim::gui
