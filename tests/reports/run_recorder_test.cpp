// RunRecorder writes the outputs as the run goes: timeseries.csv, nodes.csv and events.jsonl byte
// for byte as write_run_outputs writes them from a whole store and event list, summary.json the same
// (aggregates instead of the store), report.html from a thinned store whose plot counts add up.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "reports/run_recorder.hpp"
#include "reports/writers.hpp"
#include "tests/reports/sample_run.hpp"
#include "tests/support/files.hpp"

namespace knsim::reports {
namespace {

namespace fs = std::filesystem;

using test::read_text;
using test::write_text;

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("knsim-recorder-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

// Replays a finished SampleRun through a recorder: per sample time, its rows in reverse name order
// (the recorder sorts them), its events in order before the samples of their time.
void replay(const testing::SampleRun& run, RunRecorder& rec) {
  std::map<double, std::vector<RevisionSample>> revs;
  std::map<double, std::vector<NodeSample>> nodes;
  for (const auto& [name, s] : run.store.revisions())
    for (std::size_t i = 0; i < s.size(); ++i) revs[s.t()[i]].insert(revs[s.t()[i]].begin(), s.row(i));
  for (const auto& [name, s] : run.store.nodes())
    for (std::size_t i = 0; i < s.size(); ++i) nodes[s.t()[i]].insert(nodes[s.t()[i]].begin(), s.row(i));
  std::size_t next_event = 0;
  const auto& events = run.events.events();
  for (auto& [t, rows] : revs) {
    while (next_event < events.size() && events[next_event].t_s <= t) rec.on_event(events[next_event++]);
    rec.add_samples(rows, nodes[t]);
  }
  while (next_event < events.size()) rec.on_event(events[next_event++]);
}

TEST(RunRecorder, FilesAndSummaryAreThoseOfTheWholeRunWriters) {
  testing::SampleRun run;
  testing::fill_sample_run(run, 900);
  const RunSummary whole = build_run_summary(run.info, run.stats, run.store, run.events.events());
  const fs::path a = fresh_dir("whole"), b = fresh_dir("streamed");
  WriteOptions opt;
  opt.include_wall = false;
  ASSERT_EQ(write_run_outputs(a, whole, run.store, run.events.events(), opt), "");

  RunRecorder rec(b, run.info.duration_s, run.info.sample_interval_s, 100);
  ASSERT_EQ(rec.open(), "");
  replay(run, rec);
  const RunSummary streamed = build_run_summary(run.info, run.stats, rec.aggregates());
  EXPECT_EQ(to_json(streamed, false).dump(1), to_json(whole, false).dump(1));
  EXPECT_FALSE(fs::exists(b / "summary.json")) << "only finish() makes the run complete";
  ASSERT_EQ(rec.finish(streamed, opt), "");
  for (const char* f : {"timeseries.csv", "nodes.csv", "events.jsonl", "summary.json"}) {
    SCOPED_TRACE(f);
    EXPECT_EQ(read_text(b / f), read_text(a / f));
  }
  EXPECT_TRUE(read_text(b / "report.html").find("Pods per revision") != std::string::npos);
  for (const auto& e : fs::directory_iterator(b)) EXPECT_EQ(e.path().filename().string().find(".partial"), std::string::npos);
  fs::remove_all(a);
  fs::remove_all(b);
}

// 900 samples with 100 plot points: the stride doubles to 8 (900 / 8 = 112 points < 200); every
// kept time is a multiple of the stride and the requests of the dropped samples are in the kept ones.
TEST(RunRecorder, PlotStoreIsThinnedAndKeepsTheCounts) {
  testing::SampleRun run;
  testing::fill_sample_run(run, 900);
  RunRecorder rec(fresh_dir("thin"), 900, 1, 100);  // not opened: only the aggregates and the plot
  replay(run, rec);
  EXPECT_EQ(rec.plot_stride(), 8u);
  for (const auto& [name, s] : rec.plot_store().revisions()) {
    SCOPED_TRACE(name);
    EXPECT_LT(s.size(), 200u);
    EXPECT_GE(s.size(), 100u);
    double kept = 0, all = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      EXPECT_EQ(static_cast<long long>(s.t()[i]) % 8, 0);
      kept += s.column(RevCol::kRequests)[i];
    }
    const RevisionSeries& full = *run.store.revision(name);
    for (std::size_t i = 0; i < full.size(); ++i)
      if (full.t()[i] <= s.t().back()) all += full.column(RevCol::kRequests)[i];
    EXPECT_EQ(kept, all);
  }
  ASSERT_EQ(rec.plot_store().nodes().size(), 1u) << "one `cluster` series for the node plot";
  EXPECT_EQ(rec.plot_store().nodes().begin()->first, "cluster");
}

TEST(RunRecorder, DiscardLeavesNothingAndAnEarlierSummaryIsGoneAtOpen) {
  const fs::path d = fresh_dir("discard");
  fs::create_directories(d);
  ASSERT_TRUE(write_text(d / "summary.json", "{}"));
  {
    RunRecorder rec(d, 10, 1);
    ASSERT_EQ(rec.open(), "");
    EXPECT_FALSE(fs::exists(d / "summary.json"));
    std::vector<RevisionSample> revs(1);
    revs[0].t_s = 1;
    revs[0].revision = "r";
    std::vector<NodeSample> nodes;
    rec.add_samples(revs, nodes);
    rec.discard();
  }
  EXPECT_TRUE(fs::is_empty(d));
  fs::remove_all(d);
}

// report.html from events gathered one by one is the page written from the whole list, with more
// table events than it shows (the "first 300" note) and node changes after them (markers).
TEST(RunRecorder, ReportFromGatheredEventsIsTheSamePage) {
  testing::SampleRun run;
  testing::fill_sample_run(run, 600);
  for (int i = 0; i < 400; ++i) run.events.on_event({300.0 + i * 0.1, ModeSwitch{"hello-00002", i % 2 ? "Proxy" : "Serve", "x"}});
  run.events.on_event({590, NodeChange{"worker-2", false, 0, 0, "late"}});
  const RunSummary s = build_run_summary(run.info, run.stats, run.store, run.events.events());
  std::ostringstream whole, gathered;
  write_report_html(whole, s, run.store, run.events.events());
  ReportEvents re(report_axis(s, run.store));
  for (const Event& e : run.events.events()) re.on_event(e);
  EXPECT_LT(re.kept().size(), 320u);
  write_report_html(gathered, s, run.store, re);
  EXPECT_EQ(gathered.str(), whole.str());
  EXPECT_NE(whole.str().find("first 300 shown"), std::string::npos);
  EXPECT_NE(whole.str().find("down worker-2"), std::string::npos);
}

}  // namespace
}  // namespace knsim::reports
