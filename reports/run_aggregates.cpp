#include "reports/run_aggregates.hpp"

#include <algorithm>
#include <cmath>

namespace knsim::reports {

void RunAggregates::add(const RevisionSample& s) {
  RevisionAggregate& r = revisions_[s.revision];
  r.sampled = true;
  r.pods_max = std::max(r.pods_max, static_cast<std::int64_t>(std::llround(s.pods)));
  r.pod_seconds += s.pods * interval_;
  r.panic_seconds += (s.panic ? 1.0 : 0.0) * interval_;
  r.proxy_seconds += (s.mode == Mode::kProxy ? 1.0 : 0.0) * interval_;
}

void RunAggregates::close_node_time() const {
  if (open_t_ < 0) return;
  nodes_max_ = std::max(nodes_max_, open_up_);
  node_seconds_ += static_cast<double>(open_up_) * interval_;  // in time order, as run_summary.cpp sums
  open_t_ = -1;
  open_up_ = 0;
}

void RunAggregates::add_nodes_at(Seconds t, std::int64_t nodes_up) {
  if (t != open_t_) close_node_time();
  open_t_ = t;
  open_up_ += nodes_up;
}

void RunAggregates::add(const NodeSample& s) { add_nodes_at(s.t_s, s.up ? 1 : 0); }

std::int64_t RunAggregates::nodes_max() const {
  close_node_time();
  return nodes_max_;
}

double RunAggregates::node_sample_seconds() const {
  close_node_time();
  return node_seconds_;
}

void RunAggregates::on_event(const Event& e) {
  if (const auto* s = e.as<ScaleEvent>()) ++revisions_[s->revision].scale_events;
  else if (const auto* a = e.as<AutoscalerDecision>()) (void)revisions_[a->revision];
  else if (const auto* p = e.as<PodPhaseChange>(); p && !p->revision.empty()) (void)revisions_[p->revision];
}

}  // namespace knsim::reports
