#pragma once
// What the run summary needs from the samples and the events, gathered as they arrive, so that a
// run's summary costs memory per revision and node, never per sample or event (issue 17).
//
// Per revision: pods_max (max of the samples' `pods`), and the sample sums pods * interval,
// panic * interval, (mode == Proxy) * interval (used when the simulator gives no exact integrals),
// scale_events (ScaleEvent events). Per sample time: the number of nodes up, whose max is
// nodes.max and whose sum * interval is node_seconds without exact integrals. Names of revisions
// that appear only in AutoscalerDecision or PodPhaseChange events are kept so the summary lists them.
// build_run_summary from a TimeSeriesStore and an event list computes exactly these (run_summary.cpp).
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "reports/events.hpp"
#include "reports/time_series_store.hpp"

namespace knsim::reports {

struct RevisionAggregate {
  std::int64_t pods_max = 0;
  double pod_seconds = 0, panic_seconds = 0, proxy_seconds = 0;  // sample sums
  std::int64_t scale_events = 0;
  bool sampled = false;
};

class RunAggregates : public EventSink {
 public:
  explicit RunAggregates(double sample_interval_s = 1) : interval_(sample_interval_s) {}
  void add(const RevisionSample& s);
  // Node samples of ONE sample time (all nodes at t). Several calls with the same t add up.
  void add_nodes_at(Seconds t, std::int64_t nodes_up);
  void add(const NodeSample& s);  // one node row; rows of one t may come in any order
  void on_event(const Event& e) override;

  // By name (sorted; built when asked: the summary reads it once).
  std::map<std::string, RevisionAggregate> revisions() const { return {revisions_.begin(), revisions_.end()}; }
  std::int64_t nodes_max() const;
  double node_sample_seconds() const;  // sum over sample times of nodes up * interval

 private:
  void close_node_time() const;
  double interval_;
  // Hashed: every scale, decision and pod phase event looks its revision up (a tree of a thousand
  // names was ten string compares, each a scattered read).
  std::unordered_map<std::string, RevisionAggregate> revisions_;
  // Nodes up at the sample time being added (rows of one t arrive together; a new t closes it).
  mutable Seconds open_t_ = -1;
  mutable std::int64_t open_up_ = 0;
  mutable std::int64_t nodes_max_ = 0;
  mutable double node_seconds_ = 0;  // sum over closed sample times of nodes up * interval
};

}  // namespace knsim::reports
