// Sampling: one time-series row per live revision and per node for the interval ending now.
// Observing only: it reads the parts and resets the interval counters.
#include <algorithm>

#include "sim/simulation.hpp"

namespace knsim::sim {

void Simulation::sample(std::vector<reports::RevisionSample>& revs, std::vector<reports::NodeSample>& nodes) {
  const Seconds t = now();
  // The time this sample covers (the last slice may be shorter than the sample interval).
  const Seconds interval = t - last_sample_;
  last_sample_ = t;
  events_.flush_failures(t, true);
  // served_share: each revision's part of the requests routed to its own Service's revisions.
  std::map<int, std::int64_t> routed;
  const auto count = static_cast<std::uint32_t>(serving_.revision_count());
  for (std::uint32_t i = 0; i < count; ++i)
    routed[serving_.revision(RevisionId{i}).service_index] += data_path_.traffic(RevisionId{i}).interval_arrivals;
  for (std::uint32_t i = 0; i < count; ++i) {
    const RevisionId rev{i};
    const ServingRevision& sr = serving_.revision(rev);
    const Deployment& d = cluster_.deployment(rev);
    const RevisionControlState& c = control_.state(rev);
    RevisionTraffic& r = data_path_.traffic(rev);
    data_path_.revision_in_flight(r, 0);  // brings conc_area up to now
    const auto iv = data_path_.stats().take_interval(r.stats_id);
    if (d.deleted && d.pods.empty() && iv.requests == 0) continue;
    reports::RevisionSample s;
    s.t_s = t;
    s.revision = sr.name;
    s.desired_pods = c.pa().status.desired_scale < 0 ? d.replicas : c.pa().status.desired_scale;
    s.ready_pods = static_cast<double>(d.endpoints.size());
    s.pods = static_cast<double>(d.pods.size());
    s.observed_stable = c.last_result().observed_stable;
    s.observed_panic = c.last_result().observed_panic;
    s.panic = c.panic();
    s.mode = c.sks().status.effective_mode == core::api::SksMode::kProxy ? reports::Mode::kProxy : reports::Mode::kServe;
    s.ebc = c.excess_burst_capacity();
    s.requests = static_cast<double>(iv.requests);
    s.concurrency = interval > 0 ? r.conc_area / interval : 0;
    s.traffic_percent = sr.traffic_percent;
    s.target = c.resolved().decider.target_value;
    const std::int64_t svc_routed = routed[sr.service_index];
    s.served_share = svc_routed > 0 ? static_cast<double>(r.interval_arrivals) / static_cast<double>(svc_routed) : 0;
    s.latency_p50_ms = iv.latency_p50_ms;
    s.latency_p99_ms = iv.latency_p99_ms;
    s.failures = static_cast<double>(iv.failures);
    s.cold_starts = static_cast<double>(iv.cold_starts);
    s.min_scale = c.resolved().bounds.min;
    s.max_scale = c.resolved().bounds.max;
    revs.push_back(std::move(s));
    r.interval_arrivals = 0;
    r.conc_area = 0;
  }
  for (auto& n : cluster_.nodes()) {
    reports::NodeSample s;
    s.t_s = t;
    s.node = n.name;
    s.up = n.up;
    s.pods = static_cast<double>(n.pods.size());
    s.cpu_used = interval > 0 ? std::min(n.cpu_cores, n.busy_area / interval) : 0;
    s.cpu_cores = n.cpu_cores;
    nodes.push_back(std::move(s));
    n.busy_area = 0;
  }
}

}  // namespace knsim::sim
