#pragma once
// The keyboard shortcuts of the main window, in one table: the actions take their keys from it and
// the Help menu lists it with the toolbar tooltips' short texts.
#include <QKeySequence>
#include <QString>
#include <array>

namespace knsim::gui {

struct ShortcutHelp {
  QKeySequence keys;
  const char* action;  // as in the toolbar / menu
  const char* text;    // the tooltip's short text (tooltips.hpp)
};

// Space: run / pause; Right: one autoscaler tick; End: to the end; Ctrl+O: open; Ctrl+E: export.
const std::array<ShortcutHelp, 5>& shortcuts();

// The shortcut of `action` (e.g. "Step one tick"), empty if it has none.
QKeySequence shortcut_of(const char* action);

// The table shown by Help > Keyboard shortcuts: one row per shortcut, key and short text (HTML).
QString shortcut_help_html();

}  // namespace knsim::gui
