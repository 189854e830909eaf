#include "gui/plot_feed.hpp"

#include <qcustomplot.h>

#include <cmath>
#include <limits>

#include "gui/plot_style.hpp"

namespace knsim::gui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using reports::NodeCol;
using reports::RevCol;

double at(const std::vector<double>& col, std::size_t i) { return i < col.size() ? col[i] : kNaN; }

QVector<double> keys_of(const std::vector<double>& t, std::size_t from) {
  return QVector<double>(t.begin() + static_cast<std::ptrdiff_t>(from), t.end());
}

// Values of `col` for rows [from, end), each passed through `f` (NaN stays NaN).
template <typename F>
QVector<double> values_of(const std::vector<double>& col, std::size_t from, F f) {
  QVector<double> v;
  v.reserve(static_cast<int>(col.size() - std::min(from, col.size())));
  for (std::size_t i = from; i < col.size(); ++i) {
    const double x = col[i];
    v.push_back(std::isnan(x) ? x : f(x, i));
  }
  return v;
}

QVector<double> values_of(const std::vector<double>& col, std::size_t from) {
  return values_of(col, from, [](double x, std::size_t) { return x; });
}

}  // namespace

RevisionFeed::RevisionFeed(const PlotSet& plots, int run, int color_index, int lane, const std::string& name,
                           bool in_legend, GraphRegistry& registry)
    : plots_(plots),
      what_if_(run == 1),
      in_legend_(in_legend),
      lane_(lane),
      label_(QString::fromStdString(name)),
      registry_(registry) {
  const QColor c = revision_color(color_index);
  auto pen = [&](double w, Qt::PenStyle st) { return series_pen(c, w, st, what_if_); };
  const bool full = !what_if_;  // the what-if overlay shows only the series worth comparing
  // Legends name each revision once per plot (on its main series); the line styles are explained
  // by the grey style entries PlotPanel adds.
  make(plots.pods, "pods", "ready", pen(2.2, Qt::SolidLine), true)->setLineStyle(QCPGraph::lsStepLeft);
  make(plots.pods, "pods", "desired", pen(1.4, Qt::DashLine), false)->setLineStyle(QCPGraph::lsStepLeft);
  if (full) {
    make(plots.pods, "pods", "all pods", pen(1.0, Qt::DotLine), false)->setLineStyle(QCPGraph::lsStepLeft);
    QPen bound(c.lighter(130), 1.0, Qt::DashDotDotLine);
    make(plots.pods, "pods", "min scale", bound, false)->setLineStyle(QCPGraph::lsStepLeft);
    make(plots.pods, "pods", "max scale", bound, false)->setLineStyle(QCPGraph::lsStepLeft);
  }
  make(plots.concurrency, "concurrency", "observed stable", pen(2.0, Qt::SolidLine), true);
  if (full) {
    make(plots.concurrency, "concurrency", "observed panic", pen(1.0, Qt::DashLine), false);
    make(plots.concurrency, "concurrency", "target capacity", QPen(c.darker(130), 1.6, Qt::DotLine), false)
        ->setLineStyle(QCPGraph::lsStepLeft);
    make(plots.traffic, "traffic", "configured %", pen(2.0, Qt::SolidLine), true)
        ->setLineStyle(QCPGraph::lsStepLeft);
  }
  make(plots.traffic, "traffic", "served %", pen(1.4, Qt::DashLine), !full);
  make(plots.load, "load", "request rate", pen(1.6, Qt::SolidLine), true);
  make(plots.latency, "latency", "p99", pen(1.8, Qt::SolidLine), true);
  if (full) make(plots.latency, "latency", "p50", pen(1.0, Qt::DashLine), false);
  QCPGraph* cold = make(plots.load, "load", "cold starts", QPen(c.darker(120)), false, true);
  cold->setLineStyle(QCPGraph::lsNone);
  cold->setScatterStyle(QCPScatterStyle(what_if_ ? QCPScatterStyle::ssTriangleInverted : QCPScatterStyle::ssTriangle,
                                        c.darker(120), c, 8));
  QCPGraph* fail = make(plots.load, "load", "failures", QPen(kFailureColor, 2), false, true);
  fail->setLineStyle(QCPGraph::lsNone);
  fail->setScatterStyle(QCPScatterStyle(what_if_ ? QCPScatterStyle::ssPlus : QCPScatterStyle::ssCross, 9));
  // Bands: a lane per revision; lower half Serve (green) or Proxy (orange), upper half red in panic.
  auto band = [&](const QString& what, const QColor& color, QCPGraph* base) {
    QCPGraph* g = make(plots.bands, "bands", what, QPen(color.darker(110), 1), false);
    g->setLineStyle(QCPGraph::lsStepLeft);
    g->setBrush(QBrush(what_if_ ? color.lighter(140) : color));
    g->setChannelFillGraph(base);
    return g;
  };
  QCPGraph* base = make(plots.bands, "bands", "base", QPen(Qt::NoPen), false);
  QCPGraph* base_panic = make(plots.bands, "bands", "panic base", QPen(Qt::NoPen), false);
  band("Serve", kServeColor, base);
  band("Proxy", kProxyColor, base);
  band("panic", kPanicColor, base_panic);
}

QCPGraph* RevisionFeed::make(QCustomPlot* plot, const QString& plot_key, const QString& what, const QPen& pen,
                             bool legend, bool right_axis) {
  const QString suffix = what_if_ ? " (what-if)" : "";
  const QString name = label_ + " " + what + suffix;
  // The legend shows the revision; the registry key also says which series it is.
  QCPGraph* g = add_graph(plot, right_axis ? plot->yAxis2 : plot->yAxis, legend ? label_ + suffix : name, pen,
                          legend && in_legend_);
  owned_.push_back(g);
  g_[what] = g;
  registry_[plot_key + "/" + name] = g;
  return g;
}

bool RevisionFeed::append(const reports::RevisionSeries& s, double interval) {
  const std::size_t n = s.size();
  if (n <= plotted_) return false;
  const std::size_t from = plotted_;
  const QVector<double> keys = keys_of(s.t(), from);
  auto col = [&s](RevCol c) -> const std::vector<double>& { return s.column(c); };
  auto put = [&](const QString& what, const QVector<double>& values) {
    auto it = g_.find(what);
    if (it != g_.end()) it->second->addData(keys, values, true);
  };
  put("ready", values_of(col(RevCol::kReadyPods), from));
  put("desired", values_of(col(RevCol::kDesiredPods), from));
  put("all pods", values_of(col(RevCol::kPods), from));
  put("min scale", values_of(col(RevCol::kMinScale), from));
  // max-scale 0 means unbounded: nothing to draw.
  put("max scale", values_of(col(RevCol::kMaxScale), from, [](double x, std::size_t) { return x > 0 ? x : kNaN; }));
  put("observed stable", values_of(col(RevCol::kObservedStable), from));
  put("observed panic", values_of(col(RevCol::kObservedPanic), from));
  const auto& ready = col(RevCol::kReadyPods);
  // Target capacity of the revision = per-pod target x ready pods (what the decider compares with).
  put("target capacity",
      values_of(col(RevCol::kTarget), from, [&ready](double x, std::size_t i) { return x * at(ready, i); }));
  put("configured %", values_of(col(RevCol::kTrafficPercent), from));
  // Served share only where the revision got requests: in an interval without any, the share
  // says nothing (its Service may have got none) and drawing 0 would look like a traffic shift.
  const auto& reqs = col(RevCol::kRequests);
  put("served %", values_of(col(RevCol::kServedShare), from,
                            [&reqs](double x, std::size_t i) { return at(reqs, i) > 0 ? 100.0 * x : kNaN; }));
  const double per_s = interval > 0 ? 1.0 / interval : 1.0;
  put("request rate", values_of(col(RevCol::kRequests), from, [per_s](double x, std::size_t) { return x * per_s; }));
  put("p50", values_of(col(RevCol::kLatencyP50Ms), from));
  put("p99", values_of(col(RevCol::kLatencyP99Ms), from));
  auto marks = [](double x, std::size_t) { return x > 0 ? x : kNaN; };  // markers only where it happened
  put("cold starts", values_of(col(RevCol::kColdStarts), from, marks));
  put("failures", values_of(col(RevCol::kFailures), from, marks));
  add_bands(s, from);
  plotted_ = n;
  return true;
}

void RevisionFeed::add_bands(const reports::RevisionSeries& s, std::size_t from) {
  const double lo = lane_, mid = lane_ + 0.45, panic_lo = lane_ + 0.5, panic_hi = lane_ + 0.95;
  const auto& mode = s.column(RevCol::kMode);  // the store keeps Proxy as 1, Serve as 0
  const auto& panic = s.column(RevCol::kPanic);
  QVector<double> keys = keys_of(s.t(), from), serve, proxy, pan;
  for (std::size_t i = from; i < s.size(); ++i) {
    const double m = at(mode, i);
    serve.push_back(m == static_cast<double>(reports::Mode::kServe) ? mid : lo);
    proxy.push_back(m == static_cast<double>(reports::Mode::kProxy) ? mid : lo);
    pan.push_back(at(panic, i) > 0.5 ? panic_hi : panic_lo);
  }
  g_["Serve"]->addData(keys, serve, true);
  g_["Proxy"]->addData(keys, proxy, true);
  g_["panic"]->addData(keys, pan, true);
  const double t_end = s.size() == 0 ? 0 : s.t().back();
  g_["base"]->setData(QVector<double>{0, t_end}, QVector<double>{lo, lo});
  g_["panic base"]->setData(QVector<double>{0, t_end}, QVector<double>{panic_lo, panic_lo});
}

void RevisionFeed::remove(GraphRegistry& registry) {
  for (auto it = registry.begin(); it != registry.end();) {
    bool mine = false;
    for (QCPGraph* g : owned_) mine = mine || it->second == g;
    it = mine ? registry.erase(it) : std::next(it);
  }
  for (QCPGraph* g : owned_) g->parentPlot()->removeGraph(g);
  owned_.clear();
  g_.clear();
}

NodeFeed::NodeFeed(const PlotSet& plots, int run, int color_index, const std::string& name, bool in_legend,
                   GraphRegistry& registry)
    : in_legend_(in_legend) {
  const QColor c = node_color(color_index);
  const QString suffix = run == 1 ? " (what-if)" : "";
  const QString label = QString::fromStdString(name);
  pods_ = add_graph(plots.nodes, plots.nodes->yAxis, label + " pods" + suffix,
                    series_pen(c, 2.0, Qt::SolidLine, run == 1), run == 0 && in_legend);
  pods_->setName(label + suffix);
  pods_->setLineStyle(QCPGraph::lsStepLeft);
  cpu_ = add_graph(plots.nodes, plots.nodes->yAxis2, label + " CPU %" + suffix,
                   series_pen(c, 1.0, Qt::DashLine, run == 1), false);
  registry["nodes/" + label + " pods" + suffix] = pods_;
  registry["nodes/" + cpu_->name()] = cpu_;
  keys_ = {"nodes/" + label + " pods" + suffix, "nodes/" + cpu_->name()};
}

bool NodeFeed::append(const reports::NodeSeries& s) {
  if (s.size() <= plotted_) return false;
  const QVector<double> keys = keys_of(s.t(), plotted_);
  pods_->addData(keys, values_of(s.column(NodeCol::kPods), plotted_), true);
  const auto& cores = s.column(NodeCol::kCpuCores);
  cpu_->addData(keys, values_of(s.column(NodeCol::kCpuUsed), plotted_, [&cores](double x, std::size_t i) {
                  const double total = at(cores, i);
                  return total > 0 ? 100.0 * x / total : kNaN;
                }),
                true);
  plotted_ = s.size();
  return true;
}

void NodeFeed::remove(GraphRegistry& registry) {
  for (const QString& k : keys_) registry.erase(k);
  for (QCPGraph* g : {pods_, cpu_}) g->parentPlot()->removeGraph(g);
}

}  // namespace knsim::gui
