// The Sweep view (gui/sweep_view.hpp), offscreen: a sweep folder's points and Pareto front plotted,
// hover text, picking by pixel, click = replay and second click = compare (signals and the sets they
// carry); with the real knsim: a click replays the point in the main window (the run's summary equals
// the sweep's own run of that point) and a second click runs the other point as the what-if.
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>
#include <fstream>
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <nlohmann/json.hpp>

#include "gui/main_window.hpp"
#include "gui/run_controller.hpp"
#include "gui/sweep_view.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

namespace fs = std::filesystem;

// 4 points x 2 seeds of one parameter k; (cost, p99, cold) means: a (100, 50, 1), b (200, 40, 1),
// c (210, 45, 1: dominated by b), d (90, 80, 0).
fs::path write_sweep(const QTemporaryDir& tmp) {
  const fs::path dir = tmp.path().toStdString();
  std::ofstream(dir / "sweep.json") << R"({"kind": "sweep", "scenario": ")" << (test::source_dir() / "scenarios/step-load.yaml").string()
                                    << R"(", "sets": ["scenario.duration=1m"], "params": [{"key": "k", "values": ["a","b","c","d"]}], "seeds": [7, 8]})";
  std::ofstream csv(dir / "results.csv");
  csv << "point,seed,k,cost_pod_seconds,node_seconds,requests,failed,failed_ratio,latency_p50_ms,latency_p99_ms,"
         "cold_start_requests,max_pods\n";
  const struct {
    const char* v;
    double cost, p99, cold;
  } pts[] = {{"a", 100, 50, 1}, {"b", 200, 40, 1}, {"c", 210, 45, 1}, {"d", 90, 80, 0}};
  for (int p = 0; p < 4; ++p)
    for (int s : {7, 8})
      csv << p << ',' << s << ',' << pts[p].v << ',' << pts[p].cost + (s - 7.5) * 2 << ",60,100,0,0,10," << pts[p].p99 << ','
          << pts[p].cold << ",3\n";
  return dir;
}

TEST(SweepView, PlotsPointsAndParetoFrontAndPicksByPixel) {
  test::gui_app();
  QTemporaryDir tmp;
  write_sweep(tmp);
  SweepView view;
  view.resize(900, 600);
  view.show();
  ASSERT_EQ(view.open(tmp.path()), QString());
  QApplication::processEvents();
  view.plot()->replot();
  ASSERT_EQ(view.points().size(), 4u);
  EXPECT_EQ(view.front(), (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_EQ(view.plot()->graph(0)->dataCount(), 4);  // every point
  EXPECT_EQ(view.plot()->graph(1)->dataCount(), 3);  // the front, joined by cost
  EXPECT_DOUBLE_EQ(view.plot()->graph(1)->data()->at(0)->key, 90);
  EXPECT_DOUBLE_EQ(view.plot()->graph(1)->data()->at(2)->key, 200);
  EXPECT_EQ(view.plot()->itemCount(), 3);  // one settings label per front point
  EXPECT_NE(view.plot()->legend->visible(), false);
  // Hover text: settings and figures with CIs.
  const QString tip = view.tooltip_for(0);
  EXPECT_TRUE(tip.contains("k = a")) << tip.toStdString();
  EXPECT_TRUE(tip.contains("Pareto front")) << tip.toStdString();
  EXPECT_TRUE(tip.contains("cost 100.0 [")) << tip.toStdString();
  EXPECT_FALSE(view.tooltip_for(2).contains("Pareto front"));
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(view.point_at(view.pixel_of(i)), static_cast<int>(i));
  EXPECT_EQ(view.point_at(view.pixel_of(0) + QPointF(30, 30)), -1);
  EXPECT_EQ(view.sets_for(3), (QStringList{"scenario.duration=1m", "k=d", "scenario.seed=7"}));
  EXPECT_TRUE(QFileInfo(view.scenario()).isAbsolute());
}

TEST(SweepView, ClickReplaysSecondClickComparesThirdStartsOver) {
  test::gui_app();
  QTemporaryDir tmp;
  write_sweep(tmp);
  SweepView view;
  view.resize(900, 600);
  view.show();
  ASSERT_EQ(view.open(tmp.path()), QString());
  QApplication::processEvents();
  view.plot()->replot();
  QSignalSpy replay(&view, &SweepView::replay_requested), compare(&view, &SweepView::compare_requested);
  // A real mouse click on point 1's dot.
  QTest::mouseRelease(view.plot(), Qt::LeftButton, Qt::NoModifier, view.pixel_of(1).toPoint());
  ASSERT_EQ(replay.count(), 1);
  EXPECT_EQ(replay.at(0).at(0).toInt(), 1);
  EXPECT_TRUE(view.selection_text().contains("Replaying point 1 (k=b)")) << view.selection_text().toStdString();
  view.click_point(1);  // the same point again: a replay, not a comparison with itself
  EXPECT_EQ(replay.count(), 2);
  view.click_point(2);
  ASSERT_EQ(compare.count(), 1);
  EXPECT_EQ(compare.at(0).at(0).toInt(), 1);
  EXPECT_EQ(compare.at(0).at(1).toInt(), 2);
  EXPECT_EQ(view.plot()->graph(2)->dataCount(), 2);  // both marked
  view.click_point(3);
  EXPECT_EQ(replay.count(), 3);
  EXPECT_EQ(view.plot()->graph(2)->dataCount(), 1);
  // Not a sweep folder.
  QTemporaryDir empty;
  EXPECT_TRUE(view.open(empty.path()).contains("no sweep.json"));
}

TEST(SweepView, ClickReplaysThePointInTheMainWindowWithTheRealKnsim) {
  test::gui_app();
  if (!QFileInfo(test::real_knsim()).isExecutable()) GTEST_SKIP() << "knsim not built";
  QTemporaryDir tmp;
  const std::string out = (fs::path(tmp.path().toStdString()) / "sweep").string();
  const std::string cmd = test::real_knsim().toStdString() + " sweep " + (test::source_dir() / "scenarios/scale-to-zero.yaml").string() +
                          " --param config-autoscaler.stable-window=6s,60s --set scenario.duration=2m --jobs 2 --quiet --out " + out +
                          " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  MainWindow window;
  window.set_knsim_program(test::real_knsim());
  QString error;
  QWidget* w = open_sweep_window(window, QString::fromStdString(out), &error);
  ASSERT_NE(w, nullptr) << error.toStdString();
  auto* view = w->findChild<SweepView*>();
  ASSERT_NE(view, nullptr);
  auto requests_of = [](const nlohmann::json& j) { return j["requests"]["total"].get<long>(); };
  auto summary_of = [&](const char* run) {
    std::ifstream in(fs::path(out) / "runs" / run / "summary.json");
    return nlohmann::json::parse(in);
  };
  view->click_point(0);
  EXPECT_TRUE(window.baseline().options().sets.contains("config-autoscaler.stable-window=6s"));
  EXPECT_TRUE(window.baseline().options().sets.contains("scenario.seed=3"));
  ASSERT_TRUE(window.baseline().wait_until_finished(120000));
  ASSERT_TRUE(window.baseline().data().summary()) << window.baseline().stderr_text().toStdString();
  const auto a = *window.baseline().data().summary();
  EXPECT_EQ(requests_of(a), requests_of(summary_of("p0000-s3")));
  EXPECT_EQ(a["revisions"], summary_of("p0000-s3")["revisions"]);  // the same run: same pods, same pod-seconds
  view->click_point(1);  // compare: point 0 again as the baseline, point 1 as the what-if
  EXPECT_TRUE(window.what_if().options().sets.contains("config-autoscaler.stable-window=60s"));
  ASSERT_TRUE(window.what_if().wait_until_finished(120000));
  ASSERT_TRUE(window.baseline().wait_until_finished(120000));
  ASSERT_TRUE(window.what_if().data().summary()) << window.what_if().stderr_text().toStdString();
  EXPECT_EQ((*window.what_if().data().summary())["revisions"], summary_of("p0001-s3")["revisions"]);
  EXPECT_NE((*window.what_if().data().summary())["revisions"], (*window.baseline().data().summary())["revisions"]);
  w->close();
}

}  // namespace
}  // namespace knsim::gui
