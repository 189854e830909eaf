#include "gui/live_plots.hpp"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "gui/live_data.hpp"
#include "gui/plot_style.hpp"

namespace knsim::gui {
namespace {

const QColor kDisagreeColor{148, 0, 211};
constexpr double kWindowSeconds = 600;  // the followed time axis shows at most the last 10 minutes

QString pods_tooltip() {
  return QObject::tr("Real cluster: ready pods (the PodAutoscaler's actualScale, solid) and desired pods "
                     "(desiredScale, dotted). Twin: the desired pods knsim's core decides on the same live "
                     "metrics (dashed). A red cross marks a tick where the two disagree.");
}

QString bands_tooltip() {
  return QObject::tr("Per revision, the real ServerlessService mode and the twin's mode: Serve (green, requests go "
                     "to the pods) or Proxy (orange, the activator is in the path). Red: the twin panics. Purple: "
                     "the twin and the real autoscaler disagree at that tick.");
}

}  // namespace

// The graphs of one revision: pods lines and two band lanes (real, twin).
struct LivePlots::Feed {
  std::size_t plotted = 0;
  int lane = 0;  // the real lane; the twin's is lane + 1
  QCPGraph* real_ready = nullptr;
  QCPGraph* real_desired = nullptr;
  QCPGraph* twin_desired = nullptr;
  QCPGraph* disagree = nullptr;
  QCPGraph* base[2] = {nullptr, nullptr};     // lane floor (real, twin)
  QCPGraph* serve[2] = {nullptr, nullptr};
  QCPGraph* proxy[2] = {nullptr, nullptr};
  QCPGraph* top_base[2] = {nullptr, nullptr};  // upper half floor
  QCPGraph* top[2] = {nullptr, nullptr};       // real: disagreement, twin: panic
};

LivePlots::LivePlots(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  pods_ = make_plot(tr("Pods per revision: real cluster and twin"), tr("pods"));
  pods_->setToolTip(pods_tooltip());
  bands_ = make_plot(tr("Modes: real and twin, Serve (green) / Proxy (orange), twin panic (red), disagreement (purple)"),
                     QString());
  bands_->setToolTip(bands_tooltip());
  bands_->yAxis->setSubTicks(false);
  bands_->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
  bands_->yAxis->grid()->setVisible(false);
  bands_->yAxis->setRange(0, 2);
  const QColor grey(90, 90, 90);
  auto style = [&](const QString& name, const QPen& pen, QCPScatterStyle scatter = QCPScatterStyle()) {
    QCPGraph* g = add_graph(pods_, pods_->yAxis, name, pen, true);
    g->setScatterStyle(scatter);
    if (scatter.shape() != QCPScatterStyle::ssNone) g->setLineStyle(QCPGraph::lsNone);
  };
  style(tr("real ready (solid)"), QPen(grey, 2.6));
  style(tr("real desired (dotted)"), QPen(grey, 1.4, Qt::DotLine));
  style(tr("twin desired (dashed)"), QPen(grey, 1.6, Qt::DashLine));
  style(tr("disagreement"), QPen(kPanicColor, 2), QCPScatterStyle(QCPScatterStyle::ssCross, kPanicColor, 9));
  for (const auto& [name, color] : {std::pair{tr("Serve"), kServeColor}, std::pair{tr("Proxy"), kProxyColor},
                                    std::pair{tr("twin panic"), kPanicColor}, std::pair{tr("disagreement"), kDisagreeColor}}) {
    QCPGraph* swatch = add_graph(bands_, bands_->yAxis, name, QPen(color.darker(110), 1), true);
    swatch->setBrush(QBrush(color));
  }
  pods_->xAxis->setLabel(QString());
  bands_->xAxis->setLabel(tr("time since the shadow started (s)"));
  layout->addWidget(pods_, 3);
  layout->addWidget(bands_, 2);
  setMinimumHeight(pods_->minimumHeight() + bands_->minimumHeight());
}

LivePlots::~LivePlots() = default;

QCustomPlot* LivePlots::make_plot(const QString& title, const QString& y_label) {
  auto* plot = new QCustomPlot(this);
  setup_plot(plot, title, y_label, QString());
  auto* line = new QCPItemStraightLine(plot);
  line->setPen(QPen(QColor(40, 40, 40), 1.2, Qt::DashLine));
  line->point1->setCoords(0, 0);
  line->point2->setCoords(0, 1);
  cursor_lines_[pods_ ? 1 : 0] = line;
  connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this, plot](const QCPRange& r) {
    if (syncing_) return;
    syncing_ = true;
    for (QCustomPlot* p : {pods_, bands_}) {
      if (p && p != plot && p->xAxis->range() != r) {
        p->xAxis->setRange(r);
        p->replot(QCustomPlot::rpQueuedReplot);
      }
    }
    syncing_ = false;
  });
  connect(plot, &QCustomPlot::mouseWheel, this, [this] { follow_ = false; });
  connect(plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
    if (e->buttons() & Qt::LeftButton) follow_ = false;
  });
  connect(plot, &QCustomPlot::mousePress, this, [this, plot](QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    set_cursor(std::max(0.0, plot->xAxis->pixelToCoord(event->pos().x())));
    emit cursor_moved(cursor_);
  });
  return plot;
}

LivePlots::Feed& LivePlots::feed_for(const std::string& revision, int index) {
  auto it = feeds_.find(revision);
  if (it != feeds_.end()) return *it->second;
  auto f = std::make_unique<Feed>();
  f->lane = 2 * index;
  const QColor c = revision_color(index);
  const QString name = QString::fromStdString(revision);
  auto make = [&](QCustomPlot* plot, const QString& key, const QString& legend, const QPen& pen) {
    QCPGraph* g = add_graph(plot, plot->yAxis, legend.isEmpty() ? name + " " + key : legend, pen, !legend.isEmpty());
    graphs_[(plot == pods_ ? "pods/" : "bands/") + name + " " + key] = g;
    return g;
  };
  f->real_ready = make(pods_, "real ready", name, QPen(c, 2.6));
  f->real_ready->setLineStyle(QCPGraph::lsStepLeft);
  f->real_desired = make(pods_, "real desired", {}, QPen(c.darker(120), 1.4, Qt::DotLine));
  f->real_desired->setLineStyle(QCPGraph::lsStepLeft);
  f->twin_desired = make(pods_, "twin desired", {}, QPen(c, 1.6, Qt::DashLine));
  f->twin_desired->setLineStyle(QCPGraph::lsStepLeft);
  f->disagree = make(pods_, "disagree", {}, QPen(kPanicColor, 2));
  f->disagree->setLineStyle(QCPGraph::lsNone);
  f->disagree->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, kPanicColor, 9));
  for (int side = 0; side < 2; ++side) {
    const QString who = side == 0 ? "real" : "twin";
    f->base[side] = make(bands_, who + " base", {}, QPen(Qt::NoPen));
    f->top_base[side] = make(bands_, who + " top base", {}, QPen(Qt::NoPen));
    auto band = [&](const QString& what, const QColor& color, QCPGraph* floor) {
      QCPGraph* g = make(bands_, who + " " + what, {}, QPen(color.darker(110), 1));
      g->setLineStyle(QCPGraph::lsStepLeft);
      g->setBrush(QBrush(color));
      g->setChannelFillGraph(floor);
      return g;
    };
    f->serve[side] = band("Serve", kServeColor, f->base[side]);
    f->proxy[side] = band("Proxy", kProxyColor, f->base[side]);
    f->top[side] = side == 0 ? band("disagree", kDisagreeColor, f->top_base[side]) : band("panic", kPanicColor, f->top_base[side]);
  }
  Feed& ref = *f;
  feeds_.emplace(revision, std::move(f));
  update_lanes();
  return ref;
}

void LivePlots::update_lanes() {
  auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(bands_->yAxis->ticker());
  ticker->clear();
  int lanes = 0;
  for (const auto& [name, f] : feeds_) {
    ticker->addTick(f->lane + 0.5, QString::fromStdString(name) + "\nreal");
    ticker->addTick(f->lane + 1.5, tr("twin"));
    lanes = std::max(lanes, f->lane + 2);
  }
  bands_->yAxis->setRange(0, std::max(2, lanes));
  bands_->setMinimumHeight(std::max(kPlotMinimumHeight, 100 + 30 * lanes));
  // Lane labels are revision names: every plot's left margin alike, wide enough for the longest.
  const QFontMetrics metrics(bands_->yAxis->tickLabelFont());
  int widest = 0;
  for (const auto& [name, f] : feeds_) widest = std::max(widest, metrics.horizontalAdvance(QString::fromStdString(name)));
  const int left = std::max(kAxisLeftMargin, widest + 16);
  for (QCustomPlot* p : {pods_, bands_}) p->axisRect()->setMargins(QMargins(left, 0, kAxisRightMargin, 0));
  setMinimumHeight(pods_->minimumHeight() + bands_->minimumHeight());
}

bool LivePlots::refresh(const LiveData& data) {
  bool changed = false;
  int index = 0;
  for (const std::string& revision : data.revisions()) {
    Feed& f = feed_for(revision, index++);
    const auto& ticks = data.ticks(revision);
    if (ticks.size() <= f.plotted) continue;
    QVector<double> keys, ready, desired, twin, cross, serve[2], proxy[2], top[2];
    const double lo = f.lane, mid = f.lane + 0.45, top_lo = f.lane + 0.5, top_hi = f.lane + 0.95;
    for (std::size_t i = f.plotted; i < ticks.size(); ++i) {
      const ShadowTick& k = ticks[i];
      keys.push_back(k.t);
      ready.push_back(k.real_actual);
      desired.push_back(k.real_desired);
      twin.push_back(k.twin_desired);
      cross.push_back(k.agree == 0 ? (std::isnan(k.twin_desired) ? 0 : k.twin_desired) : std::nan(""));
      const std::string* modes[2] = {&k.real_mode, &k.twin_mode};
      for (int side = 0; side < 2; ++side) {
        serve[side].push_back(*modes[side] == "Serve" ? mid + side : lo + side);
        proxy[side].push_back(*modes[side] == "Proxy" ? mid + side : lo + side);
      }
      top[0].push_back(k.agree == 0 ? top_hi : top_lo);
      top[1].push_back(k.twin_panic > 0.5 ? top_hi + 1 : top_lo + 1);
    }
    f.real_ready->addData(keys, ready, true);
    f.real_desired->addData(keys, desired, true);
    f.twin_desired->addData(keys, twin, true);
    f.disagree->addData(keys, cross, true);
    const QVector<double> span{ticks.front().t, ticks.back().t};
    for (int side = 0; side < 2; ++side) {
      f.serve[side]->addData(keys, serve[side], true);
      f.proxy[side]->addData(keys, proxy[side], true);
      f.top[side]->addData(keys, top[side], true);
      f.base[side]->setData(span, QVector<double>{lo + side, lo + side});
      f.top_base[side]->setData(span, QVector<double>{top_lo + side, top_lo + side});
    }
    f.plotted = ticks.size();
    changed = true;
  }
  if (!changed) return false;
  fit_value_axis(pods_->yAxis, true);
  if (pods_->yAxis->range().upper < 2) pods_->yAxis->setRangeUpper(2);
  follow(data.last_t());
  for (QCustomPlot* p : {pods_, bands_}) p->replot(QCustomPlot::rpQueuedReplot);
  return true;
}

void LivePlots::follow(double last_t) {
  if (!follow_) return;
  const double hi = std::max(30.0, last_t + 2);
  syncing_ = true;
  for (QCustomPlot* p : {pods_, bands_}) p->xAxis->setRange(std::max(0.0, hi - kWindowSeconds), hi);
  syncing_ = false;
}

void LivePlots::set_cursor(double t_s) {
  cursor_ = t_s;
  for (QCPItemStraightLine* line : cursor_lines_) {
    line->point1->setCoords(t_s, 0);
    line->point2->setCoords(t_s, 1);
    line->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
  }
}

QCPGraph* LivePlots::graph(const QString& key) const {
  const auto it = graphs_.find(key);
  return it == graphs_.end() ? nullptr : it->second;
}

}  // namespace knsim::gui
