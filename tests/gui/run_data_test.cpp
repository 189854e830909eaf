// RunData: the stream lines of docs/run-stream.md become aligned columns, events and run state.
#include "gui/run_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace knsim::gui {
namespace {

TEST(RunData, HelloAnnouncesRevisionsAndNodesInOrder) {
  RunData d;
  EXPECT_EQ(d.ingest_line(R"({"type":"hello","scenario":"s","seed":3,"duration_s":120,"sample_interval_s":2,)"
                          R"("revisions":["b-00001","a-00001"],"nodes":["n0"],"knsim_version":"0.1"})"),
            "hello");
  ASSERT_TRUE(d.has_hello());
  EXPECT_EQ(d.info().seed, 3u);
  EXPECT_DOUBLE_EQ(d.info().duration_s, 120);
  EXPECT_DOUBLE_EQ(d.info().sample_interval_s, 2);
  ASSERT_EQ(d.revisions().size(), 2u);
  EXPECT_EQ(d.revisions()[0].name, "b-00001") << "hello order, not alphabetical, keeps colours stable";
  EXPECT_EQ(d.nodes()[0].name, "n0");
}

TEST(RunData, SamplesBecomeAlignedColumns) {
  RunData d;
  d.ingest_line(R"({"type":"sample","t_s":1,"revision":"r","ready_pods":1,"panic":0,"mode":"Proxy"})");
  d.ingest_line(R"({"type":"sample","t_s":2,"revision":"r","ready_pods":2,"panic":true,"mode":"Serve","ebc":5})");
  d.ingest_line(R"({"type":"sample","t_s":3,"revision":"r","panic":false,"mode":"Serve"})");
  const Series* s = d.revision("r");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->t, (std::vector<double>{1, 2, 3}));
  const auto& ready = *s->column("ready_pods");
  ASSERT_EQ(ready.size(), 3u);
  EXPECT_EQ(ready[0], 1);
  EXPECT_EQ(ready[1], 2);
  EXPECT_TRUE(std::isnan(ready[2])) << "a column missing from a row is NaN (a gap in the plot)";
  const auto& ebc = *s->column("ebc");
  ASSERT_EQ(ebc.size(), 3u) << "a column first seen late is back-filled";
  EXPECT_TRUE(std::isnan(ebc[0]));
  EXPECT_EQ(ebc[1], 5);
  EXPECT_EQ(*s->column("panic"), (std::vector<double>{0, 1, 0})) << "booleans plot as 0/1";
  EXPECT_EQ(*s->text_column("mode"), (std::vector<std::string>{"Proxy", "Serve", "Serve"}));
  EXPECT_DOUBLE_EQ(d.last_t(), 3);
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
  d.ingest_line(R"({"type":"sample","t_s":1,"revision":"r","pods":1})");
  EXPECT_FALSE(d.paused());
}

}  // namespace
}  // namespace knsim::gui
