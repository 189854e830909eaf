// The cluster side: deployments (replica count set by the KPA reconciler), the scheduler (filter:
// the pod's CPU and memory requests fit the node's free allocatable; score: least allocated, ties
// to the lower node index), the kubelet's pod lifecycle and node failure/recovery.
//
// Pod phases: Pending --scheduling delay--> Scheduled (bound; stays Pending if nothing fits, and
// is retried whenever resources free) --image pull (size / bandwidth, 0 when the node has the
// image cached)--> Pulling --> Starting (container start) --readiness period--> Ready (endpoint).
// Cold start of a new pod = scheduling + pull + container start + readiness period.
// Terminating: removed from the endpoints at once, keeps serving what it has (drain), Terminated
// when its last request ends, at the latest after terminationGracePeriodSeconds, which Knative
// sets to the revision timeout (requests still running then fail as `other`); then its resources
// are freed.
#include <algorithm>
#include <cmath>

#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {


void Simulation::set_phase(int pi, PodPhase to, const std::string& reason) {
  Pod& p = pods_[static_cast<std::size_t>(pi)];
  const PodPhase from = p.phase;
  p.phase = to;
  const std::string node = p.node >= 0 ? nodes_[static_cast<std::size_t>(p.node)].name : "";
  emit(reports::PodPhaseChange{p.name, revisions_[static_cast<std::size_t>(p.revision)].name, node,
                               from == to ? "" : phase_name(from), phase_name(to), reason});
}

int Simulation::create_pod(int rev) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  Pod p;
  p.revision = rev;
  p.created = now();
  p.qp = core::dataplane::QueueProxy(r.container_concurrency, now());
  // Deterministic names: <revision>-deployment-<index of the pod in the run, base 36>.
  std::string suffix;
  for (auto n = pods_.size() + 1; n > 0; n /= 36) suffix.insert(suffix.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
  p.name = r.name + "-deployment-" + suffix;
  // Pod IPs from a /16 pod network in creation order (10.244.0.2, 10.244.0.3, ...): the activator
  // orders pods by IP string, as Knative does.
  p.ip = "10.244." + std::to_string(pods_.size() / 250) + "." + std::to_string(pods_.size() % 250 + 2);
  pods_.push_back(std::move(p));
  const int pi = static_cast<int>(pods_.size()) - 1;
  r.pods.push_back(pi);
  revision_integrals(r);
  set_phase(pi, PodPhase::kPending, "Created");
  if (instant_) {
    try_schedule(pi);
    return pi;
  }
  const auto gen = pods_.back().generation;
  after(scheduling_.sample(kubelet_rng_), [this, pi, gen] {
    if (pods_[static_cast<std::size_t>(pi)].generation == gen && pods_[static_cast<std::size_t>(pi)].phase == PodPhase::kPending)
      try_schedule(pi);
  });
  return pi;
}

void Simulation::try_schedule(int pi) {
  Pod& p = pods_[static_cast<std::size_t>(pi)];
  const Revision& r = revisions_[static_cast<std::size_t>(p.revision)];
  int best = -1;
  double best_score = -1;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    if (!n.up) continue;
    if (n.cpu_allocated + r.cpu_request > n.cpu_cores + 1e-9) continue;
    if (n.memory_allocated + r.memory_request > n.memory) continue;
    // LeastAllocated: mean free fraction of CPU and memory after placing the pod.
    const double cpu_free = (n.cpu_cores - n.cpu_allocated - r.cpu_request) / n.cpu_cores;
    const double mem_free = static_cast<double>(n.memory - n.memory_allocated - r.memory_request) /
                            static_cast<double>(n.memory);
    const double score = (cpu_free + mem_free) / 2;
    if (score > best_score + 1e-12) {
      best_score = score;
      best = static_cast<int>(i);
    }
  }
  if (best < 0) {
    if (std::find(pending_pods_.begin(), pending_pods_.end(), pi) == pending_pods_.end()) {
      pending_pods_.push_back(pi);
      set_phase(pi, PodPhase::kPending, "Unschedulable: no node fits the CPU/memory requests");
    }
    return;
  }
  Node& n = nodes_[static_cast<std::size_t>(best)];
  n.cpu_allocated += r.cpu_request;
  n.memory_allocated += r.memory_request;
  n.pods.push_back(pi);
  p.node = best;
  set_phase(pi, PodPhase::kScheduled, "Scheduled");
  if (instant_) {
    n.images.insert(r.image);
    pod_ready(pi);
    return;
  }
  const bool cached = n.images.count(r.image) > 0;
  const double bw = input_.scenario.cluster.pod_startup.image_pull_bandwidth;
  const Seconds pull = cached || bw <= 0 ? 0 : static_cast<double>(r.image_size) / bw;
  const auto gen = p.generation;
  if (pull > 0) set_phase(pi, PodPhase::kPulling, "Pulling image " + r.image);
  after(pull, [this, pi, gen, best] {
    Pod& pod = pods_[static_cast<std::size_t>(pi)];
    if (pod.generation != gen) return;
    nodes_[static_cast<std::size_t>(best)].images.insert(revisions_[static_cast<std::size_t>(pod.revision)].image);
    if (pod.phase == PodPhase::kTerminating) {
      maybe_finish_termination(pi);
      return;
    }
    set_phase(pi, PodPhase::kStarting, "Started container");
    after(container_start_.sample(kubelet_rng_) + input_.scenario.cluster.pod_startup.readiness_period,
          [this, pi, gen] {
            Pod& pd = pods_[static_cast<std::size_t>(pi)];
            if (pd.generation != gen) return;
            if (pd.phase == PodPhase::kTerminating) {
              maybe_finish_termination(pi);
              return;
            }
            pod_ready(pi);
          });
  });
}

void Simulation::retry_pending() {
  auto pending = std::move(pending_pods_);
  pending_pods_.clear();
  for (int pi : pending) {
    const Pod& p = pods_[static_cast<std::size_t>(pi)];
    if (p.phase == PodPhase::kPending) try_schedule(pi);
  }
}

void Simulation::pod_ready(int pi) {
  Pod& p = pods_[static_cast<std::size_t>(pi)];
  Revision& r = revisions_[static_cast<std::size_t>(p.revision)];
  p.ready_at = now();
  set_phase(pi, PodPhase::kReady, "Readiness probe succeeded");
  r.endpoints.push_back(pi);
  const bool first = !r.ever_ready;
  r.ever_ready = true;
  set_mode(p.revision, r.sks.spec.mode, "endpoints changed");
  const int rev = p.revision;  // references into pods_/revisions_ may move below
  if (first) {
    r.api.status.ready.set(core::api::ConditionStatus::kTrue, "", "", now());
    const int si = r.service_index;
    const std::string name = r.name;
    reconcile_configuration(si);
    reconcile_routes_referring(si, rev, "revision " + name + " became Ready");
  }
  activator_backends_changed(rev);
}

void Simulation::terminate_pod(int pi, const std::string& reason) {
  Pod& p = pods_[static_cast<std::size_t>(pi)];
  Revision& r = revisions_[static_cast<std::size_t>(p.revision)];
  auto it = std::find(r.endpoints.begin(), r.endpoints.end(), pi);
  if (it != r.endpoints.end()) {
    r.endpoints.erase(it);
    activator_backends_changed(p.revision);
  }
  if (p.phase == PodPhase::kPending) {
    auto pit = std::find(pending_pods_.begin(), pending_pods_.end(), pi);
    if (pit != pending_pods_.end()) pending_pods_.erase(pit);
  }
  const bool running = p.phase != PodPhase::kPending;
  p.terminating_at = now();
  set_phase(pi, PodPhase::kTerminating, reason);
  set_mode(p.revision, r.sks.spec.mode, "endpoints changed");
  if (!running) {
    maybe_finish_termination(pi);
    return;
  }
  maybe_finish_termination(pi);
  const auto gen = p.generation;
  after(r.timeout, [this, pi, gen] {
    Pod& pd = pods_[static_cast<std::size_t>(pi)];
    if (pd.generation != gen || pd.phase != PodPhase::kTerminating) return;
    const auto left = pd.in_flight;
    for (std::uint32_t id : left) fail(id, reports::FailureReason::kOther);
    maybe_finish_termination(pi);
  });
}

void Simulation::maybe_finish_termination(int pi) {
  Pod& p = pods_[static_cast<std::size_t>(pi)];
  if (p.phase != PodPhase::kTerminating || !p.in_flight.empty()) return;
  // A pod still pulling or starting stops at its next phase boundary; one in its scheduling
  // delay (node < 0) stops now.
  set_phase(pi, PodPhase::kTerminated, "Drained");
  ++p.generation;
  release_pod_resources(pi);
  reconcile_deployment(p.revision);
}

void Simulation::release_pod_resources(int pi) {
  Pod& p = pods_[static_cast<std::size_t>(pi)];
  Revision& r = revisions_[static_cast<std::size_t>(p.revision)];
  auto it = std::find(r.pods.begin(), r.pods.end(), pi);
  if (it != r.pods.end()) r.pods.erase(it);
  revision_integrals(r);
  if (p.node >= 0) {
    Node& n = nodes_[static_cast<std::size_t>(p.node)];
    auto nit = std::find(n.pods.begin(), n.pods.end(), pi);
    if (nit != n.pods.end()) {
      n.pods.erase(nit);
      n.cpu_allocated = std::max(0.0, n.cpu_allocated - r.cpu_request);
      n.memory_allocated -= std::min(n.memory_allocated, r.memory_request);
    }
  }
  if (!pending_pods_.empty()) retry_pending();
}

// Like a controller's work queue, a reconcile asked for while one of the same revision runs (a pod
// that drains at once finishes its termination inside terminate_pod and asks again) is coalesced:
// it runs again after the current pass, on the state that pass left.
void Simulation::reconcile_deployment(int rev) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  if (r.reconciling) {
    r.reconcile_again = true;
    return;
  }
  r.reconciling = true;
  do {
    r.reconcile_again = false;
    reconcile_deployment_pass(rev);
  } while (revisions_[static_cast<std::size_t>(rev)].reconcile_again);
  revisions_[static_cast<std::size_t>(rev)].reconciling = false;
}

void Simulation::reconcile_deployment_pass(int rev) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  std::vector<int> live;
  for (int pi : r.pods)
    if (pods_[static_cast<std::size_t>(pi)].phase != PodPhase::kTerminating) live.push_back(pi);
  const auto want = static_cast<std::size_t>(std::max(0, r.deleted ? 0 : r.replicas));
  if (live.size() < want) {
    for (std::size_t k = live.size(); k < want; ++k) create_pod(rev);
  } else if (live.size() > want) {
    // ReplicaSet deletion preference: not scheduled, then not ready, then the newest.
    std::stable_sort(live.begin(), live.end(), [this](int a, int b) {
      const Pod& pa = pods_[static_cast<std::size_t>(a)];
      const Pod& pb = pods_[static_cast<std::size_t>(b)];
      const int ra = pa.node < 0 ? 0 : (pa.phase == PodPhase::kReady ? 2 : 1);
      const int rb = pb.node < 0 ? 0 : (pb.phase == PodPhase::kReady ? 2 : 1);
      if (ra != rb) return ra < rb;
      return a > b;
    });
    const auto extra = live.size() - want;
    for (std::size_t k = 0; k < extra; ++k) terminate_pod(live[k], "Scaled down");
  }
}

void Simulation::fail_node(const std::string& name) {
  for (std::size_t ni = 0; ni < nodes_.size(); ++ni) {
    Node& n = nodes_[ni];
    if (n.name != name || !n.up) continue;
    n.up = false;
    n.up_seconds.set(now(), 0);
    const auto before = stats_.failed_by(reports::FailureReason::kNodeFailure);
    const auto lost = n.pods;
    std::vector<int> revs;
    for (int pi : lost) {
      Pod& p = pods_[static_cast<std::size_t>(pi)];
      ++p.generation;  // the pod is gone: its requests fail without touching its queues
      Revision& r = revisions_[static_cast<std::size_t>(p.revision)];
      auto it = std::find(r.endpoints.begin(), r.endpoints.end(), pi);
      if (it != r.endpoints.end()) {
        r.endpoints.erase(it);
        activator_backends_changed(p.revision);  // before the failures below free activator slots
      }
      const auto in_flight = std::move(p.in_flight);
      p.in_flight.clear();
      p.qp = core::dataplane::QueueProxy(r.container_concurrency, now());
      for (std::uint32_t id : in_flight) fail(id, reports::FailureReason::kNodeFailure);
      set_phase(pi, PodPhase::kFailed, "NodeLost: node " + name + " failed");
      release_pod_resources(pi);
      set_mode(p.revision, r.sks.spec.mode, "endpoints changed");
      revs.push_back(p.revision);
    }
    n.images.clear();  // a recovered node comes back empty
    emit(reports::NodeChange{name, false, static_cast<std::int64_t>(lost.size()),
                             stats_.failed_by(reports::FailureReason::kNodeFailure) - before, "failNode"});
    std::sort(revs.begin(), revs.end());
    revs.erase(std::unique(revs.begin(), revs.end()), revs.end());
    for (int rev : revs) reconcile_deployment(rev);
  }
}

void Simulation::recover_node(const std::string& name) {
  for (auto& n : nodes_) {
    if (n.name != name || n.up) continue;
    n.up = true;
    n.up_seconds.set(now(), 1);
    emit(reports::NodeChange{name, true, 0, 0, "recoverNode"});
    retry_pending();
  }
}

}  // namespace knsim::sim
