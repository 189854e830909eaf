// knsim-gui --live (gui/live_window.hpp) against tests/data/gui/fake_shadow.py, a stand-in for
// `knsim cluster shadow --stream` that prints a scripted minute (its header says what): the plotted
// real and twin series, disagreement markers on exactly the scripted ticks, the mode and panic
// bands, the Explain tab at a clicked moment, the child's failure in the error view, the arguments
// passed, and the --screenshot path of the executable. Also the Qt-free LiveData.
#include <qcustomplot.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>

#include "gui/explain_panel.hpp"
#include "gui/live_data.hpp"
#include "gui/live_plots.hpp"
#include "gui/live_window.hpp"
#include "gui/run_error_view.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

QString fake_shadow() { return QString::fromStdString((test::source_dir() / "tests/data/gui/fake_shadow.py").string()); }

// The graph's value at key t (NaN if no point there).
double value_at(QCPGraph* g, double t) {
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
    if (std::fabs(it->key - t) < 1e-9) return it->value;
  return std::nan("");
}

std::vector<double> marked_times(QCPGraph* g) {
  std::vector<double> out;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
    if (!std::isnan(it->value)) out.push_back(it->key);
  return out;
}

TEST(LiveData, ParsesTicksNullsAndStrayLines) {
  LiveData d;
  EXPECT_FALSE(d.ingest_line("# a note"));
  EXPECT_FALSE(d.ingest_line("{\"revision\": \"a\"}"));  // no t
  EXPECT_TRUE(d.ingest_line(R"({"t": 2.0, "revision": "ns/a", "twin": {"desired": 3, "panic": true, "ebc": -180,)"
                            R"( "mode": "Proxy", "stable": 14.2, "panic_value": 15.0},)"
                            R"( "real": {"desired": null, "actual": 2, "mode": null}, "agree": false})"));
  ASSERT_EQ(d.revisions(), std::vector<std::string>{"ns/a"});
  const ShadowTick& k = d.ticks("ns/a").at(0);
  EXPECT_EQ(k.twin_desired, 3);
  EXPECT_EQ(k.twin_panic, 1);
  EXPECT_EQ(k.twin_ebc, -180);
  EXPECT_EQ(k.twin_mode, "Proxy");
  EXPECT_TRUE(std::isnan(k.real_desired));  // null: not exposed, never 0
  EXPECT_EQ(k.real_actual, 2);
  EXPECT_EQ(k.real_mode, "");
  EXPECT_EQ(k.agree, 0);
  EXPECT_EQ(d.stray_lines().size(), 2u);
  EXPECT_EQ(d.disagreements(), 1u);
  // The twin's decision as a simulated run's events: a decision and the first mode.
  const auto& events = d.explain_data().events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, "autoscaler_decision");
  EXPECT_EQ(events[0].fields["desired_pods"], 3);
  EXPECT_EQ(events[0].fields["excess_burst_capacity"], -180);
  EXPECT_TRUE(events[0].fields["real_desired"].is_null());
  EXPECT_EQ(events[1].kind, "mode_switch");
  EXPECT_EQ(d.tick_at("ns/a", 1.9), nullptr);
  EXPECT_EQ(d.tick_at("ns/a", 5)->t, 2);
}

TEST(LiveView, PlotsTheScriptedShadowWithDisagreementsOnExactlyTheirTicks) {
  test::gui_app();
  QTemporaryDir tmp;
  const QString args_file = tmp.filePath("args.txt");
  qputenv("FAKE_SHADOW_ARGS", args_file.toLocal8Bit());
  LiveWindow w;
  w.set_program(fake_shadow());
  w.resize(1280, 800);
  w.show();
  ASSERT_TRUE(w.start({"k.yaml", "ctx", "demo", ""}));
  ASSERT_TRUE(w.wait_until_finished(20000));
  qunsetenv("FAKE_SHADOW_ARGS");
  EXPECT_EQ(w.exit_code(), 0) << w.stderr_text().toStdString();
  EXPECT_FALSE(w.showing_error());
  QFile f(args_file);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll().toStdString(), "cluster shadow --stream --kubeconfig k.yaml --context ctx -n demo");

  EXPECT_EQ(w.data().tick_count(), 60u);
  EXPECT_EQ(w.data().disagreements(), 3u);
  EXPECT_EQ(w.data().revisions(), (std::vector<std::string>{"default/hello-00007", "default/hello-00006"}));
  LivePlots* p = w.plots();
  const QString r = "default/hello-00007";
  QCPGraph* ready = p->graph("pods/" + r + " real ready");
  QCPGraph* twin = p->graph("pods/" + r + " twin desired");
  QCPGraph* real_desired = p->graph("pods/" + r + " real desired");
  ASSERT_TRUE(ready && twin && real_desired);
  EXPECT_EQ(ready->dataCount(), 30);
  struct Row { double t, twin, real_desired, ready; };
  for (const Row& row : {Row{0, 1, 1, 1}, Row{12, 3, 3, 1}, Row{20, 3, 2, 3}, Row{24, 3, 3, 2}, Row{30, 5, 5, 3}, Row{58, 2, 2, 2}}) {
    EXPECT_EQ(value_at(twin, row.t), row.twin) << row.t;
    EXPECT_EQ(value_at(real_desired, row.t), row.real_desired) << row.t;
    EXPECT_EQ(value_at(ready, row.t), row.ready) << row.t;
  }
  EXPECT_EQ(marked_times(p->graph("pods/" + r + " disagree")), (std::vector<double>{14, 20, 22}));
  EXPECT_TRUE(marked_times(p->graph("pods/default/hello-00006 disagree")).empty());
  // Bands: hello-00007 has lanes 0 (real) and 1 (twin); a filled mode sits at lane + 0.45.
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/" + r + " twin Proxy"), 12), 1.45);
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/" + r + " twin Proxy"), 14), 1.0);
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/" + r + " twin Serve"), 14), 1.45);
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/" + r + " real Proxy"), 14), 0.45);
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/" + r + " twin panic"), 30), 1.95);
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/" + r + " twin panic"), 40), 1.5);
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/" + r + " real disagree"), 20), 0.95);
  // hello-00006's real mode is not exposed: neither band is filled.
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/default/hello-00006 real Serve"), 10), 2.0);
  EXPECT_DOUBLE_EQ(value_at(p->graph("bands/default/hello-00006 twin Serve"), 10), 3.45);
}

TEST(LiveView, ClickingAMomentExplainsTheTwinsDecision) {
  test::gui_app();
  LiveWindow w;
  w.set_program(fake_shadow());
  w.resize(1280, 800);
  w.show();
  ASSERT_TRUE(w.start({}));
  ASSERT_TRUE(w.wait_until_finished(20000));
  // A click on the pods plot at t = 21 s (between the ticks at 20 and 22).
  QCustomPlot* plot = w.plots()->pods_plot();
  plot->replot(QCustomPlot::rpImmediateRefresh);
  plot->xAxis->setRange(0, 60);
  const int x = static_cast<int>(plot->xAxis->coordToPixel(21));
  const int y = static_cast<int>(plot->yAxis->coordToPixel(1));
  QMouseEvent press(QEvent::MouseButtonPress, QPointF(x, y), plot->mapToGlobal(QPointF(x, y)), Qt::LeftButton,
                    Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(plot, &press);
  EXPECT_NEAR(w.plots()->cursor(), 21, 0.3);
  const QString fields = w.fields_html();
  EXPECT_TRUE(fields.contains("default/hello-00007")) << fields.toStdString();
  EXPECT_TRUE(fields.contains("tick at 20.0 s"));
  EXPECT_TRUE(fields.contains("disagree"));
  EXPECT_TRUE(fields.contains("not exposed"));  // hello-00006's real mode is null
  const QString decision = w.explain_panel()->decision_html();
  EXPECT_TRUE(decision.contains("DISAGREES")) << decision.toStdString();
  EXPECT_TRUE(decision.contains("real desired 2"));
  EXPECT_TRUE(decision.contains("Serve"));  // the twin's mode since 14 s
  // The event list holds the twin's decisions: 60 ticks + mode switches (3: two starts, one switch).
  EXPECT_EQ(w.explain_panel()->visible_event_count(), 63);
}

TEST(LiveView, TheChildsFailureIsShownInTheErrorView) {
  test::gui_app();
  qputenv("FAKE_SHADOW_MODE", "fail");
  LiveWindow w;
  w.set_program(fake_shadow());
  ASSERT_TRUE(w.start({}));
  ASSERT_TRUE(w.wait_until_finished(20000));
  qunsetenv("FAKE_SHADOW_MODE");
  EXPECT_EQ(w.exit_code(), 3);
  ASSERT_TRUE(w.showing_error());
  EXPECT_TRUE(w.error_view()->heading().contains("exit code 3")) << w.error_view()->heading().toStdString();
  EXPECT_TRUE(w.error_view()->text().contains("watch podautoscalers: connection refused"));
  EXPECT_EQ(w.data().tick_count(), 8u);  // what arrived before the failure is kept

  LiveWindow missing;
  missing.set_program("/nonexistent/knsim");
  EXPECT_FALSE(missing.start({}));
  ASSERT_TRUE(missing.wait_until_finished(5000));
  EXPECT_TRUE(missing.showing_error());
  EXPECT_TRUE(missing.error_view()->heading().contains("cannot start")) << missing.error_view()->heading().toStdString();
}

TEST(LiveView, TheExecutableSavesAScreenshotOfTheLiveView) {
  const QString gui = QString::fromStdString((test::binary_dir() / "gui/knsim-gui").string());
  QTemporaryDir tmp;
  const QString png = tmp.filePath("live.png");
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  env.insert("KNSIM_BIN", fake_shadow());
  env.insert("XDG_CONFIG_HOME", tmp.path());
  p.setProcessEnvironment(env);
  p.start(gui, {"--live", "--screenshot", png, "--cursor", "21"});
  ASSERT_TRUE(p.waitForFinished(60000));
  EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
  QImage image(png);
  EXPECT_EQ(image.size(), QSize(1280, 800));

  env.insert("FAKE_SHADOW_MODE", "fail");
  p.setProcessEnvironment(env);
  p.start(gui, {"--live", "--screenshot", png});
  ASSERT_TRUE(p.waitForFinished(60000));
  EXPECT_EQ(p.exitCode(), 3);
  EXPECT_TRUE(QString::fromUtf8(p.readAllStandardError()).contains("connection refused"));
}

}  // namespace
}  // namespace knsim::gui
