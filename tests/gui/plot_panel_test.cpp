// PlotPanel's legends with many revisions and nodes (a fleet, the cold-start storm's 100
// Services): they name as many as there are colours and count the rest in one "+N more" entry,
// so a legend stays a row or two and never pushes the plot out of its widget.
#include "gui/plot_panel.hpp"

#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <string>

#include "gui/plot_style.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

std::string sample(double t, const std::string& rev) {
  return R"({"type":"sample","t_s":)" + std::to_string(t) + R"(,"revision":")" + rev +
         R"(","desired_pods":1,"ready_pods":1,"pods":1,"observed_stable":1,"observed_panic":1,"panic":0,)"
         R"("mode":"Serve","ebc":0,"requests":5,"concurrency":1,"traffic_percent":100})";
}

std::string node(double t, const std::string& name) {
  return R"({"type":"node","t_s":)" + std::to_string(t) + R"(,"node":")" + name +
         R"(","up":true,"pods":1,"cpu_used":0.5,"cpu_cores":4})";
}

// A run of `revisions` revisions and `nodes` nodes, two samples each.
RunData run_of(int revisions, int nodes) {
  RunData d;
  for (int t = 1; t <= 2; ++t) {
    for (int i = 0; i < revisions; ++i) d.ingest_line(sample(t, "fn-" + std::to_string(100 + i) + "-00001"));
    for (int i = 0; i < nodes; ++i) d.ingest_line(node(t, "node-" + std::to_string(i)));
  }
  return d;
}

// The names of `plot`'s legend entries, in order.
std::vector<std::string> legend_names(QCustomPlot* plot) {
  std::vector<std::string> names;
  for (int i = 0; i < plot->legend->itemCount(); ++i)
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i)))
      names.push_back(item->plottable()->name().toStdString());
  return names;
}

int count_prefixed(const std::vector<std::string>& names, const std::string& prefix) {
  int n = 0;
  for (const std::string& s : names) n += s.rfind(prefix, 0) == 0;
  return n;
}

TEST(PlotPanelLegend, NamesAsManyRevisionsAndNodesAsThereAreColoursAndCountsTheRest) {
  test::gui_app();
  struct Case {
    int revisions, nodes;
    const char* more_revisions;  // last entry of the revision plots ("" = no such entry)
    const char* more_nodes;
  };
  const Case cases[] = {
      {3, 2, "", ""},
      {kRevisionColors, kNodeColors, "", ""},  // exactly one per colour: all named
      {kRevisionColors + 1, kNodeColors + 1, "+1 more revisions (colours repeat)", "+1 more nodes (colours repeat)"},
      {100, 200, "+93 more revisions (colours repeat)", "+194 more nodes (colours repeat)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.revisions) + " revisions, " + std::to_string(c.nodes) + " nodes");
    PlotPanel panel;
    const RunData data = run_of(c.revisions, c.nodes);
    ASSERT_TRUE(panel.refresh(0, data));
    for (QCustomPlot* plot : {panel.graph("pods/fn-100-00001 ready")->parentPlot(),
                              panel.graph("latency/fn-100-00001 p99")->parentPlot()}) {
      const std::vector<std::string> names = legend_names(plot);
      EXPECT_EQ(count_prefixed(names, "fn-"), std::min(c.revisions, kRevisionColors));
      EXPECT_EQ(count_prefixed(names, "+"), *c.more_revisions ? 1 : 0);
      if (*c.more_revisions) {
        EXPECT_EQ(names.back(), c.more_revisions) << "the count comes last";
      }
    }
    const std::vector<std::string> nodes = legend_names(panel.graph("nodes/node-0 pods")->parentPlot());
    EXPECT_EQ(count_prefixed(nodes, "node-"), std::min(c.nodes, kNodeColors));
    if (*c.more_nodes) {
      EXPECT_EQ(nodes.back(), c.more_nodes);
    }
    // Every revision is still drawn and exported: only the legend is shorter.
    EXPECT_NE(panel.graph("pods/fn-" + QString::number(99 + c.revisions) + "-00001 ready"), nullptr);
  }
}

TEST(PlotPanelLegend, TheCountFollowsTheRunsThatAreShown) {
  test::gui_app();
  PlotPanel panel;
  panel.refresh(0, run_of(10, 1));
  panel.refresh(1, run_of(12, 1));  // the what-if run has two more revisions
  QCustomPlot* pods = panel.graph("pods/fn-100-00001 ready")->parentPlot();
  EXPECT_EQ(legend_names(pods).back(), "+5 more revisions (colours repeat)") << "distinct names, not per run";
  panel.clear_run(1);
  EXPECT_EQ(legend_names(pods).back(), "+3 more revisions (colours repeat)");
  panel.clear_run(0);
  EXPECT_EQ(count_prefixed(legend_names(pods), "+"), 0);
}

// A revision past the 7th in the baseline but among the first in the what-if is named there, so it
// is not counted as unnamed.
TEST(PlotPanelLegend, ARevisionNamedInEitherRunIsNotCounted) {
  test::gui_app();
  PlotPanel panel;
  panel.refresh(0, run_of(10, 1));  // fn-107..109 unnamed
  RunData what_if;
  what_if.ingest_line(sample(1, "fn-109-00001"));  // first in this run: named
  for (int i = 0; i < 9; ++i) what_if.ingest_line(sample(1, "fn-" + std::to_string(100 + i) + "-00001"));
  panel.refresh(1, what_if);
  QCustomPlot* pods = panel.graph("pods/fn-100-00001 ready")->parentPlot();
  EXPECT_EQ(legend_names(pods).back(), "+2 more revisions (colours repeat)") << "fn-107 and fn-108";
}

}  // namespace
}  // namespace knsim::gui
