#include "gui/explain_panel.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <map>

#include "gui/run_data.hpp"
#include "gui/tooltips.hpp"

namespace knsim::gui {
namespace {

const QString kAll = QObject::tr("(all)");

// "reason" if present, else the event's fields other than t_s/kind/revision as k=v.
QString details_of(const RunEvent& e) {
  QStringList parts;
  for (const auto& [key, value] : e.fields.items()) {
    if (key == "t_s" || key == "kind" || key == "revision" || key == "reason") continue;
    parts << QString::fromStdString(key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
  }
  QString text = parts.join(", ");
  if (e.fields.contains("reason") && e.fields["reason"].is_string())
    text = QString::fromStdString(e.fields["reason"].get<std::string>()) + (text.isEmpty() ? "" : "  [" + text + "]");
  return text;
}

QString field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "–";
  if (it->is_string()) return QString::fromStdString(it->get<std::string>()).toHtmlEscaped();
  if (it->is_number_float()) return QString::number(it->get<double>(), 'g', 4);
  return QString::fromStdString(it->dump());
}

}  // namespace

ExplainPanel::ExplainPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* splitter = splitter_ = new QSplitter(Qt::Vertical, this);
  decision_ = new QTextBrowser(splitter);
  decision_->setToolTip(tooltip::kDecision);
  decision_->setHtml(tr("<i>Click a moment on a plot to see the autoscaler's decisions.</i>"));
  auto* list = new QWidget(splitter);
  auto* list_layout = new QVBoxLayout(list);
  list_layout->setContentsMargins(0, 0, 0, 0);
  auto* filters = new QHBoxLayout;
  revision_filter_ = new QComboBox(list);
  kind_filter_ = new QComboBox(list);
  revision_filter_->addItem(kAll);
  kind_filter_->addItem(kAll);
  // Sized by a few characters, not by the longest revision or kind: the side panel stays narrow.
  for (QComboBox* combo : {revision_filter_, kind_filter_}) {
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
  }
  revision_filter_->setToolTip(tr("Show only the events of one Revision."));
  kind_filter_->setToolTip(tr("Show only one kind of event, e.g. autoscaler_decision or mode_switch."));
  filters->addWidget(new QLabel(tr("Revision:"), list));
  filters->addWidget(revision_filter_, 1);
  filters->addWidget(new QLabel(tr("Kind:"), list));
  filters->addWidget(kind_filter_, 1);
  list_layout->addLayout(filters);
  table_ = new QTableWidget(0, 4, list);
  table_->setHorizontalHeaderLabels({tr("t (s)"), tr("kind"), tr("revision"), tr("details")});
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setVisible(false);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setToolTip(tooltip::kEventList);
  table_->setColumnWidth(0, 55);
  table_->setColumnWidth(1, 130);
  table_->setColumnWidth(2, 100);
  list_layout->addWidget(table_);
  splitter->addWidget(decision_);
  splitter->addWidget(list);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter);
  connect(revision_filter_, &QComboBox::currentTextChanged, this, &ExplainPanel::apply_filter);
  connect(kind_filter_, &QComboBox::currentTextChanged, this, &ExplainPanel::apply_filter);
  connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
    if (auto* item = table_->item(row, 0)) emit time_selected(item->data(Qt::UserRole).toDouble());
  });
}

void ExplainPanel::set_data(const RunData* data) {
  data_ = data;
  shown_ = 0;
  table_->setRowCount(0);
  decision_->clear();
  refresh();
}

void ExplainPanel::refresh() {
  if (!data_) return;
  const auto& events = data_->events();
  if (events.size() <= shown_) return;
  table_->setUpdatesEnabled(false);
  for (std::size_t i = shown_; i < events.size(); ++i) {
    const RunEvent& e = events[i];
    const int row = table_->rowCount();
    table_->insertRow(row);
    auto* t = new QTableWidgetItem(QString::number(e.t_s, 'f', 1));
    t->setData(Qt::UserRole, e.t_s);
    table_->setItem(row, 0, t);
    table_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(e.kind)));
    table_->setItem(row, 2, new QTableWidgetItem(QString::fromStdString(e.revision)));
    auto* details = new QTableWidgetItem(details_of(e));
    details->setToolTip(QString::fromStdString(e.fields.dump()));
    table_->setItem(row, 3, details);
    table_->setRowHidden(row, !row_matches(row));
  }
  shown_ = events.size();
  table_->setUpdatesEnabled(true);
  update_filter_choices();
}

void ExplainPanel::update_filter_choices() {
  auto sync = [](QComboBox* box, const std::vector<std::string>& names) {
    for (const auto& n : names) {
      const QString name = QString::fromStdString(n);
      if (box->findText(name) < 0) box->addItem(name);
    }
  };
  sync(revision_filter_, data_->event_revisions());
  sync(kind_filter_, data_->event_kinds());
}

bool ExplainPanel::row_matches(int row) const {
  const QString rev = revision_filter_->currentText(), kind = kind_filter_->currentText();
  return (rev == kAll || table_->item(row, 2)->text() == rev) && (kind == kAll || table_->item(row, 1)->text() == kind);
}

void ExplainPanel::apply_filter() {
  for (int row = 0; row < table_->rowCount(); ++row) table_->setRowHidden(row, !row_matches(row));
  show_time(time_);
}

int ExplainPanel::visible_event_count() const {
  int n = 0;
  for (int row = 0; row < table_->rowCount(); ++row) n += table_->isRowHidden(row) ? 0 : 1;
  return n;
}

QString ExplainPanel::decision_html() const { return decision_->toHtml(); }

void ExplainPanel::show_time(double t_s) {
  time_ = t_s;
  if (!data_) return;
  // Each revision's last decision and last mode switch at or before t.
  std::map<std::string, const RunEvent*> decision, mode;
  for (const RunEvent& e : data_->events()) {
    if (e.t_s > t_s + 1e-9) break;
    if (e.kind == "autoscaler_decision") decision[e.revision] = &e;
    if (e.kind == "mode_switch") mode[e.revision] = &e;
  }
  QString html = tr("<h3>Autoscaler at t = %1 s</h3>").arg(t_s, 0, 'f', 1);
  if (decision.empty()) html += tr("<p><i>No autoscaler decision yet (the KPA ticks every 2 s).</i></p>");
  for (const auto& [rev, e] : decision) {
    const auto& j = e->fields;
    const reports::RevisionSeries* s = data_->revision(rev);
    QString current_mode;
    for (std::size_t i = 0; s && i < s->size() && s->t()[i] <= t_s + 1e-9; ++i) {
      const auto sample_mode = static_cast<reports::Mode>(static_cast<int>(s->column(reports::RevCol::kMode)[i]));
      const auto name = reports::mode_name(sample_mode);
      current_mode = QString::fromUtf8(name.data(), static_cast<int>(name.size()));
    }
    html += QString("<p><b>%1</b> (decided at %2 s)<br>").arg(QString::fromStdString(rev).toHtmlEscaped()).arg(e->t_s, 0, 'f', 1);
    html += tr("observed stable %1, panic %2 &middot; ready pods %3 &middot; target %4 per pod<br>")
                .arg(field(j, "observed_stable"), field(j, "observed_panic"), field(j, "ready_pods"), field(j, "target"));
    html += tr("&rarr; desired pods <b>%1</b> &middot; panic %2 &middot; excess burst capacity %3<br>")
                .arg(field(j, "desired_pods"), field(j, "panic"), field(j, "excess_burst_capacity"));
    html += tr("rule: <i>%1</i><br>").arg(field(j, "reason"));
    if (!current_mode.isEmpty() || mode.count(rev)) {
      html += tr("mode: <b>%1</b>").arg(current_mode.isEmpty() ? tr("?") : current_mode);
      if (mode.count(rev)) html += tr(" &mdash; since %1 s: %2").arg(mode[rev]->t_s, 0, 'f', 1).arg(field(mode[rev]->fields, "reason"));
    }
    html += "</p>";
  }
  decision_->setHtml(html);
  // Follow the cursor in the list.
  int best = -1;
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (table_->isRowHidden(row)) continue;
    if (table_->item(row, 0)->data(Qt::UserRole).toDouble() <= t_s + 1e-9) best = row;
    else break;
  }
  if (best >= 0) {
    table_->selectRow(best);
    table_->scrollToItem(table_->item(best, 0), QAbstractItemView::PositionAtCenter);
  }
}

}  // namespace knsim::gui
