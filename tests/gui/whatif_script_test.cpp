// knsim-gui --run-to-end --what-if ID=VALUE with a value Knative rejects (stable-window=5s is under
// the 6 s minimum, target=-5 is negative) or an unknown ID: the script prints the What-if form's
// message and exits 2 at once. It waited for a rerun that never started (10 minutes, no word).
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include "gui/main_window.hpp"
#include "gui/run_controller.hpp"
#include "gui/screenshot_script.hpp"
#include "gui/whatif_panel.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {
namespace {

struct Case {
  const char* what_if;
  const char* problem_id;  // the form field that names the problem ("" = unknown ID)
};

TEST(WhatIfScript, InvalidOrUnknownSettingsExitTwoWithoutRerunning) {
  test::gui_app();
  const Case cases[] = {{"stable-window=5s", "stable-window"}, {"target=-5", "target"}, {"no-such=1", ""},
                        {"target", ""}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what_if);
    MainWindow window;
    window.set_knsim_program(test::fake_knsim());
    ASSERT_TRUE(window.open_scenario(test::fixture_scenario()));
    ScreenshotScript script;
    script.run_to_end = true;
    script.what_if = {c.what_if};
    script.timeout_ms = 30000;
    EXPECT_EQ(run_script(window, script), 2);
    EXPECT_TRUE(window.baseline().data().done()) << "the baseline ran";
    EXPECT_FALSE(window.what_if().data().done()) << "no rerun was started";
    if (*c.problem_id) {
      EXPECT_EQ(window.what_if_panel()->problems().count(c.problem_id), 1u);
    }
  }
}

TEST(WhatIfScript, AValidSettingStillReruns) {
  test::gui_app();
  MainWindow window;
  window.set_knsim_program(test::fake_knsim());
  ASSERT_TRUE(window.open_scenario(test::fixture_scenario()));
  ScreenshotScript script;
  script.run_to_end = true;
  script.what_if = {"stable-window=20s"};
  script.timeout_ms = 30000;
  EXPECT_EQ(run_script(window, script), 0);
  EXPECT_TRUE(window.what_if().data().done());
}

}  // namespace
}  // namespace knsim::gui
