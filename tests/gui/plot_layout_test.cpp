// Every plot is readable at 1280 x 800 and 1920 x 1080: each legend (and each of its entries) lies
// inside its plot widget and is as wide as its text needs, no horizontal scroll bar, axis labels
// with units. Runs the whole window on the fake knsim (canary.jsonl), baseline and what-if overlay.
#include <qcustomplot.h>

#include <QFontMetrics>
#include <QScrollArea>
#include <QScrollBar>
#include <gtest/gtest.h>

#include <cmath>

#include "gui/legend_flow.hpp"
#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/scenario_panel.hpp"
#include "gui/whatif_panel.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

TEST(LegendFlow, ColumnsThatFit) {
  struct Case {
    std::vector<int> widths;
    int spacing, available, expected;
  };
  const Case cases[] = {
      {{100, 60, 80}, 8, 200, 2},     // the header's worked example
      {{100, 60, 80}, 8, 256, 3},     // exactly fits on one row
      {{100, 60, 80}, 8, 255, 2},
      {{100, 60, 80}, 8, 50, 1},      // nothing fits: one column
      {{}, 8, 500, 1},
      {{150, 150, 150, 150, 150}, 10, 800, 5},
      {{150, 150, 150, 150, 150}, 10, 640, 4},
      {{200, 50, 50, 200}, 0, 300, 3},  // n = 3: columns {200 (entries 0, 3), 50, 50} = 300
      {{200, 50, 50, 200}, 0, 299, 1},  // n = 2: columns {200, 200} = 400 > 299
  };
  for (const Case& c : cases)
    EXPECT_EQ(legend_columns_that_fit(c.widths, c.spacing, c.available), c.expected)
        << "available " << c.available << ", " << c.widths.size() << " entries";
}

class PlotLayout : public ::testing::TestWithParam<QSize> {
 protected:
  void SetUp() override {
    test::gui_app();
    window_ = std::make_unique<MainWindow>();
    window_->set_knsim_program(test::fake_knsim());
    ASSERT_TRUE(window_->open_scenario(test::fixture_scenario()));
    window_->set_speed(0);
    window_->run_to_end();
    ASSERT_TRUE(window_->baseline().wait_until_finished(30000));
    window_->what_if_panel()->set_value("stable-window", "30s");
    window_->rerun_what_if();  // the overlay adds an entry per revision to most legends
    ASSERT_TRUE(window_->what_if().wait_until_finished(30000));
    window_->refresh_views();
  }
  // Shows the window at `size`, lays everything out and replots (as a screen would).
  void show_at(const QSize& size) {
    window_->resize(size);
    window_->show();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
    for (const auto& [title, plot] : window_->plot_panel()->plots()) plot->replot(QCustomPlot::rpImmediateRefresh);
    QCoreApplication::processEvents();
  }
  std::unique_ptr<MainWindow> window_;
};

TEST_P(PlotLayout, NoLegendIsClippedAndNoHorizontalScrollBar) {
  show_at(GetParam());
  ASSERT_EQ(window_->size(), GetParam());
  QScrollArea* scroll = window_->plot_scroll();
  EXPECT_FALSE(scroll->horizontalScrollBar()->isVisible());
  EXPECT_LE(window_->plot_panel()->width(), scroll->viewport()->width()) << "nothing is hidden sideways";
  int entries = 0;
  for (const auto& [title, plot] : window_->plot_panel()->plots()) {
    SCOPED_TRACE(title.toStdString());
    ASSERT_GT(plot->width(), 0);
    QCPLegend* legend = plot->legend;
    ASSERT_TRUE(legend->visible());
    EXPECT_TRUE(plot->rect().contains(legend->outerRect())) << "legend inside its plot widget";
    EXPECT_GE(legend->outerRect().top(), plot->axisRect()->outerRect().bottom()) << "below the axis rect: hides no data";
    for (int i = 0; i < legend->itemCount(); ++i) {
      QCPAbstractLegendItem* item = legend->item(i);
      if (!item) continue;
      ++entries;
      const QRect r = item->outerRect();
      EXPECT_TRUE(plot->rect().contains(r)) << "entry " << i << " inside the plot";
      EXPECT_GE(r.width(), item->minimumOuterSizeHint().width()) << "entry " << i << " as wide as its text";
    }
  }
  EXPECT_GT(entries, 30) << "style keys, revisions, what-if overlays and nodes";
}

TEST_P(PlotLayout, BandLaneLabelsFitAndDoNotOverlap) {
  show_at(GetParam());
  QCustomPlot* bands = nullptr;
  for (const auto& [title, plot] : window_->plot_panel()->plots())
    if (title.startsWith("Mode bands")) bands = plot;
  ASSERT_NE(bands, nullptr);
  const int lanes = static_cast<int>(std::lround(bands->yAxis->range().size()));
  ASSERT_EQ(lanes, 4) << "hello-00001, hello-00002, each baseline and what-if";
  const QFontMetrics metrics(bands->yAxis->tickLabelFont());
  EXPECT_GE(bands->axisRect()->height() / lanes, 2 * metrics.height()) << "two-line labels (name, (what-if))";
  EXPECT_GE(bands->axisRect()->margins().left(), metrics.horizontalAdvance("hello-00001") + bands->yAxis->tickLabelPadding())
      << "the longest revision name fits left of the axis";
  for (const auto& [title, plot] : window_->plot_panel()->plots())
    EXPECT_EQ(plot->axisRect()->left(), bands->axisRect()->left()) << title.toStdString() << ": time axes aligned";
}

TEST_P(PlotLayout, AxisLabelsCarryUnits) {
  show_at(GetParam());
  for (const auto& [title, plot] : window_->plot_panel()->plots()) {
    SCOPED_TRACE(title.toStdString());
    EXPECT_FALSE(plot->yAxis->label().isEmpty());
    const QVector<QString> ticks = plot->xAxis->tickVectorLabels();
    ASSERT_FALSE(ticks.isEmpty());
    for (const QString& t : ticks) EXPECT_TRUE(t.endsWith(" s")) << t.toStdString();
  }
  const auto plots = window_->plot_panel()->plots();
  EXPECT_EQ(plots.back().second->xAxis->label(), "simulated time (s)");
  for (const char* unit : {"(%)", "(req/s)", "(ms)"}) {
    bool found = false;
    for (const auto& [title, plot] : plots) found = found || plot->yAxis->label().contains(unit);
    EXPECT_TRUE(found) << unit;
  }
}

INSTANTIATE_TEST_SUITE_P(Screens, PlotLayout, ::testing::Values(QSize(1280, 800), QSize(1920, 1080)),
                         [](const ::testing::TestParamInfo<QSize>& screen) {
                           return std::to_string(screen.param.width()) + "x" + std::to_string(screen.param.height());
                         });

}  // namespace
}  // namespace knsim::gui
