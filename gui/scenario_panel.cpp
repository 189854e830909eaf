#include "gui/scenario_panel.hpp"

#include <QFont>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "core/config/autoscaler_config.hpp"
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
  problems_->setWordWrap(true);  // long "file:line: field: message" rows wrap instead of scrolling sideways
  problems_->setResizeMode(QListView::Adjust);
  problems_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layout->addWidget(summary_, 1);
  layout->addWidget(new QLabel(tr("Problems:"), this));
  layout->addWidget(problems_);
}

ScenarioPanel::~ScenarioPanel() = default;

bool ScenarioPanel::load(const QString& path) {
  path_ = path;
  problems_->clear();
  errors_ = 0;
  error_report_.clear();
  manifests::Diagnostics diags;
  bundle_ = std::make_unique<manifests::ScenarioBundle>(
      manifests::load_scenario(std::filesystem::path(path.toStdString()), diags));
  for (const auto& d : diags.sorted())
    add_problem(QString::fromStdString(manifests::format_diagnostic(d)), d.severity == manifests::Severity::kError);
  summary_->setPlainText(diags.has_errors() ? tr("%1: %2 error(s), see the problems below.")
                                                  .arg(path)
                                                  .arg(diags.error_count())
                                            : QString::fromStdString(manifests::summarize(*bundle_)) + settings_text());
  if (diags.has_errors()) {  // the same text as cli/cmd_run.cpp prints
    const std::size_t n = diags.error_count();
    error_report_ = QString::fromStdString(diags.to_string()) +
                    QString("%1: %2 %3\n").arg(path).arg(n).arg(n == 1 ? "error" : "errors");
  }
  if (errors_ == 0 && problems_->count() == 0) problems_->addItem(tr("no problems"));
  return errors_ == 0;
}

// The autoscaling settings in force (config-autoscaler with Knative's defaults filled in) and each
// Service's revision template settings, as read by the manifests loader.
QString ScenarioPanel::settings_text() const {
  namespace cfg = core::config;
  const auto& a = bundle_->configs.autoscaler;
  QString text = tr("\nconfig-autoscaler in force:\n");
  auto line = [&text](const char* key, const std::string& value) {
    text += QString("  %1: %2\n").arg(key, QString::fromStdString(value));
  };
  line("stable-window", cfg::go_format_duration(a.stable_window));
  line("panic-window-percentage", cfg::go_format_float(a.panic_window_percentage));
  line("panic-threshold-percentage", cfg::go_format_float(a.panic_threshold_percentage));
  line("target-burst-capacity", cfg::go_format_float(a.target_burst_capacity));
  line("container-concurrency-target-default", cfg::go_format_float(a.container_concurrency_target_default));
  line("container-concurrency-target-percentage", cfg::go_format_float(a.container_concurrency_target_fraction * 100));
  line("min-scale / max-scale / initial-scale",
       std::to_string(a.min_scale) + " / " + std::to_string(a.max_scale) + " / " + std::to_string(a.initial_scale));
  line("scale-down-delay", cfg::go_format_duration(a.scale_down_delay));
  line("scale-to-zero-grace-period", cfg::go_format_duration(a.scale_to_zero_grace_period));
  line("enable-scale-to-zero", a.enable_scale_to_zero ? "true" : "false");
  for (const auto& svc : bundle_->manifests.services) {
    const auto& tmpl = svc.object.spec.configuration.revision_template;
    text += tr("service %1 revision template:\n").arg(QString::fromStdString(svc.object.metadata.name));
    text += QString("  containerConcurrency: %1\n")
                .arg(tmpl.spec.container_concurrency ? QString::number(*tmpl.spec.container_concurrency) : tr("(default)"));
    for (const auto& [key, value] : tmpl.metadata.annotations)
      text += QString("  %1: %2\n").arg(QString::fromStdString(key), QString::fromStdString(value));
  }
  return text;
}

void ScenarioPanel::add_problem(const QString& text, bool error) {
  auto* item = new QListWidgetItem(text, problems_);
  item->setForeground(error ? QColor(180, 0, 0) : QColor(150, 100, 0));
  item->setToolTip(text);
  if (error) ++errors_;
}

void ScenarioPanel::add_run_problems(const QString& text) {
  if (problems_->count() == 1 && problems_->item(0)->text() == tr("no problems")) problems_->clear();
  const QStringList listed = problems();
  for (const QString& line : text.split('\n', Qt::SkipEmptyParts)) {
    // The run repeats the loader's problems (knsim reads the same files): list each once.
    if (!line.trimmed().isEmpty() && !listed.contains(line.trimmed()))
      add_problem(line.trimmed(), !line.contains("warning:"));
  }
}

QStringList ScenarioPanel::problems() const {
  QStringList out;
  for (int i = 0; i < problems_->count(); ++i) out << problems_->item(i)->text();
  return out;
}

}  // namespace knsim::gui
