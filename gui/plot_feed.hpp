#pragma once
// Feeds of one revision or one node into the plots: each feed owns its graphs and remembers how
// many rows it has plotted, so append() adds only the new rows (batched, one addData per graph).
#include <QPen>
#include <QString>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "reports/time_series_store.hpp"

class QCustomPlot;
class QCPGraph;

namespace knsim::gui {

// The plots of the panel, top to bottom on one shared time axis.
struct PlotSet {
  QCustomPlot* pods = nullptr;         // desired / ready / all pods, min and max scale
  QCustomPlot* concurrency = nullptr;  // observed stable and panic concurrency vs target capacity
  QCustomPlot* bands = nullptr;        // panic and Proxy/Serve mode, one lane per revision
  QCustomPlot* traffic = nullptr;      // configured percent and served share
  QCustomPlot* load = nullptr;         // request rate, cold starts, failures
  QCustomPlot* latency = nullptr;      // p50 / p99 per interval
  QCustomPlot* nodes = nullptr;        // pods per node, CPU use
};

using GraphRegistry = std::map<QString, QCPGraph*>;  // "plot/graph name" -> graph (tests, export)

class RevisionFeed {
 public:
  // run 0 = baseline, 1 = what-if; `color_index` picks the revision colour; `lane` is its band row;
  // `in_legend`: whether the legends name this revision (PlotPanel names only the first few).
  RevisionFeed(const PlotSet& plots, int run, int color_index, int lane, const std::string& name,
               bool in_legend, GraphRegistry& registry);
  // Plots rows [plotted, series.t.size()); `interval` converts requests per sample to req/s.
  // Returns true if anything was added.
  bool append(const reports::RevisionSeries& series, double interval);
  void remove(GraphRegistry& registry);
  bool in_legend() const { return in_legend_; }

 private:
  QCPGraph* make(QCustomPlot* plot, const QString& plot_key, const QString& what, const QPen& pen,
                 bool legend, bool right_axis = false);
  void add_bands(const reports::RevisionSeries& s, std::size_t from);

  const PlotSet plots_;
  bool what_if_;
  bool in_legend_;
  int lane_;
  QString label_;
  GraphRegistry& registry_;
  std::vector<QCPGraph*> owned_;
  std::map<QString, QCPGraph*> g_;  // short key -> graph
  std::size_t plotted_ = 0;
};

class NodeFeed {
 public:
  // `in_legend` as for RevisionFeed (a what-if node is never named: the style entry explains it).
  NodeFeed(const PlotSet& plots, int run, int color_index, const std::string& name, bool in_legend,
           GraphRegistry& registry);
  bool append(const reports::NodeSeries& series);
  void remove(GraphRegistry& registry);
  bool in_legend() const { return in_legend_; }

 private:
  bool in_legend_;
  QCPGraph* pods_ = nullptr;
  QCPGraph* cpu_ = nullptr;
  std::vector<QString> keys_;  // registry keys of the two graphs
  std::size_t plotted_ = 0;
};

}  // namespace knsim::gui
