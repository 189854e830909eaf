// The window's size on a first start follows the available screen (never more), and later starts
// restore the remembered size, position and splitters, clamped to the screen. QSettings go to a
// temporary folder of this test process (gui_test_support.hpp).
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTest>
#include <gtest/gtest.h>

#include "gui/explain_panel.hpp"
#include "gui/main_window.hpp"
#include "gui/window_layout.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

TEST(WindowLayout, DefaultRectIsMostOfTheAvailableScreenCentred) {
  struct Case {
    QRect available;
    QRect expected;
  };
  const Case cases[] = {
      {QRect(0, 0, 1280, 800), QRect(64, 40, 1152, 720)},
      {QRect(0, 0, 1920, 1080), QRect(96, 54, 1728, 972)},
      {QRect(0, 27, 1366, 741), QRect(68, 64, 1229, 667)},     // a top panel of 27 px
      {QRect(1920, 0, 1280, 1024), QRect(1984, 51, 1152, 922)},  // a second screen on the right
      {QRect(0, 0, 800, 600), QRect(40, 30, 720, 540)},
  };
  for (const Case& c : cases) {
    const QRect r = default_window_rect(c.available);
    EXPECT_EQ(r, c.expected) << c.available.width() << "x" << c.available.height();
    EXPECT_TRUE(c.available.contains(r)) << "never more than the available screen";
  }
}

TEST(WindowLayout, ClampShrinksAndMovesInside) {
  const QRect screen(0, 0, 1280, 800);
  EXPECT_EQ(clamp_to(QRect(100, 100, 600, 400), screen), QRect(100, 100, 600, 400)) << "fits: unchanged";
  EXPECT_EQ(clamp_to(QRect(0, 0, 1700, 1250), screen), screen) << "too big: the screen";
  EXPECT_EQ(clamp_to(QRect(1000, 700, 600, 400), screen), QRect(680, 400, 600, 400)) << "off the edge: moved in";
  EXPECT_EQ(clamp_to(QRect(-50, -20, 600, 400), screen), QRect(0, 0, 600, 400));
}

TEST(WindowLayout, FirstStartFollowsTheAvailableScreen) {
  test::gui_app();
  MainWindow window;
  window.restore_layout();  // nothing remembered yet in this test's settings folder
  const QRect available = window.screen()->availableGeometry();
  EXPECT_EQ(window.geometry(), default_window_rect(available));
  EXPECT_LE(window.width(), available.width());
  EXPECT_LE(window.height(), available.height());
  EXPECT_GE(window.width(), available.width() * 8 / 10) << "most of the screen";
}

TEST(WindowLayout, RemembersSizePositionAndSplitters) {
  test::gui_app();
  const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
  const QRect wanted(available.x() + 10, available.y() + 20, available.width() * 3 / 4, available.height() * 3 / 4);
  QList<int> main_sizes, explain_sizes;
  {
    MainWindow first;
    first.restore_layout();
    first.show();
    first.setGeometry(wanted);
    first.splitter()->setSizes({wanted.width() / 2, wanted.width() / 2});
    first.explain_panel()->splitter()->setSizes({100, 300});
    QCoreApplication::processEvents();
    main_sizes = first.splitter()->sizes();
    explain_sizes = first.explain_panel()->splitter()->sizes();
    first.close();  // saves
  }
  ASSERT_TRUE(QSettings("knsim", "knsim-gui").contains(kGeometryKey));
  EXPECT_TRUE(QSettings("knsim", "knsim-gui").fileName().startsWith(test::settings_dir().path()))
      << "tests never touch the developer's settings: " << QSettings("knsim", "knsim-gui").fileName().toStdString();
  MainWindow second;
  second.restore_layout();
  second.show();
  QCoreApplication::processEvents();
  EXPECT_EQ(second.geometry().size(), wanted.size());
  EXPECT_EQ(second.geometry().topLeft(), wanted.topLeft());
  EXPECT_EQ(second.splitter()->sizes(), main_sizes);
  EXPECT_EQ(second.explain_panel()->splitter()->sizes(), explain_sizes);
}

TEST(WindowLayout, ARememberedSizeLargerThanTheScreenIsClamped) {
  test::gui_app();
  const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
  {
    MainWindow first;
    first.restore_layout();
    first.setGeometry(QRect(available.topLeft(), available.size() * 2));
    first.close();
  }
  MainWindow second;
  second.restore_layout();
  EXPECT_LE(second.width(), available.width());
  EXPECT_LE(second.height(), available.height());
}

TEST(WindowLayout, WithoutRestoreNothingIsSaved) {
  test::gui_app();
  {
    MainWindow scripted;  // tests and --screenshot never call restore_layout()
    scripted.show();
    scripted.close();
  }
  EXPECT_FALSE(QSettings("knsim", "knsim-gui").contains(kGeometryKey));
}

}  // namespace
}  // namespace knsim::gui
