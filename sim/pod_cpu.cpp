// A request's CPU phase: an actor-less SimGrid Exec on its pod's node, then its non-CPU wait.
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
    on_exec_done(id);
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

void DataPath::run_cpu(std::uint32_t id) {
  Request& q = requests_[id];
  PodProxy& p = proxies_[static_cast<std::size_t>(q.pod)];
  Node& n = cluster_.node_of(PodId{static_cast<std::uint32_t>(q.pod)});
  RevisionTraffic& r = traffic_[q.revision.value];
  n.busy_area += q.cpu / n.speed;
  r.cpu_area += q.cpu / n.speed;
  p.cpu_area += q.cpu / n.speed;
  ++p.cpu_running;
  simgrid::s4u::ExecPtr ex = simgrid::s4u::Exec::init();
  ex->set_host(n.host);
  ex->set_flops_amount(q.cpu * kFlopsPerCoreSecond);
  if (r.cpu_limit > 0) {
    const double per_slot = r.cpu_limit / std::ceil(r.cpu_limit);  // cores, in (0, 1]
    if (per_slot < 1) ex->set_bound(per_slot * n.speed * kFlopsPerCoreSecond);
  }
  ex->set_data(reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)));
  q.exec = ex;
  ex->start();
}

// The request's CPU phase left its pod (ended, or the request failed): its slot goes to the oldest
// waiting request, on a zero-delay timer because this may run inside SimGrid's completion signal.
void DataPath::leave_pod_cpu(std::uint32_t id, bool was_running) {
  const Request& q = requests_[id];
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
  const bool ran = q.exec != nullptr;
  if (q.exec) graveyard_.push_back(std::move(q.exec));
  q.exec = nullptr;
  if (q.state != ReqState::kExec) return;
  if (ran) leave_pod_cpu(id, true);
  q.state = ReqState::kWait;
  const auto seq = q.seq;
  after(std::max(0.0, q.wait), [this, id, seq] {
    Request& rq = requests_[id];
    if (rq.seq == seq && rq.state == ReqState::kWait) complete(id);
  });
}

}  // namespace knsim::sim
