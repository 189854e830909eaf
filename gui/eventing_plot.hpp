#pragma once
// EventingPlot: the "Eventing" plot of the PlotPanel, on the shared time axis. Four step lines per
// sample interval: delivered, retries, dead-lettered and lost delivery attempts, of all Triggers and
// Subscriptions together or of the one picked in the Eventing tab. Batched like the other feeds:
// append() redraws only the bins that are not final yet (or that new events changed) and adds the
// new ones, once per refresh tick; never one replot per line.
#include <QString>
#include <array>
#include <cstddef>
#include <optional>

#include "gui/eventing_feed.hpp"
#include "gui/plot_feed.hpp"

class QCustomPlot;
class QCPGraph;

namespace knsim::gui {

class EventingPlot {
 public:
  // Adds the four graphs to `plot` and to `registry` as "eventing/delivered", "eventing/retries",
  // "eventing/dead-lettered", "eventing/lost".
  EventingPlot(QCustomPlot* plot, GraphRegistry& registry);

  // Brings the graphs up to `feed`; returns true if anything was drawn.
  bool append(EventingFeed& feed);
  // Which destination to show (nullopt: all); redraws from the start on the next append().
  void select(const std::optional<Destination>& destination);
  const std::optional<Destination>& selection() const { return selection_; }
  // Drops every point (a new run starts).
  void clear();
  // "all Triggers and Subscriptions" or e.g. "trigger default/orders".
  QString selection_text() const;

 private:
  QCustomPlot* plot_;
  std::array<QCPGraph*, kSeriesCount> graphs_{};
  std::optional<Destination> selection_;
  std::size_t final_plotted_ = 0;  // bins drawn that can no longer change
  bool redraw_ = true;             // selection changed or cleared: draw every bin again
};

}  // namespace knsim::gui
