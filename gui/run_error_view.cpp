#include "gui/run_error_view.hpp"

#include <QFont>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace knsim::gui {

RunErrorView::RunErrorView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 24, 24, 24);
  heading_ = new QLabel(this);
  heading_->setWordWrap(true);
  heading_->setFont(QFont("DejaVu Sans", 14, QFont::Bold));
  heading_->setStyleSheet("color: rgb(180, 0, 0);");
  text_ = new QPlainTextEdit(this);
  text_->setReadOnly(true);
  text_->setFont(QFont("DejaVu Sans Mono", 10));
  text_->setLineWrapMode(QPlainTextEdit::WidgetWidth);  // long messages wrap: no horizontal scrolling
  text_->setToolTip(tr("The error as `knsim run` prints it: file, line and field of every problem."));
  auto* hint = new QLabel(tr("Fix the scenario and open it again (File > Open scenario, Ctrl+O); the Scenario tab "
                             "lists the same problems."),
                          this);
  hint->setWordWrap(true);
  layout->addWidget(heading_);
  layout->addWidget(text_, 1);
  layout->addWidget(hint);
}

void RunErrorView::set_error(const QString& heading, const QString& text) {
  heading_->setText(heading);
  text_->setPlainText(text);
}

QString RunErrorView::heading() const { return heading_->text(); }
QString RunErrorView::text() const { return text_->toPlainText(); }

}  // namespace knsim::gui
