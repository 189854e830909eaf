#include "gui/shortcuts.hpp"

#include <QCoreApplication>
#include <cstring>

#include "gui/tooltips.hpp"

namespace knsim::gui {

const std::array<ShortcutHelp, 5>& shortcuts() {
  static const std::array<ShortcutHelp, 5> kTable = {{
      {QKeySequence(Qt::Key_Space), "Run / pause", tooltip::kRunPause},
      {QKeySequence(Qt::Key_Right), "Step one tick", tooltip::kStep},
      {QKeySequence(Qt::Key_End), "To end", tooltip::kToEnd},
      {QKeySequence(Qt::CTRL | Qt::Key_O), "Open scenario...", tooltip::kOpen},
      {QKeySequence(Qt::CTRL | Qt::Key_E), "Export plots (PNG and PDF)...", tooltip::kExport},
  }};
  return kTable;
}

QKeySequence shortcut_of(const char* action) {
  for (const ShortcutHelp& s : shortcuts())
    if (std::strcmp(s.action, action) == 0) return s.keys;
  return {};
}

QString shortcut_help_html() {
  QString html = "<table cellspacing='6'>";
  for (const ShortcutHelp& s : shortcuts()) {
    html += QString("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                .arg(s.keys.toString(QKeySequence::NativeText).toHtmlEscaped(), QString(s.action).toHtmlEscaped(),
                     QString(s.text).toHtmlEscaped());
  }
  return html + "</table>";
}

}  // namespace knsim::gui
