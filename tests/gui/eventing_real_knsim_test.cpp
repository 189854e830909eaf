// The Eventing view driving the real `knsim run --stream` on scenarios/eventing-flaky-dlq.yaml (a
// trigger whose subscriber fails 60% of the time, retries and a dead-letter sink): after `done` the
// table holds summary.json's eventing numbers, and the plotted per-interval counts add up to the
// delivery_attempt events of each outcome in events.jsonl. Also writes the Eventing screenshot of
// scenarios/eventing-broker-filters.yaml. Skipped when the knsim executable is not built.
#include <qcustomplot.h>

#include <QFileInfo>
#include <QImage>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "gui/eventing_panel.hpp"
#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/scenario_panel.hpp"
#include "gui/screenshot_script.hpp"
#include "tests/gui/gui_test_support.hpp"
#include "tests/gui/plot_compare.hpp"

namespace knsim::gui {
namespace {

class EventingWithKnsim : public ::testing::Test {
 protected:
  void SetUp() override {
    test::gui_app();
    if (!QFileInfo(test::real_knsim()).isExecutable()) GTEST_SKIP() << "knsim not built: " << test::real_knsim().toStdString();
    window_ = std::make_unique<MainWindow>();
    window_->set_knsim_program(test::real_knsim());
  }
  void run_to_end(const char* scenario) {
    const QString path = QString::fromStdString((test::source_dir() / scenario).string());
    ASSERT_TRUE(window_->open_scenario(path)) << window_->scenario_panel()->problems().join("\n").toStdString();
    window_->set_speed(0);
    window_->run_to_end();
    ASSERT_TRUE(window_->baseline().wait_until_finished(300000));
    ASSERT_TRUE(window_->baseline().data().done()) << window_->baseline().stderr_text().toStdString();
    window_->refresh_views();
  }
  std::filesystem::path out_dir() const { return window_->baseline().options().out_dir.toStdString(); }
  std::unique_ptr<MainWindow> window_;
};

double plotted_sum(const QCPGraph* g) {
  double sum = 0;
  for (double v : values(g)) sum += v;
  return sum;
}

// The table after `done` equals summary.json's eventing numbers, row by row, and the plotted
// per-interval counts add up to the delivery_attempt events of each outcome in events.jsonl.
// Returns the outcome counts of events.jsonl and summary.json's eventing object.
std::pair<std::map<std::string, int>, nlohmann::json> expect_view_matches_outputs(MainWindow& window,
                                                                                   const std::filesystem::path& out) {
  std::ifstream summary_file(out / "summary.json");
  EXPECT_TRUE(summary_file) << "knsim wrote no summary.json";
  const nlohmann::json eventing = nlohmann::json::parse(summary_file)["eventing"];
  const EventingPanel& panel = *window.eventing_panel();
  const QTableWidget* table = panel.destination_table();
  int destinations = 0;
  for (const auto& [key, kind] : {std::pair{"triggers", Destination::Kind::kTrigger},
                                  std::pair{"subscriptions", Destination::Kind::kSubscription}}) {
    for (const nlohmann::json& d : eventing[key]) {
      ++destinations;
      const int row = panel.table_row(Destination{kind, d["name"].get<std::string>()});
      EXPECT_GE(row, 0) << d["name"];
      if (row < 0) continue;
      EXPECT_EQ(table->item(row, 0)->text().toStdString(), d["name"].get<std::string>());
      const std::vector<std::pair<int, const char*>> counts = {{1, "received"}, {2, "filtered"},      {3, "delivered"},
                                                               {4, "retries"},  {5, "dead_lettered"}, {6, "lost"}};
      for (const auto& [column, field] : counts)
        EXPECT_EQ(table->item(row, column)->text().toStdString(), std::to_string(d[field].get<std::int64_t>()))
            << d["name"] << " " << field;
      EXPECT_EQ(table->item(row, 7)->text(), QString::number(d["latency_ms"]["p50"].get<double>(), 'f', 1));
      EXPECT_EQ(table->item(row, 8)->text(), QString::number(d["latency_ms"]["p99"].get<double>(), 'f', 1));
      EXPECT_EQ(table->item(row, 9)->text(), QString::number(d["latency_ms"]["max"].get<double>(), 'f', 1));
    }
  }
  EXPECT_EQ(static_cast<int>(panel.feed().rows().size()), destinations) << "no row the summary does not have";
  const QTableWidget* sources = panel.source_table();
  EXPECT_EQ(sources->rowCount(), static_cast<int>(eventing["sources"].size()));
  for (int i = 0; i < sources->rowCount() && i < static_cast<int>(eventing["sources"].size()); ++i) {
    const nlohmann::json& s = eventing["sources"][static_cast<std::size_t>(i)];
    EXPECT_EQ(sources->item(i, 0)->text().toStdString(), s["name"].get<std::string>());
    EXPECT_EQ(sources->item(i, 1)->text().toInt(), s["sent"].get<int>());
    EXPECT_EQ(sources->item(i, 2)->text().toInt(), s["accepted"].get<int>());
    EXPECT_EQ(sources->item(i, 3)->text().toInt(), s["failed"].get<int>());
  }
  std::map<std::string, int> outcomes;
  std::ifstream events(out / "events.jsonl");
  EXPECT_TRUE(events);
  for (std::string line; std::getline(events, line);) {
    const nlohmann::json e = nlohmann::json::parse(line);
    if (e["kind"] == "delivery_attempt") ++outcomes[e["outcome"].get<std::string>()];
  }
  EXPECT_GT(outcomes["delivered"], 0);
  const std::map<std::string, int> expected = {
      {"delivered", outcomes["delivered"]},
      {"retries", outcomes["retry"] + outcomes["reply_retry"]},
      {"dead-lettered", outcomes["dead_lettered"]},
      {"lost", outcomes["lost"] + outcomes["dead_letter_failed"]},
  };
  for (const auto& [series, n] : expected) {
    const QCPGraph* g = window.plot_panel()->graph(QString::fromStdString("eventing/" + series));
    EXPECT_NE(g, nullptr) << series;
    if (g) {
      EXPECT_EQ(plotted_sum(g), n) << series;
    }
  }
  EXPECT_TRUE(window.eventing_panel()->feed().problems().empty()) << window.eventing_panel()->feed().problems().front();
  return {outcomes, eventing};
}

TEST_F(EventingWithKnsim, FlakyDlqTableEqualsTheSummaryAndPlotsAddUpToTheEvents) {
  run_to_end("scenarios/eventing-flaky-dlq.yaml");
  QTabWidget* tabs = window_->tabs();
  EXPECT_TRUE(tabs->isTabVisible(tabs->indexOf(window_->eventing_panel())));
  EXPECT_FALSE(window_->plot_panel()->eventing_plot()->isHidden());
  const auto [outcomes, eventing] = expect_view_matches_outputs(*window_, out_dir());
  ASSERT_EQ(eventing["triggers"].size(), 1u);
  ASSERT_EQ(window_->eventing_panel()->destination_table()->rowCount(), 2) << "a 'Triggers' heading and the trigger";
  const nlohmann::json& t = eventing["triggers"][0];
  EXPECT_GT(t["retries"].get<int>(), 0) << "the scenario must exercise retries";
  EXPECT_GT(t["dead_lettered"].get<int>(), 0) << "and the dead-letter sink";
  // The events agree with the summary too (every retry and dead letter is one attempt line).
  EXPECT_EQ(outcomes.at("retry"), t["retries"].get<int>());
  EXPECT_EQ(outcomes.at("dead_lettered"), t["dead_lettered"].get<int>());
  EXPECT_EQ(outcomes.at("delivered"), t["delivered"].get<int>());
  // One point per sample interval of the 5 min run, plus the 0 at t = 0.
  const QCPGraph* delivered = window_->plot_panel()->graph("eventing/delivered");
  const double interval = window_->baseline().data().info().sample_interval_s;
  EXPECT_EQ(delivered->data()->size(), static_cast<int>(std::lround(300 / interval)) + 1);
}

// A Sequence: a trigger into a chain of Channel Subscriptions whose subscribers reply.
TEST_F(EventingWithKnsim, SequenceSubscriptionsAndRepliesAreCounted) {
  run_to_end("scenarios/eventing-sequence.yaml");
  const auto [outcomes, eventing] = expect_view_matches_outputs(*window_, out_dir());
  EXPECT_FALSE(eventing["subscriptions"].empty());
  EXPECT_GT(outcomes.count("replied") ? outcomes.at("replied") : 0, 0) << "the steps reply";
}

// While the run is paused after two autoscaler ticks, the table and the plot show what streamed so
// far: the live counters equal the delivery_attempt events received, outcome by outcome.
TEST_F(EventingWithKnsim, LiveCountsWhilePaused) {
  const QString path = QString::fromStdString((test::source_dir() / "scenarios/eventing-flaky-dlq.yaml").string());
  ASSERT_TRUE(window_->open_scenario(path));
  RunController& run = window_->baseline();
  auto wait_paused_after = [&](double t) {
    for (int i = 0; i < 1000 && !(run.data().paused() && run.data().last_t() >= t - 1e-9); ++i) {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
      QThread::msleep(10);
    }
    return run.data().paused() && run.data().last_t() >= t - 1e-9;
  };
  window_->step();
  ASSERT_TRUE(wait_paused_after(2)) << run.stderr_text().toStdString();
  window_->refresh_views();  // a first batch, then a second one on top of it
  window_->step();
  ASSERT_TRUE(wait_paused_after(4)) << run.stderr_text().toStdString();
  window_->refresh_views();
  std::map<std::string, int> outcomes;
  for (const RunEvent& e : run.data().events())
    if (e.kind == "delivery_attempt") ++outcomes[e.fields["outcome"].get<std::string>()];
  ASSERT_GT(outcomes["delivered"] + outcomes["retry"], 10) << "5 events/s for 4 s";
  const EventingPanel& panel = *window_->eventing_panel();
  EXPECT_TRUE(panel.status_text().contains("Live")) << panel.status_text().toStdString();
  const int row = panel.table_row(Destination{Destination::Kind::kTrigger, "default/payments"});
  ASSERT_GE(row, 0);
  const QTableWidget* table = panel.destination_table();
  EXPECT_EQ(table->item(row, 1)->text(), QString::fromUtf8("…")) << "received: only in the summary";
  EXPECT_EQ(table->item(row, 3)->text().toInt(), outcomes["delivered"]);
  EXPECT_EQ(table->item(row, 4)->text().toInt(), outcomes["retry"]);
  EXPECT_EQ(table->item(row, 5)->text().toInt(), outcomes["dead_lettered"]);
  EXPECT_EQ(plotted_sum(window_->plot_panel()->graph("eventing/delivered")), outcomes["delivered"]);
  EXPECT_EQ(plotted_sum(window_->plot_panel()->graph("eventing/retries")), outcomes["retry"]);
  run.quit();
  run.wait_until_finished(30000);
}

// Writes into the build tree (KNSIM_SCREENSHOT_DIR = docs/screenshots to refresh the docs' picture).
TEST_F(EventingWithKnsim, ScreenshotOfTheEventingTab) {
  const char* env_dir = std::getenv("KNSIM_SCREENSHOT_DIR");
  const std::filesystem::path dir = env_dir ? std::filesystem::path(env_dir) : test::binary_dir() / "screenshots";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(window_->open_scenario(QString::fromStdString((test::source_dir() / "scenarios/eventing-broker-filters.yaml").string())));
  ScreenshotScript script;
  script.run_to_end = true;
  script.tab = "eventing";
  script.cursor = 370;  // in the second burst, just after the cold starts
  script.screenshot = QString::fromStdString((dir / "knsim-gui-eventing.png").string());
  ASSERT_EQ(run_script(*window_, script), 0);
  EXPECT_EQ(window_->tabs()->currentWidget(), window_->eventing_panel());
  EXPECT_FALSE(QImage(script.screenshot).isNull());
}

}  // namespace
}  // namespace knsim::gui
