#pragma once
// ObservedOverlay: opening a `knsim cluster record` folder (it has observed.csv) in knsim-gui runs its
// scenario as any scenario (the simulated replay), and this overlays what the real cluster had: each
// revision's observed ready pods (observed.csv actual_pods) on the Pods plot, a thick translucent
// step line with a dot at every recording step, in the colour of the simulated revision of the same
// name. Only reads the file; the run is not changed.
#include <QString>
#include <map>
#include <string>

#include "reports/compare_report.hpp"

class QCPGraph;

namespace knsim::gui {

class PlotPanel;
class RunData;

class ObservedOverlay {
 public:
  explicit ObservedOverlay(PlotPanel* panel) : panel_(panel) {}
  // Removes the previous overlay; loads PATH/observed.csv when PATH is a folder holding one.
  // Returns the error (file, line, column) of a bad observed.csv, else an empty string.
  QString load(const QString& scenario_path);
  bool active() const { return !tracks_.empty(); }
  // Adds the graph of each observed revision once the run names it (its colour), or once the run
  // is done for a revision the simulation does not have (grey). Cheap when nothing is new.
  void refresh(const RunData& baseline);
  QCPGraph* graph(const std::string& revision) const;  // nullptr if not (yet) drawn
  const std::map<std::string, reports::PodTrack>& tracks() const { return tracks_; }

 private:
  void clear();
  PlotPanel* panel_;
  std::map<std::string, reports::PodTrack> tracks_;
  std::map<std::string, QCPGraph*> graphs_;
};

}  // namespace knsim::gui
