#include "gui/scenario_panel.hpp"

#include <QFont>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "manifests/bundle_summary.hpp"

namespace knsim::gui {

ScenarioPanel::ScenarioPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  summary_ = new QPlainTextEdit(this);
  summary_->setReadOnly(true);
  summary_->setFont(QFont("DejaVu Sans Mono", 8));
  summary_->setToolTip(tr("The scenario as knsim read it: Services and their Revisions, the traffic split, "
                          "the cluster, the workloads, the timeline and the config-* settings that differ "
                          "from Knative's defaults."));
  summary_->setPlaceholderText(tr("Open a scenario (File > Open) to see its services, revisions and settings."));
  problems_ = new QListWidget(this);
  problems_->setToolTip(tr("Problems found in the scenario, each with its file and line; a run refuses a "
                           "scenario with errors (exit code 2)."));
  problems_->setMaximumHeight(110);
  layout->addWidget(summary_, 1);
  layout->addWidget(new QLabel(tr("Problems:"), this));
  layout->addWidget(problems_);
}

ScenarioPanel::~ScenarioPanel() = default;

bool ScenarioPanel::load(const QString& path) {
  path_ = path;
  problems_->clear();
  errors_ = 0;
  manifests::Diagnostics diags;
  bundle_ = std::make_unique<manifests::ScenarioBundle>(
      manifests::load_scenario(std::filesystem::path(path.toStdString()), diags));
  for (const auto& d : diags.sorted())
    add_problem(QString::fromStdString(manifests::format_diagnostic(d)), d.severity == manifests::Severity::kError);
  summary_->setPlainText(diags.has_errors() ? tr("%1: %2 error(s), see the problems below.")
                                                  .arg(path)
                                                  .arg(diags.error_count())
                                            : QString::fromStdString(manifests::summarize(*bundle_)));
  if (errors_ == 0 && problems_->count() == 0) problems_->addItem(tr("no problems"));
  return errors_ == 0;
}

void ScenarioPanel::add_problem(const QString& text, bool error) {
  auto* item = new QListWidgetItem(text, problems_);
  item->setForeground(error ? QColor(180, 0, 0) : QColor(150, 100, 0));
  item->setToolTip(text);
  if (error) ++errors_;
}

void ScenarioPanel::add_run_problems(const QString& text) {
  if (problems_->count() == 1 && problems_->item(0)->text() == tr("no problems")) problems_->clear();
  for (const QString& line : text.split('\n', Qt::SkipEmptyParts)) {
    if (!line.trimmed().isEmpty()) add_problem(line.trimmed(), !line.contains("warning:"));
  }
}

QStringList ScenarioPanel::problems() const {
  QStringList out;
  for (int i = 0; i < problems_->count(); ++i) out << problems_->item(i)->text();
  return out;
}

}  // namespace knsim::gui
