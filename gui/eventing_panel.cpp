#include "gui/eventing_panel.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "gui/run_data.hpp"
#include "gui/tooltips.hpp"

namespace knsim::gui {
namespace {

// Columns of the destination table, with their header tooltips.
struct Column {
  const char* title;
  const char* tooltip;
};
const Column kColumns[] = {
    {"name", tooltip::kEventingDestination},
    {"received", tooltip::kEventingReceived},
    {"filtered", tooltip::kEventingFiltered},
    {"delivered", tooltip::kEventingDelivered},
    {"retries", tooltip::kEventingRetries},
    {"dead-\nlettered", tooltip::kEventingDeadLettered},
    {"lost", tooltip::kEventingLost},
    {"p50\nms", tooltip::kEventingLatency},
    {"p99\nms", tooltip::kEventingLatency},
    {"max\nms", tooltip::kEventingLatency},
};
constexpr int kColumnCount = static_cast<int>(std::size(kColumns));
const char* kNotYet = "known when the run is done (from the run's summary)";

QTableWidgetItem* number_item(const QString& text, const QString& tip = QString()) {
  auto* item = new QTableWidgetItem(text);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  if (!tip.isEmpty()) item->setToolTip(tip);
  return item;
}

QTableWidgetItem* count_item(std::int64_t n) { return number_item(QString::number(n)); }

// A summary-only number: "…" (with a tooltip saying why) until the summary is in.
QTableWidgetItem* optional_item(bool final, const std::optional<double>& v, int decimals) {
  if (!final) return number_item(QStringLiteral("…"), QObject::tr(kNotYet));
  if (!v) return number_item(QStringLiteral("–"), QObject::tr("no delivery"));
  return number_item(QString::number(*v, 'f', decimals));
}

QTableWidget* make_table(int columns, QWidget* parent) {
  auto* t = new QTableWidget(0, columns, parent);
  t->verticalHeader()->setVisible(false);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);  // the name gives way first
  t->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  return t;
}

}  // namespace

EventingPanel::EventingPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* intro = new QLabel(tr(tooltip::kEventingIntro), this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(status_);
  problems_ = new QLabel(this);
  problems_->setWordWrap(true);
  problems_->setStyleSheet("color: #b00000");
  problems_->hide();
  layout->addWidget(problems_);
  picker_ = new QWidget(this);
  auto* pick = new QHBoxLayout(picker_);
  pick->setContentsMargins(0, 0, 0, 0);
  pick->addWidget(new QLabel(tr("Plot:"), this));
  selector_ = new QComboBox(this);
  selector_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  selector_->setMinimumContentsLength(12);
  selector_->addItem(tr("all Triggers and Subscriptions"));
  selector_->setToolTip(tr(tooltip::kEventingSelector));
  pick->addWidget(selector_, 1);
  layout->addWidget(picker_);
  cursor_ = new QLabel(this);
  cursor_->setWordWrap(true);
  cursor_->setToolTip(tr(tooltip::kEventingPlot));
  layout->addWidget(cursor_);
  table_ = make_table(kColumnCount, this);
  for (int c = 0; c < kColumnCount; ++c) {
    auto* header = new QTableWidgetItem(tr(kColumns[c].title));
    header->setToolTip(tr(kColumns[c].tooltip));
    table_->setHorizontalHeaderItem(c, header);
  }
  layout->addWidget(table_);
  sources_title_ = new QLabel(this);
  sources_title_->setToolTip(tr(tooltip::kEventingSources));
  layout->addWidget(sources_title_);
  sources_ = make_table(4, this);
  sources_->setHorizontalHeaderLabels({tr("source"), tr("sent"), tr("accepted"), tr("failed")});
  sources_->setToolTip(tr(tooltip::kEventingSources));
  layout->addWidget(sources_);
  layout->addStretch(1);  // the tables hug their rows; the space left stays below them
  connect(selector_, &QComboBox::currentIndexChanged, this, [this] {
    update_cursor();
    emit selection_changed();
  });
  connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
    if (row < 0 || row >= static_cast<int>(row_destinations_.size())) return;
    if (row_destinations_[static_cast<std::size_t>(row)]) select(row_destinations_[static_cast<std::size_t>(row)]);
  });
  update_tables();
}

bool EventingPanel::refresh(const RunData& data) {
  if (!feed_.update(data)) return false;
  if (feed_.has_eventing()) {  // otherwise the tab is hidden: nothing to draw
    update_selector();
    update_tables();
  }
  return true;
}

void EventingPanel::reset() {
  feed_.reset();
  selector_destinations_.clear();
  while (selector_->count() > 1) selector_->removeItem(selector_->count() - 1);
  selector_->setCurrentIndex(0);
  update_tables();
}

std::optional<Destination> EventingPanel::selection() const {
  const int i = selector_->currentIndex();
  if (i <= 0 || i > static_cast<int>(selector_destinations_.size())) return std::nullopt;
  return selector_destinations_[static_cast<std::size_t>(i - 1)];
}

bool EventingPanel::select(const std::optional<Destination>& destination) {
  if (!destination) {
    selector_->setCurrentIndex(0);
    return true;
  }
  for (std::size_t i = 0; i < selector_destinations_.size(); ++i) {
    if (selector_destinations_[i] == *destination) {
      selector_->setCurrentIndex(static_cast<int>(i + 1));
      return true;
    }
  }
  return false;
}

void EventingPanel::update_selector() {
  // Rows only ever get added (a map: triggers first, then by name); keep the current choice.
  if (feed_.rows().size() == selector_destinations_.size()) return;
  const std::optional<Destination> current = selection();
  const QSignalBlocker block(selector_);
  selector_destinations_.clear();
  while (selector_->count() > 1) selector_->removeItem(selector_->count() - 1);
  for (const auto& [destination, row] : feed_.rows()) {
    selector_destinations_.push_back(destination);
    selector_->addItem(QString::fromStdString(destination.label()));
  }
  select(current);
}

QString EventingPanel::status_text() const { return status_->text(); }
QString EventingPanel::cursor_text() const { return cursor_->text(); }

int EventingPanel::table_row(const Destination& destination) const {
  for (std::size_t r = 0; r < row_destinations_.size(); ++r)
    if (row_destinations_[r] == destination) return static_cast<int>(r);
  return -1;
}

void EventingPanel::show_time(double t_s) {
  cursor_t_ = t_s;
  update_cursor();
}

void EventingPanel::update_tables() {
  update_status();
  update_destinations();
  update_sources();
  update_cursor();
}

void EventingPanel::update_status() {
  if (feed_.final())
    status_->setText(tr("<b>Final</b>: the run's summary (summary.json), %1 delivery attempts. <i>lost</i> also "
                        "counts events still in flight when the run ended.")
                         .arg(feed_.totals().attempts()) +
                     (feed_.rows().empty() ? tr("<br>No Trigger or Subscription: the sources send straight to their "
                                                "sinks (a Knative Service's requests are in the Requests plot).")
                                           : QString()));
  else
    status_->setText(tr("<b>Live</b>: counted from %1 delivery attempts up to t = %2 s. Received, filtered and "
                        "latency come with the run's summary at the end.")
                         .arg(feed_.totals().attempts())
                         .arg(feed_.last_t(), 0, 'f', 1));
  problems_->setVisible(!feed_.problems().empty());
  if (!feed_.problems().empty())
    problems_->setText(tr("%1 malformed eventing line(s), first: %2")
                           .arg(feed_.problems().size())
                           .arg(QString::fromStdString(feed_.problems().front())));
}

void EventingPanel::update_destinations() {
  // Sources may send straight to a Service (no Trigger or Subscription): then only the sources.
  table_->setVisible(!feed_.rows().empty());
  cursor_->setVisible(!feed_.rows().empty());
  picker_->setVisible(!feed_.rows().empty());
  row_destinations_.clear();
  std::optional<Destination::Kind> section;
  for (const auto& [destination, row] : feed_.rows()) {
    if (section != destination.kind) row_destinations_.push_back(std::nullopt);  // a heading row
    section = destination.kind;
    row_destinations_.push_back(destination);
  }
  table_->clearSpans();
  table_->setRowCount(static_cast<int>(row_destinations_.size()));
  for (int r = 0; r < table_->rowCount(); ++r) {
    const auto& d = row_destinations_[static_cast<std::size_t>(r)];
    if (!d) {  // "Triggers" / "Subscriptions" over the rows that follow
      const bool triggers = row_destinations_[static_cast<std::size_t>(r) + 1]->kind == Destination::Kind::kTrigger;
      auto* heading = new QTableWidgetItem(triggers ? tr("Triggers (Broker -> filter -> subscriber)")
                                                    : tr("Subscriptions (Channel -> subscriber)"));
      QFont bold = heading->font();
      bold.setBold(true);
      heading->setFont(bold);
      heading->setFlags(Qt::ItemIsEnabled);
      heading->setBackground(palette().alternateBase());
      table_->setItem(r, 0, heading);
      table_->setSpan(r, 0, 1, kColumnCount);
      continue;
    }
    const DestinationRow& row = feed_.rows().at(*d);
    auto* name = new QTableWidgetItem(QString::fromStdString(d->name));
    name->setToolTip(QString::fromStdString(d->label()) + "\n" + tr(tooltip::kEventingDestination));
    table_->setItem(r, 0, name);
    auto opt_count = [&](const std::optional<std::int64_t>& v) {
      return optional_item(row.final, v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt, 0);
    };
    table_->setItem(r, 1, opt_count(row.received));
    table_->setItem(r, 2, opt_count(row.filtered));
    table_->setItem(r, 3, count_item(row.delivered));
    table_->setItem(r, 4, count_item(row.retries));
    table_->setItem(r, 5, count_item(row.dead_lettered));
    table_->setItem(r, 6, count_item(row.lost));
    table_->setItem(r, 7, optional_item(row.final, row.latency_p50_ms, 1));
    table_->setItem(r, 8, optional_item(row.final, row.latency_p99_ms, 1));
    table_->setItem(r, 9, optional_item(row.final, row.latency_max_ms, 1));
  }
}

void EventingPanel::update_sources() {
  const auto& sources = feed_.sources();
  sources_title_->setText(feed_.final() ? tr("<b>Sources</b>: events sent to their sink (a Broker, Channel or Service)")
                                        : tr("<b>Sources</b>: %1").arg(tr(kNotYet)));
  sources_->setRowCount(static_cast<int>(sources.size()));
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const int row = static_cast<int>(i);
    sources_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(sources[i].name)));
    sources_->setItem(row, 1, count_item(sources[i].sent));
    sources_->setItem(row, 2, count_item(sources[i].accepted));
    sources_->setItem(row, 3, count_item(sources[i].failed));
  }
  sources_->setVisible(feed_.final() && !sources.empty());
}

// "Cursor, interval (148, 150] s, all Triggers and Subscriptions: delivered 4, retries 6, ..."
void EventingPanel::update_cursor() {
  if (cursor_t_ < 0 || feed_.bin_count() == 0) {
    cursor_->setText(tr("Click a plot to see the deliveries of that interval here."));
    return;
  }
  const std::size_t bin = EventingFeed::bin_index(cursor_t_, feed_.interval());
  const auto& bins = feed_.bins(selection());
  const OutcomeCounts counts = bin < bins.size() ? bins[bin] : OutcomeCounts{};
  QStringList parts;
  for (std::size_t s = 0; s < kSeriesCount; ++s) {
    const auto series = static_cast<EventingSeries>(s);
    parts << QString("%1 %2").arg(QString::fromUtf8(series_name(series).data())).arg(series_value(counts, series));
  }
  const double end = feed_.bin_end(bin);
  cursor_->setText(tr("<b>Cursor</b>, interval (%1, %2] s, %3: %4")
                       .arg(end - feed_.interval(), 0, 'f', 1)
                       .arg(end, 0, 'f', 1)
                       .arg(selector_->currentText())
                       .arg(parts.join(", ")));
}

}  // namespace knsim::gui
