#include "gui/eventing_plot.hpp"

#include <qcustomplot.h>

#include <algorithm>

#include "gui/plot_style.hpp"

namespace knsim::gui {
namespace {

// Colours as in the HTML report's "Eventing deliveries" plot (reports/eventing_plot.cpp), lost in
// the failure red of the request plot.
struct SeriesStyle {
  const char* legend;
  QColor color;
  double width;
  Qt::PenStyle style;
};
const std::array<SeriesStyle, kSeriesCount> kStyles = {{
    {"delivered", QColor(42, 157, 143), 2.0, Qt::SolidLine},
    {"retries", QColor(214, 150, 30), 1.4, Qt::SolidLine},
    {"dead-lettered", QColor(123, 50, 148), 1.6, Qt::SolidLine},
    {"lost", kFailureColor, 1.8, Qt::DashLine},
}};

}  // namespace

EventingPlot::EventingPlot(QCustomPlot* plot, GraphRegistry& registry) : plot_(plot) {
  for (std::size_t i = 0; i < kSeriesCount; ++i) {
    const SeriesStyle& s = kStyles[i];
    QCPGraph* g = add_graph(plot, plot->yAxis, s.legend, QPen(s.color, s.width, s.style), true);
    // A bin's count holds over its whole interval (t - dt, t], drawn up to its key t.
    g->setLineStyle(QCPGraph::lsStepRight);
    graphs_[i] = g;
    registry["eventing/" + QString::fromUtf8(series_name(static_cast<EventingSeries>(i)).data())] = g;
  }
}

bool EventingPlot::append(EventingFeed& feed) {
  const std::size_t n = feed.bin_count();
  std::size_t from = std::min(final_plotted_, feed.take_changed_from());
  if (!redraw_ && from >= n) return false;
  if (redraw_ || from == 0) {  // draw everything again
    from = 0;
    for (QCPGraph* g : graphs_) g->data()->clear();
  }
  const double dt = feed.interval();
  const std::vector<OutcomeCounts>& bins = feed.bins(selection_);
  QVector<double> keys;
  std::array<QVector<double>, kSeriesCount> values;
  if (from == 0) {  // a 0 at t = 0, so the first bin's step is drawn over (0, dt]
    keys.push_back(0);
    for (auto& v : values) v.push_back(0);
  }
  for (std::size_t i = from; i < n; ++i) {
    keys.push_back(feed.bin_end(i));
    const OutcomeCounts counts = i < bins.size() ? bins[i] : OutcomeCounts{};
    for (std::size_t s = 0; s < kSeriesCount; ++s)
      values[s].push_back(static_cast<double>(series_value(counts, static_cast<EventingSeries>(s))));
  }
  for (std::size_t s = 0; s < kSeriesCount; ++s) {
    // Bins from `from` on may have changed since they were drawn: replace them.
    if (from > 0) graphs_[s]->data()->removeAfter(feed.bin_end(from) - dt / 2);
    graphs_[s]->addData(keys, values[s], true);
  }
  final_plotted_ = std::min(feed.final_bin_count(), n);
  redraw_ = false;
  return true;
}

void EventingPlot::select(const std::optional<Destination>& destination) {
  selection_ = destination;
  redraw_ = true;
  final_plotted_ = 0;
}

void EventingPlot::clear() {
  for (QCPGraph* g : graphs_) g->data()->clear();
  redraw_ = true;
  final_plotted_ = 0;
}

QString EventingPlot::selection_text() const {
  return selection_ ? QString::fromStdString(selection_->label()) : QObject::tr("all Triggers and Subscriptions");
}

}  // namespace knsim::gui
