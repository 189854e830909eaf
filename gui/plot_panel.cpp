#include "gui/plot_panel.hpp"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QVBoxLayout>
#include <cmath>
#include <set>

#include "gui/eventing_plot.hpp"
#include "gui/plot_style.hpp"
#include "gui/tooltips.hpp"

namespace knsim::gui {
namespace {

// The bands plot's height, px: at least kBandsMinimumHeight; title, time axis and legend take
// about kBandsBaseHeight, each lane kBandsLaneHeight (two lines of 8 pt labels).
constexpr int kBandsMinimumHeight = 150;
constexpr int kBandsBaseHeight = 100;
constexpr int kBandsLaneHeight = 30;

}  // namespace

PlotPanel::PlotPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  set_.pods = make_plot(tr("Pods per revision"), tr("pods"), tooltip::kPodsPlot);
  set_.concurrency = make_plot(tr("Observed concurrency vs target capacity"), tr("requests in flight"),
                               tooltip::kConcurrencyPlot);
  set_.bands = make_plot(tr("Mode bands: Serve (green) / Proxy (orange), panic (red)"), QString(),
                         tooltip::kBandsPlot);
  set_.traffic = make_plot(tr("Traffic split"), tr("share of traffic (%)"), tooltip::kTrafficPlot);
  set_.load = make_plot(tr("Requests: rate, cold starts, failures"), tr("request rate (req/s)"),
                        tooltip::kLoadPlot);
  eventing_plot_ = make_plot(tr("Eventing: delivery attempts per interval"), tr("attempts per interval"),
                             tooltip::kEventingPlot);
  eventing_ = std::make_unique<EventingPlot>(eventing_plot_, registry_);
  set_.latency = make_plot(tr("Latency per interval"), tr("latency (ms)"), tooltip::kLatencyPlot);
  set_.nodes = make_plot(tr("Nodes: pods placed and CPU use"), tr("pods on node"), tooltip::kNodesPlot);
  set_.load->yAxis2->setVisible(true);
  set_.load->yAxis2->setLabel(tr("count per interval"));
  set_.nodes->yAxis2->setVisible(true);
  set_.nodes->yAxis2->setLabel(tr("CPU use (%)"));
  set_.nodes->yAxis2->setRange(0, 105);
  set_.traffic->yAxis->setRange(0, 105);
  set_.bands->setMinimumHeight(kBandsMinimumHeight);
  set_.bands->yAxis->setSubTicks(false);
  set_.bands->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
  set_.bands->yAxis->grid()->setVisible(false);
  set_.bands->yAxis->setLabel(tr("revision"));
  // The bands' legend: what each colour means (empty graphs, drawn as filled swatches).
  for (const auto& [name, color] : {std::pair{tr("Serve (requests go to the pods)"), kServeColor},
                                    std::pair{tr("Proxy (activator in the path)"), kProxyColor},
                                    std::pair{tr("panic"), kPanicColor}}) {
    QCPGraph* swatch = add_graph(set_.bands, set_.bands->yAxis, name, QPen(color.darker(110), 1), true);
    swatch->setBrush(QBrush(color));
  }
  add_style_legends();
  for (auto& [title, plot] : order_) {
    if (plot != set_.nodes) plot->xAxis->setLabel(QString());  // one time-axis label, at the bottom
    layout->addWidget(plot, plot == set_.bands ? 2 : 3);
  }
  eventing_plot_->setVisible(false);  // only runs with eventing show it (refresh_eventing)
  update_minimum_height();
}

// The panel is as tall as its shown plots' minimum heights (the scroll area scrolls vertically
// past that); it has no minimum width beyond the plots' own, so it never scrolls horizontally.
void PlotPanel::update_minimum_height() {
  int height = 0, shown = 0;
  for (const auto& [title, plot] : order_) {
    if (plot == eventing_plot_ && !eventing_shown_) continue;
    height += plot->minimumHeight();
    ++shown;
  }
  setMinimumHeight(height + std::max(0, shown - 1) * layout()->spacing());
}

void PlotPanel::add_style_legends() {
  const QColor grey(90, 90, 90);
  auto entry = [&](QCustomPlot* p, const QString& name, Qt::PenStyle style, double width = 1.5,
                   QCPScatterStyle scatter = QCPScatterStyle()) {
    QCPGraph* g = add_graph(p, p->yAxis, name, QPen(grey, width, style), true);
    g->setScatterStyle(scatter);
    if (scatter.shape() != QCPScatterStyle::ssNone) g->setLineStyle(QCPGraph::lsNone);
  };
  entry(set_.pods, tr("ready (solid)"), Qt::SolidLine, 2.2);
  entry(set_.pods, tr("desired (dashed)"), Qt::DashLine);
  entry(set_.pods, tr("all pods (dotted)"), Qt::DotLine);
  entry(set_.pods, tr("min/max scale"), Qt::DashDotDotLine, 1.0);
  entry(set_.concurrency, tr("stable window (solid)"), Qt::SolidLine, 2.0);
  entry(set_.concurrency, tr("panic window (dashed)"), Qt::DashLine);
  entry(set_.concurrency, tr("target x ready pods"), Qt::DotLine);
  entry(set_.traffic, tr("configured % (solid)"), Qt::SolidLine, 2.0);
  entry(set_.traffic, tr("served % (dashed)"), Qt::DashLine);
  entry(set_.load, tr("req/s (solid)"), Qt::SolidLine);
  entry(set_.load, tr("cold starts (right)"), Qt::SolidLine, 1, QCPScatterStyle(QCPScatterStyle::ssTriangle, grey, grey, 8));
  entry(set_.load, tr("failures (right)"), Qt::SolidLine, 1, QCPScatterStyle(QCPScatterStyle::ssCross, kFailureColor, 9));
  entry(set_.latency, tr("p99 (solid)"), Qt::SolidLine, 1.8);
  entry(set_.latency, tr("p50 (dashed)"), Qt::DashLine);
  entry(set_.nodes, tr("pods (solid)"), Qt::SolidLine, 2.0);
  entry(set_.nodes, tr("CPU % (dashed, right)"), Qt::DashLine);
  for (auto& [title, plot] : order_)
    if (plot != set_.bands && plot != eventing_plot_) entry(plot, tr("what-if: lighter, dash-dot"), Qt::DashDotLine, 1.2);
}

PlotPanel::~PlotPanel() = default;

QCustomPlot* PlotPanel::make_plot(const QString& title, const QString& y_label, const QString& tooltip) {
  auto* plot = new QCustomPlot(this);
  setup_plot(plot, title, y_label, tooltip);
  auto* line = new QCPItemStraightLine(plot);
  line->setPen(QPen(QColor(40, 40, 40), 1.2, Qt::DashLine));
  line->point1->setCoords(0, 0);
  line->point2->setCoords(0, 1);
  line->setSelectable(false);
  cursor_lines_.push_back(line);
  // Shared time axis: a drag or zoom on one plot moves them all.
  connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& r) {
    if (syncing_) return;
    syncing_ = true;
    for (auto& [t, p] : order_) {
      if (p->xAxis->range() != r) {
        p->xAxis->setRange(r);
        p->replot(QCustomPlot::rpQueuedReplot);
      }
    }
    syncing_ = false;
  });
  connect(plot, &QCustomPlot::mousePress, this, [this, plot](QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const double x = plot->xAxis->pixelToCoord(event->pos().x());
    const double snapped = std::round(x / sample_interval_) * sample_interval_;
    set_cursor(std::max(0.0, snapped));
    emit cursor_moved(cursor_);
  });
  order_.emplace_back(title, plot);
  return plot;
}

void PlotPanel::clear_run(int run) {
  for (auto it = revisions_.begin(); it != revisions_.end();) {
    if (it->first.first == run) {
      it->second->remove(registry_);
      it = revisions_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = nodes_.begin(); it != nodes_.end();) {
    if (it->first.first == run) {
      it->second->remove(registry_);
      it = nodes_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = lanes_.begin(); it != lanes_.end();) it = it->first.first == run ? lanes_.erase(it) : std::next(it);
  update_more_entries();
  if (run == 0) {  // the Eventing plot shows the baseline run only; hidden until it has eventing
    eventing_->clear();
    if (eventing_shown_) {
      eventing_shown_ = false;
      eventing_plot_->setVisible(false);
      update_minimum_height();
    }
  }
  update_lane_labels();
  for (auto& [t, p] : order_) p->replot(QCustomPlot::rpQueuedReplot);
}

bool PlotPanel::refresh(int run, const RunData& data) {
  if (data.has_hello()) {
    if (data.info().sample_interval_s > 0) sample_interval_ = data.info().sample_interval_s;
    if (data.info().duration_s > duration_) {
      duration_ = data.info().duration_s;
      set_time_range(0, duration_);
    }
  }
  bool changed = false, added = false;
  int index = 0;
  for (const std::string& name : data.revision_names()) {
    const reports::RevisionSeries* series = data.revision(name);
    if (!series) continue;  // announced, no sample yet
    const reports::RevisionSeries& s = *series;
    const auto key = std::make_pair(run, name);
    auto it = revisions_.find(key);
    if (it == revisions_.end()) {
      int lane = 0;
      for (const auto& l : lanes_) lane = std::max(lane, l.second + 1);
      lanes_[key] = lane;
      const bool named = index < kRevisionColors;
      it = revisions_.emplace(key, std::make_unique<RevisionFeed>(set_, run, index, lane, name, named, registry_))
               .first;
      update_lane_labels();
      added = true;
    }
    changed = it->second->append(s, sample_interval_) || changed;
    ++index;
  }
  index = 0;
  for (const std::string& name : data.node_names()) {
    const reports::NodeSeries* s = data.node(name);
    if (!s) continue;
    const auto key = std::make_pair(run, name);
    auto it = nodes_.find(key);
    if (it == nodes_.end()) {
      const bool named = index < kNodeColors;
      it = nodes_.emplace(key, std::make_unique<NodeFeed>(set_, run, index, name, named, registry_)).first;
      added = true;
    }
    changed = it->second->append(*s) || changed;
    ++index;
  }
  if (added) update_more_entries();  // once for all the new feeds
  if (changed) {
    fit_axes();
    for (auto& [t, p] : order_) p->replot(QCustomPlot::rpQueuedReplot);
  }
  return changed;
}

void PlotPanel::fit_axes() {
  for (QCustomPlot* p : {set_.pods, set_.concurrency, set_.load, set_.latency, set_.nodes}) fit_value_axis(p->yAxis, true);
  fit_value_axis(set_.load->yAxis2, true);
  if (set_.load->yAxis2->range().upper < 3) set_.load->yAxis2->setRangeUpper(3);
  if (set_.pods->yAxis->range().upper < 2) set_.pods->yAxis->setRangeUpper(2);
  if (set_.nodes->yAxis->range().upper < 2) set_.nodes->yAxis->setRangeUpper(2);
}

void PlotPanel::update_lane_labels() {
  auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(set_.bands->yAxis->ticker());
  ticker->clear();
  int lanes = 0;
  for (const auto& [key, lane] : lanes_) {
    ticker->addTick(lane + 0.5, QString::fromStdString(key.second) + (key.first == 1 ? "\n(what-if)" : ""));
    lanes = std::max(lanes, lane + 1);
  }
  set_.bands->yAxis->setRange(0, std::max(1, lanes));
  // Each lane needs room for its two-line label ("name" / "(what-if)"): the bands plot grows
  // with the lanes instead of overlapping them.
  const int height = std::max(kBandsMinimumHeight, kBandsBaseHeight + kBandsLaneHeight * lanes);
  if (height != set_.bands->minimumHeight()) {
    set_.bands->setMinimumHeight(height);
    update_minimum_height();
  }
  // The lane labels are revision names: widen every plot's left margin (all alike, so the time
  // axes stay aligned) until the longest fits beside the axis.
  const QFontMetrics metrics(set_.bands->yAxis->tickLabelFont());
  int widest = 0;
  for (const auto& [key, lane] : lanes_)
    widest = std::max(widest, metrics.horizontalAdvance(QString::fromStdString(key.second)));
  const int left = std::max(kAxisLeftMargin, widest + set_.bands->yAxis->tickLabelPadding() +
                                                 set_.bands->yAxis->tickLengthOut() + 8);
  if (left != set_.bands->axisRect()->margins().left())
    for (auto& [title, p] : order_) p->axisRect()->setMargins(QMargins(left, 0, kAxisRightMargin, 0));
}

namespace {

// How many distinct names of `feeds` (keyed by (run, name)) no run's legend names.
template <typename Feeds>
std::size_t unnamed_count(const Feeds& feeds) {
  std::set<std::string> named, unnamed;
  for (const auto& [key, feed] : feeds) (feed->in_legend() ? named : unnamed).insert(key.second);
  std::size_t n = 0;
  for (const std::string& name : unnamed) n += named.count(name) == 0 ? 1 : 0;
  return n;
}

}  // namespace

// One legend entry per plot with named series: "+N more revisions" (or nodes), shown only while
// N > 0, last in the legend. It is an empty graph: no line, no data, only its name.
void PlotPanel::update_more_entries() {
  auto entry = [this](QCustomPlot* plot, std::size_t hidden, const QString& what) {
    QCPGraph*& g = more_[plot];
    if (!g) {
      g = add_graph(plot, plot->yAxis, QString(), QPen(Qt::NoPen), false);
      g->setSelectable(QCP::stNone);
    }
    if (hidden == 0) {
      g->removeFromLegend();
      return;
    }
    g->setName(tr("+%1 more %2 (colours repeat)").arg(hidden).arg(what));
    g->removeFromLegend();  // re-added: the entry stays last
    g->addToLegend();
  };
  const std::size_t revisions = unnamed_count(revisions_);
  for (QCustomPlot* p : {set_.pods, set_.concurrency, set_.traffic, set_.load, set_.latency})
    entry(p, revisions, tr("revisions"));
  entry(set_.nodes, unnamed_count(nodes_), tr("nodes"));
}

void PlotPanel::set_cursor(double t_s) {
  cursor_ = t_s;
  for (QCPItemStraightLine* line : cursor_lines_) {
    line->point1->setCoords(t_s, 0);
    line->point2->setCoords(t_s, 1);
    line->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
  }
}

void PlotPanel::set_time_range(double lo, double hi) {
  for (auto& [t, p] : order_) {
    p->xAxis->setRange(lo, hi);
    p->replot(QCustomPlot::rpQueuedReplot);
  }
}

bool PlotPanel::refresh_eventing(EventingFeed& feed) {
  // Sources straight into a Service have no delivery attempts: no plot (their requests are plotted).
  if (feed.totals().attempts() == 0) return false;
  if (!eventing_shown_) {
    eventing_shown_ = true;
    eventing_plot_->setVisible(true);
    update_minimum_height();
  }
  if (!eventing_->append(feed)) return false;
  fit_value_axis(eventing_plot_->yAxis, true);
  eventing_plot_->yAxis->setRangeLower(0);  // counts; an all-zero series must not centre the axis on 0
  if (eventing_plot_->yAxis->range().upper < 3) eventing_plot_->yAxis->setRangeUpper(3);
  eventing_plot_->replot(QCustomPlot::rpQueuedReplot);
  return true;
}

void PlotPanel::select_eventing(const std::optional<Destination>& destination) {
  eventing_->select(destination);
  if (auto* title = qobject_cast<QCPTextElement*>(eventing_plot_->plotLayout()->element(0, 0)))
    title->setText(tr("Eventing: delivery attempts per interval, %1").arg(eventing_->selection_text()));
}

std::vector<std::pair<QString, QCustomPlot*>> PlotPanel::plots() const {
  std::vector<std::pair<QString, QCustomPlot*>> shown;
  for (const auto& entry : order_)
    if (entry.second != eventing_plot_ || eventing_shown_) shown.push_back(entry);
  return shown;
}

QCPGraph* PlotPanel::graph(const QString& key) const {
  auto it = registry_.find(key);
  return it == registry_.end() ? nullptr : it->second;
}

std::vector<QString> PlotPanel::graph_keys() const {
  std::vector<QString> keys;
  for (const auto& [k, g] : registry_) keys.push_back(k);
  return keys;
}

}  // namespace knsim::gui
