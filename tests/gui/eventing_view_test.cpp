// The Eventing view's widgets from hand-written stream lines: the Eventing plot appears only with
// eventing, is redrawn in batches (only bins that may still change), follows the Trigger /
// Subscription picked in the Eventing tab; the tab's table shows live counts, then the summary.
// And a run without eventing (the fake knsim's canary) shows no Eventing tab and no empty plot.
#include <qcustomplot.h>

#include <QComboBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gui/eventing_panel.hpp"
#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/run_data.hpp"
#include "tests/gui/gui_test_support.hpp"
#include "tests/gui/plot_compare.hpp"

namespace knsim::gui {
namespace {

std::string attempt(double t, const std::string& trigger, const std::string& subscription, const std::string& outcome) {
  return R"({"type":"event","t_s":)" + std::to_string(t) + R"(,"kind":"delivery_attempt","trigger":")" + trigger +
         R"(","subscription":")" + subscription + R"(","event_id":"e","attempt":1,"status":0,"outcome":")" + outcome +
         R"("})";
}
std::string trig(double t, const std::string& outcome) { return attempt(t, "default/pay", "", outcome); }
std::string sub(double t, const std::string& outcome) { return attempt(t, "", "default/ch-sub", outcome); }
std::string progress(double t) { return R"({"type":"progress","t_s":)" + std::to_string(t) + R"(,"requests":0,"wall_s":1})"; }

std::vector<double> keys(const QCPGraph* g) {
  std::vector<double> out;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.push_back(it->key);
  return out;
}

class EventingView : public ::testing::Test {
 protected:
  void SetUp() override {
    data_.ingest_line(R"({"type":"hello","scenario":"s","seed":1,"duration_s":8,"sample_interval_s":2,"revisions":[],"nodes":[]})");
  }
  // Ingests `lines` and runs one refresh tick (what MainWindow::refresh_views does).
  void tick(const std::vector<std::string>& lines) {
    for (const auto& l : lines) ASSERT_FALSE(data_.ingest_line(l).empty()) << l;
    if (panel_.refresh(data_)) plots_.refresh_eventing(panel_.feed());
  }
  const QCPGraph* graph(const char* series) const { return plots_.graph(QString("eventing/") + series); }
  QApplication& app_ = test::gui_app();  // before the widgets
  RunData data_;
  PlotPanel plots_;
  EventingPanel panel_;
};

TEST_F(EventingView, HiddenUntilTheFirstDeliveryAttempt) {
  const std::size_t plots_without = plots_.plots().size();
  tick({progress(1), R"({"type":"event","t_s":1,"kind":"autoscaler_decision","revision":"r","reason":"x"})"});
  EXPECT_TRUE(plots_.eventing_plot()->isHidden());
  EXPECT_EQ(plots_.plots().size(), plots_without) << "no empty Eventing plot in exports and screenshots";
  tick({trig(1.5, "delivered")});
  EXPECT_FALSE(plots_.eventing_plot()->isHidden());
  EXPECT_EQ(plots_.plots().size(), plots_without + 1);
  plots_.clear_run(0);
  EXPECT_TRUE(plots_.eventing_plot()->isHidden()) << "a new run hides it until it has eventing again";
}

// Three ticks; bins of 2 s drawn at their end (0 at t = 0 starts the first step):
//   tick 1: pay delivered @0.5, retry @1.5; t = 1.5      -> bin 0 drawn, not final
//   tick 2: progress t = 2, then pay retry @2.0 (bin 0!), ch-sub lost @3.0; t = 3 -> bin 0 redrawn
//   tick 3: pay dead_lettered @6.5; done                 -> bins 1, 2 (empty) and 3 added
TEST_F(EventingView, PlotIsRedrawnOnlyWhereBinsMayStillChange) {
  tick({trig(0.5, "delivered"), trig(1.5, "retry")});
  EXPECT_EQ(keys(graph("delivered")), (std::vector<double>{0, 2}));
  EXPECT_EQ(values(graph("retries")), (std::vector<double>{0, 1}));
  tick({progress(2)});
  tick({trig(2.0, "retry"), sub(3.0, "lost")});
  EXPECT_EQ(keys(graph("retries")), (std::vector<double>{0, 2, 4}));
  EXPECT_EQ(values(graph("retries")), (std::vector<double>{0, 2, 0})) << "the late event at t = 2 is in bin 0";
  EXPECT_EQ(values(graph("lost")), (std::vector<double>{0, 0, 1}));
  tick({trig(6.5, "dead_lettered"), R"({"type":"done","summary":{},"out_dir":"/tmp/x"})"});
  EXPECT_EQ(keys(graph("dead-lettered")), (std::vector<double>{0, 2, 4, 6, 8}));
  EXPECT_EQ(values(graph("dead-lettered")), (std::vector<double>{0, 0, 0, 0, 1}));
  EXPECT_EQ(values(graph("delivered")), (std::vector<double>{0, 1, 0, 0, 0}));
  EXPECT_EQ(values(graph("retries")), (std::vector<double>{0, 2, 0, 0, 0}));
  EXPECT_EQ(values(graph("lost")), (std::vector<double>{0, 0, 1, 0, 0}));
  EXPECT_EQ(graph("lost")->lineStyle(), QCPGraph::lsStepRight) << "a count holds over its interval (t - dt, t]";
}

TEST_F(EventingView, SelectorPicksWhatThePlotShows) {
  tick({trig(0.5, "retry"), trig(1.0, "delivered"), sub(1.5, "retry"), sub(3.5, "retry"), progress(4.5)});
  QComboBox* selector = panel_.plot_selector();
  ASSERT_EQ(selector->count(), 3) << "all, the trigger, the subscription";
  EXPECT_EQ(selector->itemText(1), "trigger default/pay");
  EXPECT_EQ(selector->itemText(2), "subscription default/ch-sub");
  EXPECT_EQ(values(graph("retries")), (std::vector<double>{0, 2, 1, 0}));
  QObject::connect(&panel_, &EventingPanel::selection_changed, &plots_, [this] {
    plots_.select_eventing(panel_.selection());
    plots_.refresh_eventing(panel_.feed());
  });
  QSignalSpy spy(&panel_, &EventingPanel::selection_changed);
  const int sub_row = panel_.table_row(Destination{Destination::Kind::kSubscription, "default/ch-sub"});
  EXPECT_EQ(sub_row, 3) << "Triggers heading, the trigger, Subscriptions heading, the subscription";
  emit panel_.destination_table()->cellClicked(2, 0);  // a heading: nothing happens
  EXPECT_EQ(spy.count(), 0);
  emit panel_.destination_table()->cellClicked(sub_row, 0);
  EXPECT_EQ(spy.count(), 1);
  ASSERT_TRUE(panel_.selection().has_value());
  EXPECT_EQ(panel_.selection()->name, "default/ch-sub");
  EXPECT_EQ(values(graph("retries")), (std::vector<double>{0, 1, 1, 0}));
  EXPECT_EQ(values(graph("delivered")), (std::vector<double>{0, 0, 0, 0}));
  panel_.show_time(3.0);  // interval (2, 4]: the subscription's retry at 3.5
  EXPECT_TRUE(panel_.cursor_text().contains("(2.0, 4.0] s, subscription default/ch-sub: delivered 0, retries 1,"))
      << panel_.cursor_text().toStdString();
  EXPECT_TRUE(panel_.select(std::nullopt));
  EXPECT_EQ(values(graph("retries")), (std::vector<double>{0, 2, 1, 0}));
  EXPECT_FALSE(panel_.select(Destination{Destination::Kind::kTrigger, "default/unknown"}));
}

TEST_F(EventingView, TableShowsLiveCountsThenTheSummary) {
  tick({trig(0.5, "retry"), trig(0.9, "dead_letter"), trig(1.0, "dead_lettered"), trig(1.2, "delivered")});
  QTableWidget* t = panel_.destination_table();
  ASSERT_EQ(t->rowCount(), 2);
  EXPECT_TRUE(t->item(0, 0)->text().startsWith("Triggers")) << "heading row";
  auto cell = [t](int c) { return t->item(1, c)->text().toStdString(); };
  // columns: name, received, filtered, delivered, retries, dead-lettered, lost, p50, p99
  EXPECT_EQ(cell(0), "default/pay");
  EXPECT_EQ(cell(1), "…") << "received only comes with the summary";
  EXPECT_EQ(cell(3), "1");
  EXPECT_EQ(cell(4), "1");
  EXPECT_EQ(cell(5), "1");
  EXPECT_EQ(cell(6), "0");
  EXPECT_EQ(cell(7), "…");
  EXPECT_TRUE(panel_.status_text().contains("Live")) << panel_.status_text().toStdString();
  EXPECT_TRUE(panel_.source_table()->isHidden());
  tick({R"({"type":"done","out_dir":"/tmp/x","summary":{"eventing":{"triggers":[{"name":"default/pay","received":9,)"
        R"("filtered":2,"delivered":5,"retries":3,"dead_lettered":1,"lost":1,"latency_ms":{"p50":12.34,"p99":400}}],)"
        R"("subscriptions":[],"sources":[{"name":"producer/pay","sent":9,"accepted":8,"failed":1}]}}})"});
  const std::vector<std::string> final_row = {"default/pay", "9", "2", "5", "3", "1", "1", "12.3", "400.0"};
  for (int c = 0; c < static_cast<int>(final_row.size()); ++c) EXPECT_EQ(cell(c), final_row[static_cast<std::size_t>(c)]) << c;
  EXPECT_TRUE(panel_.status_text().contains("Final"));
  QTableWidget* s = panel_.source_table();
  ASSERT_EQ(s->rowCount(), 1);
  EXPECT_EQ(s->item(0, 0)->text(), "producer/pay");
  EXPECT_EQ(s->item(0, 2)->text(), "8");
  EXPECT_EQ(s->item(0, 3)->text(), "1");
  EXPECT_FALSE(t->horizontalHeaderItem(5)->toolTip().isEmpty()) << "every column explains itself";
}

// PingSources straight into a Service: no Trigger or Subscription, no delivery attempt. The tab
// lists the sources; no all-zero Eventing plot, no empty table.
TEST_F(EventingView, SourcesOnlyListTheSourcesWithoutAPlot) {
  tick({progress(8), R"({"type":"done","out_dir":"/tmp/x","summary":{"eventing":{"triggers":[],"subscriptions":[],)"
                     R"("sources":[{"name":"pingsource/default/every-minute","sent":30,"accepted":29,"failed":1}]}}})"});
  EXPECT_TRUE(panel_.feed().has_eventing()) << "the tab is shown";
  EXPECT_TRUE(plots_.eventing_plot()->isHidden());
  EXPECT_TRUE(panel_.destination_table()->isHidden());
  EXPECT_FALSE(panel_.source_table()->isHidden());
  EXPECT_EQ(panel_.source_table()->item(0, 0)->text(), "pingsource/default/every-minute");
  EXPECT_EQ(panel_.source_table()->item(0, 2)->text(), "29");
  EXPECT_TRUE(panel_.status_text().contains("No Trigger or Subscription")) << panel_.status_text().toStdString();
}

TEST(EventingWindow, ARunWithoutEventingHasNoEventingTab) {
  test::gui_app();
  MainWindow window;
  window.set_knsim_program(test::fake_knsim());
  ASSERT_TRUE(window.open_scenario(test::fixture_scenario()));
  window.set_speed(0);
  window.run_to_end();
  ASSERT_TRUE(window.baseline().wait_until_finished(30000));
  window.refresh_views();
  QTabWidget* tabs = window.tabs();
  EXPECT_FALSE(tabs->isTabVisible(tabs->indexOf(window.eventing_panel())));
  EXPECT_TRUE(window.plot_panel()->eventing_plot()->isHidden());
  window.show_tab("eventing");
  EXPECT_NE(tabs->currentWidget(), window.eventing_panel()) << "a hidden tab is not picked";
}

}  // namespace
}  // namespace knsim::gui
