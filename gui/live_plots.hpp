#pragma once
// LivePlots: the live twin's two plots on one time axis (seconds since the shadow started).
//  1. Pods per revision: the real cluster's ready pods (PodAutoscaler actualScale, solid, thick) and
//     desired pods (desiredScale, dotted) against the twin's desired pods (dashed); a red cross on
//     the twin's line at every tick where the shadow says they disagree.
//  2. Mode bands: two lanes per revision, "real" (the ServerlessService's mode) and "twin" (core's
//     decision); lower half green = Serve, orange = Proxy, nothing = unknown; the twin lane's upper
//     half red while the twin panics, the real lane's upper half purple at a disagreement.
// refresh() appends only the ticks that arrived since the last call (batched). A click moves the
// cursor and emits cursor_moved(t). While the user has not dragged or zoomed, the time axis follows
// the newest tick.
#include <QString>
#include <QWidget>
#include <map>
#include <memory>
#include <string>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;

namespace knsim::gui {

class LiveData;

class LivePlots : public QWidget {
  Q_OBJECT
 public:
  explicit LivePlots(QWidget* parent = nullptr);
  ~LivePlots() override;

  bool refresh(const LiveData& data);  // true if anything was added
  void set_cursor(double t_s);
  double cursor() const { return cursor_; }
  QCustomPlot* pods_plot() const { return pods_; }
  QCustomPlot* bands_plot() const { return bands_; }
  // A graph by key, e.g. "pods/default/hello-00007 real ready", "pods/... twin desired",
  // "pods/... disagree", "bands/... twin Proxy"; nullptr if none (tests).
  QCPGraph* graph(const QString& key) const;

 signals:
  void cursor_moved(double t_s);

 private:
  struct Feed;
  QCustomPlot* make_plot(const QString& title, const QString& y_label);
  Feed& feed_for(const std::string& revision, int index);
  void update_lanes();
  void follow(double last_t);

  QCustomPlot* pods_ = nullptr;
  QCustomPlot* bands_ = nullptr;
  QCPItemStraightLine* cursor_lines_[2] = {nullptr, nullptr};
  std::map<std::string, std::unique_ptr<Feed>> feeds_;
  std::map<QString, QCPGraph*> graphs_;
  double cursor_ = 0;
  bool follow_ = true;   // the time axis follows the newest tick until the user drags or zooms
  bool syncing_ = false;
};

}  // namespace knsim::gui
