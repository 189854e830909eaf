#pragma once
// `knsim-gui --live ...` from the command line: opens a LiveWindow and starts the shadow child.
// Interactive: returns -1 (the caller runs the event loop). With a screenshot file: waits until the
// child ends (at most timeout_ms; `--duration` bounds a real shadow), puts the cursor at `cursor`
// (< 0: the last tick), saves the window and returns 0, or the child's exit code when it failed
// (its error is then in the picture and on stderr), 1 when it did not end in time.
#include <QString>

#include "gui/live_window.hpp"

namespace knsim::gui {

int run_live_from_command_line(LiveWindow& window, const LiveOptions& options, const QString& screenshot,
                               const QString& size, double cursor, int timeout_ms = 600000);

}  // namespace knsim::gui
