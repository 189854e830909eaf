#pragma once
// The main window's size and remembered layout. A first start opens the window over most of the
// available screen (never more); later starts restore the last size, position and splitter
// positions from QSettings ("knsim", "knsim-gui"), clamped to the screen the window lands on.
// Tests redirect QSettings to a temporary folder (tests/gui/gui_test_support.hpp), so they never
// read or change a developer's settings.
#include <QByteArray>
#include <QRect>

namespace knsim::gui {

// Share of the available screen a first start uses on each axis; the rest leaves room for the
// window manager's frame and shows the desktop is still there.
inline constexpr double kScreenShare = 0.9;

// The window rectangle of a first start on a screen whose available geometry (without panels and
// docks) is `available`: kScreenShare of each side, centred, never larger than `available`.
// Worked example: available 0,0 1280x800 -> 1152x720 at (64, 40).
QRect default_window_rect(const QRect& available);

// `wanted` made to fit `available`: shrunk to at most its size and moved inside it.
QRect clamp_to(const QRect& wanted, const QRect& available);

// The QSettings keys of the remembered layout.
inline constexpr const char* kGeometryKey = "window/geometry";
inline constexpr const char* kStateKey = "window/state";
inline constexpr const char* kMainSplitterKey = "window/splitter";
inline constexpr const char* kExplainSplitterKey = "window/explain-splitter";

}  // namespace knsim::gui
