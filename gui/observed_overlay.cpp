#include "gui/observed_overlay.hpp"

#include <qcustomplot.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <stdexcept>

#include "gui/plot_panel.hpp"
#include "gui/plot_style.hpp"
#include "gui/run_data.hpp"

namespace knsim::gui {

void ObservedOverlay::clear() {
  for (auto& [rev, g] : graphs_) g->parentPlot()->removeGraph(g);
  graphs_.clear();
  tracks_.clear();
}

QString ObservedOverlay::load(const QString& scenario_path) {
  clear();
  const QFileInfo info(scenario_path);
  if (!info.isDir()) return {};
  const QString file = QDir(scenario_path).filePath("observed.csv");
  QFile f(file);
  if (!f.exists()) return {};
  if (!f.open(QIODevice::ReadOnly)) return QObject::tr("cannot read %1").arg(file);
  try {
    tracks_ = reports::read_pod_tracks(f.readAll().toStdString(), file.toStdString(), "actual_pods", "desired_pods", "panic");
  } catch (const std::runtime_error& e) {
    tracks_.clear();
    return QString::fromStdString(e.what());
  }
  return {};
}

void ObservedOverlay::refresh(const RunData& baseline) {
  if (graphs_.size() == tracks_.size()) return;
  QCustomPlot* pods = panel_->plots().front().second;  // "Pods per revision" is the first plot
  const auto& names = baseline.revision_names();
  for (const auto& [rev, track] : tracks_) {
    if (graphs_.count(rev)) continue;
    const auto it = std::find(names.begin(), names.end(), rev);
    if (it == names.end() && !baseline.done()) continue;  // wait for the run to name it
    QColor c = it == names.end() ? QColor(90, 90, 90) : revision_color(static_cast<int>(it - names.begin()));
    c.setAlpha(120);
    QCPGraph* g = add_graph(pods, pods->yAxis, QString::fromStdString(rev) + QObject::tr(" observed (cluster)"),
                            QPen(c, 4.5), true);
    g->setLineStyle(QCPGraph::lsStepLeft);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 5));
    g->setData(QVector<double>(track.t.begin(), track.t.end()), QVector<double>(track.ready.begin(), track.ready.end()), true);
    graphs_[rev] = g;
    fit_value_axis(pods->yAxis, true);
    if (pods->yAxis->range().upper < 2) pods->yAxis->setRangeUpper(2);
    pods->replot(QCustomPlot::rpQueuedReplot);
  }
}

QCPGraph* ObservedOverlay::graph(const std::string& revision) const {
  const auto it = graphs_.find(revision);
  return it == graphs_.end() ? nullptr : it->second;
}

}  // namespace knsim::gui
