// A request's CPU phase on its pod's node (its end computed when it starts while the node has
// room, else shared with the node's other phases: see run_cpu), then its non-CPU wait.
//
// CPU limit (resources.limits.cpu, L cores) is the pod's cgroup quota: all its requests together
// get at most L cores. The pod has ceil(L) CPU slots, each running one request's CPU phase at
// L / ceil(L) cores (its cap); a request finding every slot busy waits for one, first come
// first served. So a busy pod uses exactly L cores, as under a CFS quota; inside the pod requests
// are served in turn rather than time-shared.
// Worked example: L = 1, four 1-CPU-second requests arrive together: one slot at 1 core, they end
// 1, 2, 3 and 4 s later (without a limit: all after 1 s, on four cores of the node). L = 500m:
// one slot at 0.5 cores, a 1-CPU-second request takes 2 s.
#include <algorithm>
#include <cmath>
#include <limits>

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

// A node's cores are shared among its CPU phases by max-min fairness (sim/shared_cpu.hpp), each
// phase capped at one core (or at its bound). While the caps of the phases on a node add up to at
// most the node's capacity (cores x speed), no cap binds but its own: each phase runs at its own
// rate from start to end, whatever else runs, so its end time is known when it starts (a "fast"
// phase: one timed event, nothing shared). When a phase would take the node over its capacity,
// the node's fast phases move into the node's SharedCpu with the work they have left
// (saturate_node), and it shares the node from then on; new phases are fast again once the node
// has room for them. Both ways give the same end times (up to rounding).
// Worked example: 16 cores at speed 1 (16e9 flop/s); 12 phases of 10 ms run, each at 1e9 flop/s,
// and end 10 ms after they start. Five more arrive together at t: the 17th does not fit, so the
// twelve running move into the SharedCpu with their remaining flops, the 17th starts there too,
// and all 17 share the 16 cores at 16/17 core each until one ends.
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
  q.cpu_rate = n.speed * kFlopsPerCoreSecond;  // a phase runs on one core at most
  if (r.cpu_limit > 0) {
    const double per_slot = r.cpu_limit / std::ceil(r.cpu_limit);  // cores, in (0, 1]
    q.cpu_rate = std::min(q.cpu_rate, per_slot * n.speed * kFlopsPerCoreSecond);
  }
  if (node_cpu_.size() <= static_cast<std::size_t>(ni)) node_cpu_.resize(cluster_.nodes().size());
  NodeCpu& nc = node_cpu_[static_cast<std::size_t>(ni)];
  const double capacity = n.host->get_core_count() * n.host->get_speed();
  const double flops = q.cpu * kFlopsPerCoreSecond;
  const bool fits = nc.rate_sum + q.cpu_rate <= capacity;
  nc.rate_sum += q.cpu_rate;
  ++nc.phases;
  if (!fits) {
    if (!nc.shared) nc.shared = std::make_unique<SharedCpu>(capacity);
    saturate_node(nc);
    q.cpu_shared = true;
    nc.shared->add(id, flops, q.cpu_rate, now());
    arm_shared(ni);
    return;
  }
  q.cpu_end = now() + flops / q.cpu_rate;
  q.cpu_fast_index = static_cast<std::int32_t>(nc.fast.size());
  nc.fast.push_back(id);
  const auto seq = q.seq;
  q.phase_end = at(q.cpu_end, [this, id, seq] {
    const Request& rq = requests_[id];
    if (rq.seq == seq && rq.state == ReqState::kExec && rq.cpu_fast_index >= 0) cpu_phase_ended(id);
  });
}

// The node is about to be over its capacity: its fast phases continue in its SharedCpu with the
// flops they have left, so that all of them share the node. A phase ending right now stays fast
// (its end event is due).
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
    q.cpu_shared = true;
    nc.shared->add(id, left, q.cpu_rate, now());
  }
  nc.fast = std::move(keep);
}

// One timed event per saturated node, at its SharedCpu's next end. A change that brings the end
// earlier arms a new event (the older one is then ignored); one that moves it later leaves the
// armed event, which finds nothing ended and arms the next.
void DataPath::arm_shared(int ni) {
  NodeCpu& nc = node_cpu_[static_cast<std::size_t>(ni)];
  const double end = nc.shared->next_end();
  if (!(end < nc.shared_armed_at)) return;
  nc.shared_armed_at = end;
  const auto gen = ++nc.shared_generation;
  at(end, [this, ni, gen] { shared_due(ni, gen); });
}

// The phases of a saturated node that end now end, in their start order.
void DataPath::shared_due(int ni, std::uint64_t generation) {
  NodeCpu& nc = node_cpu_[static_cast<std::size_t>(ni)];
  if (generation != nc.shared_generation) return;
  nc.shared_armed_at = std::numeric_limits<double>::infinity();
  std::vector<std::uint32_t> ended;
  nc.shared->take_ended(now(), ended);
  for (const std::uint32_t id : ended) {
    Request& q = requests_[id];
    // Every phase that leaves early is removed (release_node_cpu), so each one here is still its
    // request's running CPU phase; the check keeps a lapse there from ending a reused slot.
    if (!q.cpu_shared || q.state != ReqState::kExec) continue;
    q.cpu_shared = false;
    cpu_phase_ended(id);
  }
  arm_shared(ni);
}

// A running CPU phase ends (done, or its request failed): the node's rate, fast list and shared
// CPU follow.
void DataPath::release_node_cpu(std::uint32_t id) {
  Request& q = requests_[id];
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
  if (q.cpu_shared) {  // it left before its end (its request failed)
    q.cpu_shared = false;
    nc.shared->remove(id, now());
    arm_shared(q.cpu_node);
  }
  q.cpu_node = -1;
}

// The request's CPU phase left its pod (ended, or the request failed): its slot goes to the oldest
// waiting request, on a zero-delay timer (after the phases ending at the same instant).
void DataPath::leave_pod_cpu(std::uint32_t id, bool was_running) {
  Request& q = requests_[id];
  if (was_running) release_node_cpu(id);
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

// The CPU phase is over (its end, fast or shared, or no CPU at all): the non-CPU wait follows.
void DataPath::cpu_phase_ended(std::uint32_t id) {
  Request& q = requests_[id];
  if (q.cpu_node >= 0) leave_pod_cpu(id, true);
  q.state = ReqState::kWait;
  const auto seq = q.seq;
  q.phase_end = after(std::max(0.0, q.wait), [this, id, seq] {
    Request& rq = requests_[id];
    if (rq.seq == seq && rq.state == ReqState::kWait) complete(id);
  });
}

}  // namespace knsim::sim
