// Keyboard control of the window on the fake knsim: Space runs and pauses, Right steps one
// autoscaler tick, End runs to the end; the Help menu lists every shortcut with its short text.
#include <QAction>
#include <QMenu>
#include <QTest>
#include <QThread>
#include <gtest/gtest.h>

#include "core/autoscaler/cadence.hpp"
#include "gui/main_window.hpp"
#include "gui/run_controller.hpp"
#include "gui/shortcuts.hpp"
#include "gui/tooltips.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

class Keyboard : public ::testing::Test {
 protected:
  void SetUp() override {
    test::gui_app();
    window_ = std::make_unique<MainWindow>();
    window_->set_knsim_program(test::fake_knsim());
    ASSERT_TRUE(window_->open_scenario(test::fixture_scenario()));
    window_->show();
    window_->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));
  }
  void press(Qt::Key key) {
    QTest::keyClick(window_.get(), key);
    QCoreApplication::processEvents();
  }
  // Waits until the fake run is paused at simulated time t (or later).
  bool paused_at(double t) {
    RunController& run = window_->baseline();
    for (int i = 0; i < 300 && !(run.data().paused() && run.data().last_t() >= t); ++i) {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
      QThread::msleep(10);
    }
    return run.data().paused() && run.data().last_t() == t;
  }
  std::unique_ptr<MainWindow> window_;
};

TEST_F(Keyboard, RightStepsOneTickSpaceRunsAndPausesEndFinishes) {
  RunController& run = window_->baseline();
  press(Qt::Key_Right);
  ASSERT_TRUE(paused_at(core::autoscaler::kDeciderTickInterval)) << "t=" << run.data().last_t();
  press(Qt::Key_Right);
  ASSERT_TRUE(paused_at(2 * core::autoscaler::kDeciderTickInterval));
  EXPECT_FALSE(window_->playing());
  // No event processing between these three keys: the fake plays to its end on "resume", and
  // must not have exited (and been restarted by End) before the keys are handled.
  QTest::keyClick(window_.get(), Qt::Key_Space);
  EXPECT_TRUE(window_->playing());
  QTest::keyClick(window_.get(), Qt::Key_Space);
  EXPECT_FALSE(window_->playing());
  QTest::keyClick(window_.get(), Qt::Key_End);
  ASSERT_TRUE(run.wait_until_finished(30000));
  EXPECT_TRUE(run.data().done());
  EXPECT_EQ(run.command_log(), (QStringList{"speed 10", "step 2", "step 2", "speed 10", "resume", "pause", "end"}));
}

TEST_F(Keyboard, SpaceStartsAPausedRun) {
  press(Qt::Key_Space);
  EXPECT_TRUE(window_->playing());
  EXPECT_TRUE(window_->baseline().running());
  EXPECT_TRUE(window_->baseline().command_log().contains("resume"));
  ASSERT_TRUE(window_->baseline().wait_until_finished(30000));
  EXPECT_FALSE(window_->playing()) << "a finished run no longer plays: Space would start it again";
}

TEST_F(Keyboard, HelpMenuListsEveryShortcutWithItsShortText) {
  QMenu* help = window_->help_menu();
  ASSERT_NE(help, nullptr);
  std::map<QString, QString> listed;  // key -> tooltip
  for (QAction* a : help->actions())
    if (!a->shortcut().isEmpty()) listed[a->shortcut().toString()] = a->toolTip();
  const std::pair<const char*, const char*> expected[] = {{"Space", tooltip::kRunPause},
                                                          {"Right", tooltip::kStep},
                                                          {"End", tooltip::kToEnd},
                                                          {"Ctrl+O", tooltip::kOpen},
                                                          {"Ctrl+E", tooltip::kExport}};
  for (const auto& [key, text] : expected) {
    ASSERT_TRUE(listed.count(key)) << key << " is listed in the Help menu";
    EXPECT_TRUE(listed[key].contains(text)) << listed[key].toStdString();
    EXPECT_TRUE(listed[key].contains(QString("(%1)").arg(key))) << "the tooltip names its key";
  }
  const QString table = shortcut_help_html();
  for (const auto& [key, text] : expected) {
    EXPECT_TRUE(table.contains(key)) << key;
    EXPECT_TRUE(table.contains(QString(text).toHtmlEscaped())) << text;
  }
  bool has_table_entry = false;
  for (QAction* a : help->actions()) has_table_entry = has_table_entry || a->text().contains("Keyboard shortcuts");
  EXPECT_TRUE(has_table_entry);
}

}  // namespace
}  // namespace knsim::gui
