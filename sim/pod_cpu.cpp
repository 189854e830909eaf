// A request's CPU phase on its pod's node (computed by knsim while the node has room, else an
// actor-less SimGrid Exec; see run_cpu), then its non-CPU wait.
//
// CPU limit (resources.limits.cpu, L cores) is the pod's cgroup quota: all its requests together
// get at most L cores. The pod has ceil(L) CPU slots, each running one request's CPU phase at
// L / ceil(L) cores (Exec bound); a request finding every slot busy waits for one, first come
// first served. So a busy pod uses exactly L cores, as under a CFS quota; inside the pod requests
// are served in turn rather than time-shared (the bound of a running SimGrid 3.32 Exec cannot be
// changed, and cancelling and restarting actor-less Execs crashes the engine).
// Worked example: L = 1, four 1-CPU-second requests arrive together: one slot at 1 core, they end
// 1, 2, 3 and 4 s later (without a limit: all after 1 s, on four cores of the node). L = 500m:
// one slot at 0.5 cores, a 1-CPU-second request takes 2 s.
#include <algorithm>
#include <cmath>

#include "sim/data_path.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace {
constexpr double kFlopsPerCoreSecond = 1e9;  // a speed-1.0 core

// Whether one more CPU phase may run on the pod: always without a limit, else while fewer than
// ceil(limit) run.
bool cpu_slot_free(const PodProxy& p, double limit) { return limit <= 0 || p.cpu_running < static_cast<int>(std::ceil(limit)); }
}

void DataPath::start_exec(std::uint32_t id) {
  Request& q = requests_[id];
  q.state = ReqState::kExec;
  if (q.cpu <= 0) {
    cpu_phase_ended(id);
    return;
  }
  PodProxy& p = proxies_[static_cast<std::size_t>(q.pod)];
  const double limit = traffic_[q.revision.value].cpu_limit;
  if (!cpu_slot_free(p, limit)) {
    p.cpu_waiting.push_back(id);  // every CPU slot of the pod is busy
    return;
  }
  run_cpu(id);
}

// SimGrid shares a node's cores among its Execs by max-min fairness, each Exec capped at one core
// (or at its bound). While the caps of the phases on a node add up to at most the node's capacity
// (cores x speed), no cap binds but its own: each phase runs at its own rate from start to end,
// whatever else runs, so knsim computes its end time itself (a "fast" phase) and skips SimGrid's
// per-Exec costs (about half of the time per request). When a phase would take the node over its
// capacity, the node's fast phases move into SimGrid with the work they have left
// (saturate_node), and SimGrid shares the node from then on; new phases are fast again once the
// node has room for them. Both ways give the same end times (up to rounding).
// Worked example: 16 cores at speed 1 (16e9 flop/s); 12 phases of 10 ms run, each at 1e9 flop/s,
// and end 10 ms after they start. Five more arrive together at t: the 17th does not fit, so the
// twelve running move into SimGrid with their remaining flops, the 17th starts there too, and all
// 17 share the 16 cores at 16/17 core each until one ends.
void DataPath::run_cpu(std::uint32_t id) {
  Request& q = requests_[id];
  PodProxy& p = proxies_[static_cast<std::size_t>(q.pod)];
  const int ni = cluster_.pod(PodId{static_cast<std::uint32_t>(q.pod)}).node;
  Node& n = cluster_.nodes()[static_cast<std::size_t>(ni)];
  RevisionTraffic& r = traffic_[q.revision.value];
  n.busy_area += q.cpu / n.speed;
  r.cpu_area += q.cpu / n.speed;
  p.cpu_area += q.cpu / n.speed;
  ++p.cpu_running;
  q.cpu_node = ni;
  q.cpu_rate = n.speed * kFlopsPerCoreSecond;  // SimGrid caps an Exec at one core
  q.cpu_bounded = false;
  if (r.cpu_limit > 0) {
    const double per_slot = r.cpu_limit / std::ceil(r.cpu_limit);  // cores, in (0, 1]
    q.cpu_bounded = per_slot < 1;
    if (q.cpu_bounded) q.cpu_rate = per_slot * n.speed * kFlopsPerCoreSecond;
  }
  if (node_cpu_.size() <= static_cast<std::size_t>(ni)) node_cpu_.resize(cluster_.nodes().size());
  NodeCpu& nc = node_cpu_[static_cast<std::size_t>(ni)];
  const double capacity = n.host->get_core_count() * n.host->get_speed();
  const double flops = q.cpu * kFlopsPerCoreSecond;
  const bool fits = nc.rate_sum + q.cpu_rate <= capacity;
  nc.rate_sum += q.cpu_rate;
  ++nc.phases;
  if (!fits) {
    saturate_node(nc);
    start_simgrid_exec(id, flops);
    return;
  }
  q.cpu_end = now() + flops / q.cpu_rate;
  q.cpu_fast_index = static_cast<std::int32_t>(nc.fast.size());
  nc.fast.push_back(id);
  const auto seq = q.seq;
  at(q.cpu_end, [this, id, seq] {
    const Request& rq = requests_[id];
    if (rq.seq == seq && rq.state == ReqState::kExec && rq.cpu_fast_index >= 0) cpu_phase_ended(id);
  });
}

// In direct mode (sim/timers.hpp) SimGrid's clock is behind: the Exec starts once the engine has
// caught up, at the same simulated time, right after the event that asked for it.
void DataPath::start_simgrid_exec(std::uint32_t id, double flops) {
  Request& q = requests_[id];
  if (in_direct_mode()) {
    pending_execs_.push_back({id, q.seq, flops});
    return;
  }
  const Node& n = cluster_.nodes()[static_cast<std::size_t>(q.cpu_node)];
  simgrid::s4u::ExecPtr ex = simgrid::s4u::Exec::init();
  ex->set_host(n.host);
  ex->set_flops_amount(flops);
  if (q.cpu_bounded) ex->set_bound(q.cpu_rate);
  ex->set_data(reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)));
  q.exec = ex;
  ex->start();
  ++simgrid_execs_;
}

void DataPath::start_pending_execs() {
  auto pending = std::move(pending_execs_);
  pending_execs_.clear();
  for (const PendingExec& pe : pending) {
    const Request& q = requests_[pe.id];
    // Still that request's CPU phase in SimGrid (not ended or failed meanwhile).
    if (q.seq == pe.seq && q.state == ReqState::kExec && q.cpu_node >= 0 && q.cpu_fast_index < 0 && !q.exec)
      start_simgrid_exec(pe.id, pe.flops);
  }
}

// The node is about to be over its capacity: its fast phases continue in SimGrid with the flops
// they have left, so that SimGrid shares the node among all of them. A phase ending right now
// stays fast (its end event is due).
void DataPath::saturate_node(NodeCpu& nc) {
  std::vector<std::uint32_t> keep;
  for (const std::uint32_t id : nc.fast) {
    Request& q = requests_[id];
    const double left = (q.cpu_end - now()) * q.cpu_rate;
    if (left <= 0) {
      q.cpu_fast_index = static_cast<std::int32_t>(keep.size());
      keep.push_back(id);
      continue;
    }
    q.cpu_fast_index = -1;
    start_simgrid_exec(id, left);
  }
  nc.fast = std::move(keep);
}

// A running CPU phase ends (done, or its request failed): the node's rate and fast list follow.
void DataPath::release_node_cpu(Request& q) {
  if (q.cpu_node < 0) return;
  NodeCpu& nc = node_cpu_[static_cast<std::size_t>(q.cpu_node)];
  nc.rate_sum -= q.cpu_rate;
  if (--nc.phases == 0) nc.rate_sum = 0;  // no rounding left over
  if (q.cpu_fast_index >= 0) {
    const auto i = static_cast<std::size_t>(q.cpu_fast_index);
    nc.fast[i] = nc.fast.back();
    requests_[nc.fast[i]].cpu_fast_index = static_cast<std::int32_t>(i);
    nc.fast.pop_back();
    q.cpu_fast_index = -1;
  }
  q.cpu_node = -1;
}

// The request's CPU phase left its pod (ended, or the request failed): its slot goes to the oldest
// waiting request, on a zero-delay timer because this may run inside SimGrid's completion signal.
void DataPath::leave_pod_cpu(std::uint32_t id, bool was_running) {
  Request& q = requests_[id];
  if (was_running) release_node_cpu(q);
  if (q.pod < 0) return;
  PodProxy& p = proxies_[static_cast<std::size_t>(q.pod)];
  if (!was_running) {
    const auto it = std::find(p.cpu_waiting.begin(), p.cpu_waiting.end(), id);
    if (it != p.cpu_waiting.end()) p.cpu_waiting.erase(it);
    return;
  }
  --p.cpu_running;
  if (p.cpu_waiting.empty()) return;
  const int pod = q.pod;
  const PodId pid{static_cast<std::uint32_t>(pod)};
  const auto gen = cluster_.pod(pid).generation;
  after(0.0, [this, pid, gen] {
    PodProxy& pd = proxies_[pid.value];
    const double limit = traffic_[cluster_.pod(pid).revision.value].cpu_limit;
    while (cluster_.pod(pid).generation == gen && !pd.cpu_waiting.empty() && cpu_slot_free(pd, limit)) {
      const std::uint32_t next = pd.cpu_waiting.front();
      pd.cpu_waiting.pop_front();
      run_cpu(next);
    }
  });
}

// Called from SimGrid's completion signal: it only records the end of the CPU phase and leaves
// the rest to a timer, because releasing the Exec or starting new ones while the engine is
// handling ended actions corrupts SimGrid 3.32's state. The Exec is released at the slice end.
void DataPath::on_exec_done(std::uint32_t id) {
  Request& q = requests_[id];
  if (q.exec) {
    graveyard_.push_back(std::move(q.exec));
    --simgrid_execs_;
  }
  q.exec = nullptr;
  if (q.state != ReqState::kExec) return;
  cpu_phase_ended(id);
}

// The CPU phase is over (SimGrid's or knsim's own end, or no CPU at all): the non-CPU wait follows.
void DataPath::cpu_phase_ended(std::uint32_t id) {
  Request& q = requests_[id];
  if (q.cpu_node >= 0) leave_pod_cpu(id, true);
  q.state = ReqState::kWait;
  const auto seq = q.seq;
  after(std::max(0.0, q.wait), [this, id, seq] {
    Request& rq = requests_[id];
    if (rq.seq == seq && rq.state == ReqState::kWait) complete(id);
  });
}

}  // namespace knsim::sim
