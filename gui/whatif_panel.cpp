#include "gui/whatif_panel.hpp"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "gui/summary_rows.hpp"
#include "gui/tooltips.hpp"

namespace knsim::gui {

WhatIfPanel::WhatIfPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* box = new QGroupBox(tr("Autoscaling settings (empty = as in the scenario)"), this);
  auto* form = new QFormLayout(box);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  for (const auto& s : whatif_settings()) {
    auto* edit = new QLineEdit(box);
    edit->setToolTip(s.tooltip);
    auto* message = new QLabel(box);
    message->setStyleSheet("color: #b40000; font-size: 8pt;");
    message->setWordWrap(true);
    message->hide();
    auto* cell = new QWidget(box);
    auto* cell_layout = new QVBoxLayout(cell);
    cell_layout->setContentsMargins(0, 0, 0, 0);
    cell_layout->setSpacing(0);
    if (s.id == "metric") {
      metric_ = new QComboBox(cell);
      metric_->setEditable(true);
      metric_->addItems({"", "concurrency", "rps"});
      metric_->setToolTip(s.tooltip);
      metric_->setLineEdit(edit);
      cell_layout->addWidget(metric_);
    } else {
      cell_layout->addWidget(edit);
    }
    cell_layout->addWidget(message);
    auto* label = new QLabel(QString::fromStdString(s.label), box);
    label->setToolTip(s.tooltip);
    form->addRow(label, cell);
    fields_[s.id] = edit;
    messages_[s.id] = message;
    connect(edit, &QLineEdit::textChanged, this, &WhatIfPanel::revalidate);
  }
  layout->addWidget(box);
  layout->addWidget(make_load_box());
  rerun_ = new QPushButton(tr("Rerun with these settings (what-if)"), this);
  rerun_->setToolTip(tr("Starts a second knsim run with the edited settings and load; its curves are "
                        "overlaid (lighter, dash-dot) and its summary shown next to the baseline's."));
  connect(rerun_, &QPushButton::clicked, this, &WhatIfPanel::rerun_requested);
  layout->addWidget(rerun_);
  summary_ = new QTableWidget(0, 3, this);
  summary_->setHorizontalHeaderLabels({tr("summary"), tr("baseline"), tr("what-if")});
  summary_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  summary_->verticalHeader()->setVisible(false);
  summary_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  summary_->setToolTip(tr("The two runs' summary.json side by side: cost in pod-seconds, latency, cold "
                          "starts and failed requests."));
  layout->addWidget(summary_, 1);
  set_summaries(nullptr, nullptr);
}

QWidget* WhatIfPanel::make_load_box() {
  auto* box = new QGroupBox(tr("Load"), this);
  box->setToolTip(tooltip::kLoad);
  auto* form = new QFormLayout(box);
  workload_ = new QComboBox(box);
  load_kind_ = new QComboBox(box);
  load_kind_->addItems({tr("(keep)"), "poisson", "constant", "trace"});
  load_value_ = new QLineEdit(box);
  load_value_->setPlaceholderText(tr("rate in req/s, or a trace file"));
  trace_format_ = new QComboBox(box);
  trace_format_->addItems({"csv", "jsonl", "azure2021", "azure2019"});
  auto* browse = new QPushButton(tr("Trace file..."), box);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Trace file"), QString(), tr("Traces (*.csv *.jsonl);;All (*)"));
    if (file.isEmpty()) return;
    load_kind_->setCurrentText("trace");
    load_value_->setText(file);
  });
  auto* row = new QHBoxLayout;
  row->addWidget(load_kind_);
  row->addWidget(trace_format_);
  row->addWidget(browse);
  for (QWidget* w : std::initializer_list<QWidget*>{workload_, load_kind_, load_value_, trace_format_, browse})
    w->setToolTip(tooltip::kLoad);
  form->addRow(tr("workload"), workload_);
  form->addRow(tr("arrivals"), row);
  form->addRow(tr("rate / file"), load_value_);
  connect(load_kind_, &QComboBox::currentTextChanged, this, &WhatIfPanel::revalidate);
  connect(load_value_, &QLineEdit::textChanged, this, &WhatIfPanel::revalidate);
  return box;
}

void WhatIfPanel::set_bundle(const manifests::ScenarioBundle* bundle) {
  model_.set_bundle(bundle);
  for (const auto& s : whatif_settings()) {
    fields_[s.id]->setPlaceholderText(QString::fromStdString(model_.baseline(s.id)));
    const QString via = model_.uses_annotation(s.id)
                            ? tr("\nApplied as the annotation autoscaling.knative.dev/%1.").arg(QString::fromStdString(s.annotation))
                        : s.config_key.empty() ? QString()
                                               : tr("\nApplied as config-autoscaler %1.").arg(QString::fromStdString(s.config_key));
    fields_[s.id]->setToolTip(QString(s.tooltip) + via);
  }
  workload_->clear();
  if (bundle)
    for (const auto& w : bundle->scenario.workloads)
      workload_->addItem(QString::fromStdString(w.name.empty() ? w.service : w.name));
  revalidate();
}

std::map<std::string, std::string> WhatIfPanel::edits() const {
  std::map<std::string, std::string> out;
  for (const auto& [id, edit] : fields_) {
    const QString text = edit->text().trimmed();
    if (!text.isEmpty()) out[id] = text.toStdString();
  }
  return out;
}

bool WhatIfPanel::set_value(const std::string& id, const QString& text) {
  auto it = fields_.find(id);
  if (it == fields_.end()) return false;
  it->second->setText(text);
  return true;
}

std::string WhatIfPanel::ids() const {
  std::string out;
  for (const WhatIfSetting& s : whatif_settings()) out += (out.empty() ? "" : ", ") + s.id;
  return out;
}

LoadEdit WhatIfPanel::load_edit() const {
  LoadEdit load;
  if (load_kind_->currentIndex() <= 0 || load_value_->text().trimmed().isEmpty()) return load;
  load.workload = std::max(0, workload_->currentIndex());
  load.kind = load_kind_->currentText().toStdString();
  if (load.kind == "trace") {
    load.trace_file = load_value_->text().trimmed().toStdString();
    load.trace_format = trace_format_->currentText().toStdString();
  } else {
    load.rate = load_value_->text().trimmed().toStdString();
  }
  return load;
}

void WhatIfPanel::set_load(int workload, const QString& kind, const QString& rate_or_file, const QString& format) {
  workload_->setCurrentIndex(workload);
  load_kind_->setCurrentText(kind);
  trace_format_->setCurrentText(format);
  load_value_->setText(rate_or_file);
}

void WhatIfPanel::revalidate() {
  problems_ = model_.validate(edits());
  const LoadEdit load = load_edit();
  if (load.workload >= 0 && load.kind != "trace") {
    bool ok = false;
    const double rate = QString::fromStdString(load.rate).toDouble(&ok);
    if (!ok || rate < 0) problems_["load"] = "the rate must be a number of requests per second >= 0";
  }
  for (const auto& [id, label] : messages_) {
    auto it = problems_.find(id);
    label->setVisible(it != problems_.end());
    fields_[id]->setStyleSheet(it != problems_.end() ? "background: #ffe0e0;" : "");
    if (it != problems_.end()) label->setText(QString::fromStdString(it->second));
  }
  load_value_->setStyleSheet(problems_.count("load") ? "background: #ffe0e0;" : "");
  load_value_->setToolTip(problems_.count("load") ? QString::fromStdString(problems_["load"]) : QString(tooltip::kLoad));
  rerun_->setEnabled(problems_.empty());
  emit edits_changed();
}

void WhatIfPanel::set_observed_target(double target) {
  if (model_.baseline("target") != "Knative default") return;  // the scenario sets it
  fields_["target"]->setPlaceholderText(tr("%1 (in the baseline run)").arg(target));
}

void WhatIfPanel::set_summaries(const nlohmann::json& baseline, const nlohmann::json& what_if) {
  const auto rows = summary_rows(baseline, what_if);
  summary_->setRowCount(static_cast<int>(rows.size()));
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    summary_->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(rows[i].label)));
    summary_->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(rows[i].baseline)));
    summary_->setItem(i, 2, new QTableWidgetItem(QString::fromStdString(rows[i].what_if)));
  }
}

}  // namespace knsim::gui
