#include "reports/svg_plot.hpp"

#include <gtest/gtest.h>

namespace knsim::reports {
namespace {

TEST(SvgPlot, NiceTicks) {
  EXPECT_EQ(nice_ticks(0, 24, 10), (std::vector<double>{0, 5, 10, 15, 20}));
  EXPECT_EQ(nice_ticks(0, 1, 5), (std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}));
  EXPECT_EQ(nice_ticks(0, 3, 5, 1.0), (std::vector<double>{0, 1, 2, 3}));  // counts: whole steps
  EXPECT_EQ(nice_ticks(5, 5, 5).front(), 5);  // empty range widened, no crash
}

TEST(SvgPlot, TimeAxisUnits) {
  EXPECT_EQ(TimeAxis::for_range(0, 600).unit_name, "s");
  EXPECT_EQ(TimeAxis::for_range(0, 1200).unit_name, "min");
  EXPECT_EQ(TimeAxis::for_range(0, 86400).unit_name, "h");
}

TEST(SvgPlot, RendersLabelsLegendAndEscapes) {
  const std::vector<double> t = {0, 30, 60};
  SvgPlot p("Pods <per> revision", "pods", TimeAxis::for_range(0, 60));
  p.add({"a&b ready", "#1f77b4", &t, {0, 2, 1}, PlotLine::Style::kSolid, 2, true});
  p.add_marker({30, "failNode", "#c00"});
  const std::string svg = p.render(600, 200);
  EXPECT_NE(svg.find("Pods &lt;per&gt; revision"), std::string::npos);
  EXPECT_NE(svg.find("a&amp;b ready"), std::string::npos);
  EXPECT_NE(svg.find("time (s)"), std::string::npos);
  EXPECT_NE(svg.find(">pods</text>"), std::string::npos);
  EXPECT_NE(svg.find(">failNode</text>"), std::string::npos);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_EQ(svg, p.render(600, 200));  // deterministic
  // 1 s samples over a day are thinned to the pixel width
  std::vector<double> day(86400), y(86400);
  for (int i = 0; i < 86400; ++i) {
    day[static_cast<std::size_t>(i)] = i;
    y[static_cast<std::size_t>(i)] = i % 7;
  }
  SvgPlot big("day", "pods", TimeAxis::for_range(0, 86400));
  big.add({"r", "#000", &day, y, PlotLine::Style::kSolid, 1, false});
  EXPECT_LT(big.render(1100, 200).size(), 100000u);
}

}  // namespace
}  // namespace knsim::reports

namespace knsim::reports {
namespace {

TEST(SvgPlot, ZeroIsGapSplitsTheLine) {
  const std::vector<double> t = {1, 2, 3, 4, 5};
  SvgPlot p("latency", "ms", TimeAxis::for_range(0, 5));
  PlotLine l{"p50", "#000", &t, {10, 12, 0, 0, 11}, PlotLine::Style::kSolid, 1, false, true};
  p.add(l);
  const std::string svg = p.render(600, 200);
  std::size_t lines = 0;
  for (std::size_t at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1)) ++lines;
  EXPECT_EQ(lines, 2u);  // [1,2] and [5]: nothing drawn at 0
}

}  // namespace
}  // namespace knsim::reports

namespace knsim::reports {
namespace {

TEST(SvgPlot, LogAxisCoversWholeDecadesAndSkipsZeros) {
  const std::vector<double> t = {1, 2, 3, 4};
  SvgPlot p("latency", "ms", TimeAxis::for_range(0, 4));
  p.set_log_y(true);
  p.add({"p99", "#000", &t, {12, 0, 3000, 40}, PlotLine::Style::kSolid, 1, false});
  const std::string svg = p.render(600, 200);
  for (const char* tick : {">10</text>", ">20</text>", ">100</text>", ">1000</text>", ">10000</text>"}) {
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  }
  EXPECT_EQ(svg.find(">5</text>"), std::string::npos);  // below the lowest decade
  std::size_t lines = 0;
  for (std::size_t at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1)) ++lines;
  EXPECT_EQ(lines, 2u);  // the 0 splits the line
}

}  // namespace
}  // namespace knsim::reports
