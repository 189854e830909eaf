// The cluster part (see cluster.hpp): platform, Deployments, scheduler and kubelet. Node failure
// and recovery: cluster_nodes.cpp.
#include "sim/cluster.hpp"

#include <algorithm>
#include <cmath>

#include "core/kubernetes/pod_drain.hpp"
#include "core/kubernetes/readiness_probe.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace sg4 = simgrid::s4u;

const char* phase_name(PodPhase p) {
  switch (p) {
    case PodPhase::kPending: return "Pending";
    case PodPhase::kScheduled: return "Scheduled";
    case PodPhase::kPulling: return "Pulling";
    case PodPhase::kStarting: return "Starting";
    case PodPhase::kReady: return "Ready";
    case PodPhase::kTerminating: return "Terminating";
    case PodPhase::kTerminated: return "Terminated";
    case PodPhase::kFailed: return "Failed";
    case PodPhase::kUnknown: return "Unknown";
  }
  return "?";
}

Cluster::Cluster(const models::ClusterSpec& spec, std::uint64_t seed, RunEvents& events, ClusterListener& listener)
    : startup_(spec.pod_startup),
      events_(events),
      listener_(listener),
      scheduler_rng_(core::Rng::derive(seed, "scheduler")),
      kubelet_rng_(core::Rng::derive(seed, "kubelet")),
      control_plane_rng_(core::Rng::derive(seed, "control-plane")),
      activator_pod_rng_(core::Rng::derive(seed, "activator-pods")),
      control_plane_(spec.control_plane),
      node_lifecycle_(spec.node_lifecycle),
      drain_(spec.pod_termination),
      scheduling_(spec.pod_startup.scheduling),
      container_start_(spec.pod_startup.container_start) {
  build_platform(spec);
  place_activators(spec);
}

void Cluster::build_platform(const models::ClusterSpec& spec) {
  // A star zone: each host has its own (here empty) route to the zone's centre, so the routing
  // state is linear in the nodes. knsim models its network hops itself (hop latency), SimGrid never
  // routes a communication; a full zone would hold a nodes x nodes route table (20,000 nodes: 3.2 GB).
  auto* zone = sg4::create_star_zone("cluster");
  for (const auto& pool : spec.node_pools) {
    for (int i = 0; i < pool.count; ++i) {
      Node n;
      n.name = pool.name + "-" + std::to_string(i);
      n.cpu_cores = pool.cpu;
      n.memory = pool.memory_bytes;
      n.speed = pool.speed;
      // 1 Gflop/s per unit of speed: a request's `cpu` seconds are cpu * 1e9 flops.
      const int cores = std::max(1, static_cast<int>(std::ceil(pool.cpu)));
      n.host = zone->create_host(n.name, pool.speed * 1e9)->set_core_count(cores)->seal();
      n.up_seconds.set(0, 1);
      nodes_.push_back(std::move(n));
    }
  }
  zone->seal();
}

Seconds Cluster::now() const { return timer_clock(); }

void Cluster::add_deployment(RevisionId rev, std::string name, PodTemplate pod, std::int32_t replicas) {
  if (rev.value != deployments_.size()) deployments_.resize(rev.value);
  Deployment d;
  d.name = std::move(name);
  d.pod = std::move(pod);
  d.replicas = replicas;
  deployments_.push_back(std::move(d));
}

void Cluster::set_replicas(RevisionId rev, std::int32_t replicas) {
  deployment_mut(rev).replicas = replicas;
  reconcile(rev);
}

void Cluster::delete_deployment(RevisionId rev) {
  Deployment& d = deployment_mut(rev);
  d.deleted = true;
  listener_.pod_count_changed(rev);
  d.replicas = 0;
  reconcile(rev);
}

void Cluster::set_phase(PodId pi, PodPhase to, const std::string& reason, bool created) {
  Pod& p = pod_mut(pi);
  const PodPhase from = p.phase;
  p.phase = to;
  const std::string node = p.node >= 0 ? nodes_[static_cast<std::size_t>(p.node)].name : "";
  events_.emit(reports::PodPhaseChange{p.name, deployment(p.revision).name, node, from == to ? "" : phase_name(from),
                                       phase_name(to), reason});
  const auto change = created ? ObjectChangeKind::kAdd
                      : (to == PodPhase::kTerminated || to == PodPhase::kFailed) ? ObjectChangeKind::kDelete
                                                                               : ObjectChangeKind::kUpdate;
  events_.object_changed(change, object_ref("Pod", "", p.name), "");
}

// `objects_at`: when the control plane has the pod objects of this scale-up (the Knative
// controllers' and the API server's queues, paid once per scale-up by reconcile_pass). The pod is
// counted by its Deployment from now (so a reconcile in between does not create it twice); the
// scheduler's queue and the scheduling delay follow.
void Cluster::create_pod(RevisionId rev, Seconds objects_at) {
  Pod p;
  p.revision = rev;
  p.created = now();
  p.serial = pods_created_++;
  // Deterministic names: <revision>-deployment-<serial + 1, base 36>.
  std::string suffix;
  for (std::uint64_t n = p.serial + 1ull; n > 0; n /= 36) suffix.insert(suffix.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
  p.name = deployment(rev).name + "-deployment-" + suffix;
  // Pod IPs from a /16 pod network in creation order (10.244.0.2, 10.244.0.3, ...): the activator
  // orders pods by IP string, as Knative does.
  p.ip = "10.244." + std::to_string(p.serial / 250) + "." + std::to_string(p.serial % 250 + 2);
  PodId pi;
  if (free_pod_slots_.empty()) {
    pi = PodId{static_cast<std::uint32_t>(pods_.size())};
    pods_.push_back(std::move(p));
  } else {
    pi = free_pod_slots_.front();
    free_pod_slots_.pop_front();
    p.generation = pods_[pi.value].generation + 1;  // what still names the old pod is stale
    pods_[pi.value] = std::move(p);
  }
  listener_.pod_created(pi);
  deployment_mut(rev).pods.push_back(pi);
  listener_.pod_count_changed(rev);
  set_phase(pi, PodPhase::kPending, "Created", true);
  if (instant_) {
    try_schedule(pi);
    return;
  }
  const auto gen = pod(pi).generation;
  const Seconds bound = control_plane_.schedule(objects_at, control_plane_rng_).completed;
  pod_mut(pi).bind_event = after(bound - now() + scheduling_.sample(kubelet_rng_), [this, pi, gen] {
    if (pod(pi).generation == gen && pod(pi).phase == PodPhase::kPending) try_schedule(pi);
  });
}

// The scheduler's choice for a pod requesting `cpu` cores and `memory` bytes: the schedulable node
// that fits with the most free resources after placing it (LeastAllocated: mean free fraction of
// CPU and memory; the first such node on ties); -1 when none fits.
int Cluster::best_node(double cpu, std::uint64_t memory) const {
  int best = -1;
  double best_score = -1;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    if (!n.schedulable) continue;  // until NotReady the scheduler still binds to a dead node
    if (n.cpu_allocated + cpu > n.cpu_cores + 1e-9) continue;
    if (n.memory_allocated + memory > n.memory) continue;
    const double cpu_free = (n.cpu_cores - n.cpu_allocated - cpu) / n.cpu_cores;
    const double mem_free = static_cast<double>(n.memory - n.memory_allocated - memory) / static_cast<double>(n.memory);
    const double score = (cpu_free + mem_free) / 2;
    if (score > best_score + 1e-12) {
      best_score = score;
      best = static_cast<int>(i);
    }
  }
  return best;
}

void Cluster::try_schedule(PodId pi) {
  const PodTemplate& t = deployment(pod(pi).revision).pod;
  const int best = best_node(t.cpu_request, t.memory_request);
  if (best < 0) {
    if (std::find(pending_pods_.begin(), pending_pods_.end(), pi) == pending_pods_.end()) {
      pending_pods_.push_back(pi);
      set_phase(pi, PodPhase::kPending, "Unschedulable: no node fits the CPU/memory requests");
    }
    return;
  }
  Node& n = nodes_[static_cast<std::size_t>(best)];
  n.reserve(t.cpu_request, t.memory_request);
  n.pods.push_back(pi);
  pod_mut(pi).node = best;
  set_phase(pi, PodPhase::kScheduled, "Scheduled");
  start_on_node(pi, best);
}

// The kubelet: its queue (core/kubernetes/control_plane: one per node), then pull_and_start. A
// dead node's kubelet does nothing: the pod stays Scheduled until the node recovers or its pods
// are evicted.
void Cluster::start_on_node(PodId pi, int node) {
  const PodTemplate& t = deployment(pod(pi).revision).pod;
  Node& n = nodes_[static_cast<std::size_t>(node)];
  if (instant_) {
    n.images.insert(t.image);
    pod_mut(pi).started_at = now();
    pod_ready(pi);
    return;
  }
  if (!n.up) return;
  const Seconds ready_to_start =
      control_plane_.kubelet_start(static_cast<std::size_t>(node), now(), control_plane_rng_).completed;
  const auto gen = pod(pi).generation;
  after(ready_to_start - now(), [this, pi, gen, node] {
    if (pod(pi).generation != gen) return;
    if (pod(pi).phase == PodPhase::kTerminating) {
      maybe_finish_termination(pi);
      return;
    }
    pull_and_start(pi, node);
  });
}

// Image pull (none when cached), container start, then Ready when the readiness probes say so
// (core/kubernetes/readiness_probe): the later of the pod's Ready condition and the activator's
// probe, 0.05-0.25 s after the container listens with Knative's default probe. (Knative's
// activator may use a pod up to one kubelet period before it is Ready when periodSeconds is set;
// knsim adds a pod to its revision's endpoints once, for the activators and the ingress alike.)
void Cluster::pull_and_start(PodId pi, int node) {
  const PodTemplate& t = deployment(pod(pi).revision).pod;
  const Node& n = nodes_[static_cast<std::size_t>(node)];
  const bool cached = n.images.count(t.image) > 0;
  const double bw = startup_.image_pull_bandwidth;
  const Seconds pull = cached || bw <= 0 ? 0 : static_cast<double>(t.image_size) / bw;
  const auto gen = pod(pi).generation;
  if (pull > 0) set_phase(pi, PodPhase::kPulling, "Pulling image " + t.image);
  after(pull, [this, pi, gen, node] {
    if (pod(pi).generation != gen) return;
    nodes_[static_cast<std::size_t>(node)].images.insert(deployment(pod(pi).revision).pod.image);
    if (pod(pi).phase == PodPhase::kTerminating) {
      maybe_finish_termination(pi);
      return;
    }
    set_phase(pi, PodPhase::kStarting, "Started container");
    const Seconds started = now();
    pod_mut(pi).started_at = started;
    const Seconds listening = started + container_start_.sample(kubelet_rng_);
    const auto probe = core::kubernetes::readiness_times(started, listening, startup_.readiness_probe);
    after(std::max(probe.pod_ready, probe.activator_ready) - started, [this, pi, gen] {
      if (pod(pi).generation != gen) return;
      if (pod(pi).phase == PodPhase::kTerminating) {
        maybe_finish_termination(pi);
        return;
      }
      pod_ready(pi);
    });
  });
}

void Cluster::retry_pending() {
  auto pending = std::move(pending_pods_);
  pending_pods_.clear();
  for (PodId pi : pending)
    if (pod(pi).phase == PodPhase::kPending) try_schedule(pi);
}

void Cluster::pod_ready(PodId pi) {
  const RevisionId rev = pod(pi).revision;
  pod_mut(pi).ready_at = now();
  set_phase(pi, PodPhase::kReady, "Readiness probe succeeded");
  Deployment& d = deployment_mut(rev);
  d.endpoints.push_back(pi);
  const bool first = !d.ever_ready;
  d.ever_ready = true;
  listener_.endpoints_changed(rev);
  if (first) listener_.revision_ready(rev);
  listener_.backends_changed(rev);
}

// Takes the pod out of its revision's ready endpoints (the activators follow at once); false when
// it was not one.
bool Cluster::remove_endpoint(PodId pi) {
  const RevisionId rev = pod(pi).revision;
  Deployment& d = deployment_mut(rev);
  auto it = std::find(d.endpoints.begin(), d.endpoints.end(), pi);
  if (it == d.endpoints.end()) return false;
  d.endpoints.erase(it);
  listener_.backends_changed(rev);
  return true;
}

void Cluster::terminate_pod(PodId pi, const std::string& reason) {
  const RevisionId rev = pod(pi).revision;
  remove_endpoint(pi);
  if (pod(pi).phase == PodPhase::kPending) {
    auto pit = std::find(pending_pods_.begin(), pending_pods_.end(), pi);
    if (pit != pending_pods_.end()) pending_pods_.erase(pit);
  }
  const bool running = pod(pi).phase != PodPhase::kPending;
  // A Ready pod's queue-proxy drains (core/kubernetes/pod_drain): Terminated no earlier than
  // drainSleepDuration from now, still holding its node resources; one that never served stops
  // as soon as it has no request.
  const bool drains = pod(pi).phase == PodPhase::kReady && drain_.drain_sleep_duration > 0;
  pod_mut(pi).terminating_at = now();
  pod_mut(pi).draining = drains;
  set_phase(pi, PodPhase::kTerminating, reason);
  listener_.endpoints_changed(rev);
  maybe_finish_termination(pi);
  if (!running) return;
  const auto gen = pod(pi).generation;
  const Seconds grace = deployment(rev).pod.termination_grace;
  if (drains) {
    const auto drain = core::kubernetes::drain_pod({now(), std::nullopt, std::nullopt, grace}, drain_);
    if (!drain.killed) {
      pod_mut(pi).drain_event = after(drain.terminated_at - now(), [this, pi, gen] {
        if (pod(pi).generation != gen || pod(pi).phase != PodPhase::kTerminating) return;
        pod_mut(pi).draining = false;
        maybe_finish_termination(pi);
      });
    }
  }
  pod_mut(pi).grace_event = after(grace, [this, pi, gen] {
    if (pod(pi).generation != gen || pod(pi).phase != PodPhase::kTerminating) return;
    pod_mut(pi).draining = false;
    listener_.pod_grace_over(pi);
    maybe_finish_termination(pi);
  });
}

void Cluster::request_left(PodId pi) {
  if (pod(pi).phase == PodPhase::kTerminating) maybe_finish_termination(pi);
}

void Cluster::maybe_finish_termination(PodId pi) {
  if (pod(pi).phase != PodPhase::kTerminating || pod(pi).draining || listener_.pod_has_requests(pi)) return;
  // On a dead node no kubelet confirms the deletion: the pod stays Terminating until the node
  // recovers (recover_node) or its pods are evicted (evict_node_pods), as in Kubernetes.
  if (pod(pi).node >= 0 && !nodes_[static_cast<std::size_t>(pod(pi).node)].up) return;
  // A pod still pulling or starting stops at its next phase boundary; one in its scheduling
  // delay (node < 0) stops now.
  set_phase(pi, PodPhase::kTerminated, "Drained");
  ++pod_mut(pi).generation;
  release_pod_resources(pi);
  recycle_slot(pi);
  reconcile(pod(pi).revision);
}

// A Terminated or Failed pod's slot goes to a later pod, so that memory does not grow with the
// pods a run creates (100 Services over a day create about 61,000). It becomes free on a
// zero-delay timer, when no caller still on the stack may read the ended pod; timers and requests
// that name the ended pod compare `generation`, which the reuse bumps again, and requests tell a
// reused slot by its `serial`.
void Cluster::recycle_slot(PodId pi) {
  // Its timers would find a later generation: drop them now rather than carry them in the event
  // queue until their dates (the rest of the 300 s grace period; a binding a saturated control
  // plane gives hours from now to a pod deleted while Pending, which ends here at once).
  cancel_event(pod(pi).bind_event);
  cancel_event(pod(pi).drain_event);
  cancel_event(pod(pi).grace_event);
  after(0.0, [this, pi] { free_pod_slots_.push_back(pi); });
}

void Cluster::release_pod_resources(PodId pi) {
  const Pod& p = pod(pi);
  Deployment& d = deployment_mut(p.revision);
  auto it = std::find(d.pods.begin(), d.pods.end(), pi);
  if (it != d.pods.end()) d.pods.erase(it);
  listener_.pod_count_changed(p.revision);
  if (p.node >= 0) {
    Node& n = nodes_[static_cast<std::size_t>(p.node)];
    auto nit = std::find(n.pods.begin(), n.pods.end(), pi);
    if (nit != n.pods.end()) {
      n.pods.erase(nit);
      n.release(d.pod.cpu_request, d.pod.memory_request);
    }
  }
  if (!pending_pods_.empty()) retry_pending();
}

// Like a controller's work queue, a reconcile asked for while one of the same Deployment runs (a
// pod that drains at once finishes its termination inside terminate_pod and asks again) is
// coalesced: it runs again after the current pass, on the state that pass left.
void Cluster::reconcile(RevisionId rev) {
  if (deployment(rev).reconciling) {
    deployment_mut(rev).reconcile_again = true;
    return;
  }
  deployment_mut(rev).reconciling = true;
  do {
    deployment_mut(rev).reconcile_again = false;
    reconcile_pass(rev);
  } while (deployment(rev).reconcile_again);
  deployment_mut(rev).reconciling = false;
}

void Cluster::reconcile_pass(RevisionId rev) {
  const Deployment& d = deployment(rev);
  std::vector<PodId> live;
  for (PodId pi : d.pods)
    if (pod(pi).phase != PodPhase::kTerminating) live.push_back(pi);
  const auto want = static_cast<std::size_t>(std::max(0, d.deleted ? 0 : d.replicas));
  if (live.size() < want) {
    // One scale-up: the Knative controllers' and the API server's queues once for the batch.
    const Seconds objects_at = instant_ ? now() : control_plane_.scale_up(now(), control_plane_rng_, rev.value).created;
    for (std::size_t k = live.size(); k < want; ++k) create_pod(rev, objects_at);
  } else if (live.size() > want) {
    // ReplicaSet deletion preference: not scheduled, then not ready, then the newest.
    std::stable_sort(live.begin(), live.end(), [this](PodId a, PodId b) {
      const Pod& pa = pod(a);
      const Pod& pb = pod(b);
      const int ra = pa.node < 0 ? 0 : (pa.phase == PodPhase::kReady ? 2 : 1);
      const int rb = pb.node < 0 ? 0 : (pb.phase == PodPhase::kReady ? 2 : 1);
      if (ra != rb) return ra < rb;
      return pa.serial > pb.serial;
    });
    const auto extra = live.size() - want;
    for (std::size_t k = 0; k < extra; ++k) terminate_pod(live[k], "Scaled down");
  }
}

}  // namespace knsim::sim
