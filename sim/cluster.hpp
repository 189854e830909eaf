#pragma once
// The simulated Kubernetes cluster: nodes (SimGrid hosts, CPU and memory requests accounted here),
// the scheduler, the kubelet's pod lifecycle, one Deployment per revision (replicas, its pods and
// ready endpoints) and node failure. It owns nodes, pods and Deployments; what its changes mean
// for requests, the SKS and the revision's Ready condition it tells a ClusterListener.
//
// Pod phases: Pending --control plane (core/kubernetes/control_plane: Knative controllers and API
// server once per scale-up, then the scheduler's queue) + scheduling delay--> Scheduled (bound;
// stays Pending if nothing fits, and is retried whenever resources free) --the node's kubelet
// queue, then image pull (size / bandwidth, 0 when the node has the image cached)--> Pulling -->
// Starting (container start) --readiness probes (core/kubernetes/readiness_probe)--> Ready
// (endpoint). Cold start of a new pod = control plane + scheduling + kubelet + pull + container
// start + readiness.
// Terminating: removed from the endpoints at once, keeps serving what it has; a pod that was Ready
// drains for drainSleepDuration (core/kubernetes/pod_drain), holding its node resources and
// counting in pod-seconds, and is Terminated once that has passed and its last request ended, at
// the latest after terminationGracePeriodSeconds, which Knative sets to the revision timeout
// (requests still running then fail as `other`); then its resources are freed.
// Node failure (core/kubernetes/node_lifecycle, cluster_nodes.cpp): the node's pods stop serving at
// once but stay in the endpoints until node-monitor-grace-period has passed (Unknown: out of the
// endpoints), and are evicted and replaced after the unreachable toleration.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "core/autoscaler/scale_target.hpp"
#include "core/kubernetes/control_plane.hpp"
#include "core/kubernetes/node_lifecycle.hpp"
#include "core/random/rng.hpp"
#include "models/distribution.hpp"
#include "models/scenario_spec.hpp"
#include "sim/run_events.hpp"
#include "sim/time_integral.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

using core::Seconds;
using core::autoscaler::PodId;
using core::autoscaler::RevisionId;

struct Node {
  std::string name;
  simgrid::s4u::Host* host = nullptr;
  double cpu_cores = 0, cpu_allocated = 0;          // cores (requests)
  std::uint64_t memory = 0, memory_allocated = 0;   // bytes (requests)
  double speed = 1.0;                               // relative core speed
  bool up = true;
  bool schedulable = true;                          // false from NotReady until it recovers
  std::uint64_t health_epoch = 0;                   // bumped on failure and recovery: stale timers
  std::set<std::string> images;                     // image cache
  std::vector<PodId> pods;                          // pods bound here (any live phase)
  double busy_area = 0;                             // core-seconds of CPU work started in the interval
  TimeIntegral up_seconds;                          // 1 while up: node_seconds

  // A pod's (or an activator's) resource requests are held here / given back.
  void reserve(double cpu, std::uint64_t mem) {
    cpu_allocated += cpu;
    memory_allocated += mem;
  }
  void release(double cpu, std::uint64_t mem) {
    cpu_allocated = std::max(0.0, cpu_allocated - cpu);
    memory_allocated -= std::min(memory_allocated, mem);
  }
};

// kUnknown: Kubernetes' pod phase while its node is unreachable (Ready=False, out of the endpoints).
enum class PodPhase { kPending, kScheduled, kPulling, kStarting, kReady, kTerminating, kTerminated, kFailed, kUnknown };
const char* phase_name(PodPhase p);

struct Pod {
  std::string name;
  RevisionId revision;
  int node = -1;
  PodPhase phase = PodPhase::kPending;
  Seconds created = 0, ready_at = -1, terminating_at = -1;
  Seconds started_at = -1;       // its containers started (the HPA's status.startTime)
  bool draining = false;         // Terminating after Ready: waits for drainSleepDuration
  std::uint64_t generation = 0;  // bumped on death and on reuse of its slot: stale timers and requests compare it
  std::uint32_t serial = 0;      // creation order in the run (its name and IP come from it)
  std::string ip;                // deterministic, for the activator's ordering of pods
  // Its timers: the scheduling (create_pod), the drain and the grace period (terminate_pod);
  // cancelled when its slot is recycled (Terminated or Failed).
  EventId bind_event, drain_event, grace_event;
};

// The pod template Knative's revision reconciler puts in the Deployment.
struct PodTemplate {
  double cpu_request = 0.1;          // cores
  std::uint64_t memory_request = 0;  // bytes
  std::string image;
  std::uint64_t image_size = 50ull << 20;
  Seconds termination_grace = 300;   // terminationGracePeriodSeconds = the revision's timeout
};

struct Deployment {
  std::string name;  // the revision's name (pods are <name>-deployment-<n>)
  PodTemplate pod;
  std::int32_t replicas = 1;
  bool deleted = false;     // its Revision was deleted: scales to 0
  bool ever_ready = false;  // a pod was Ready once (the Revision's Ready condition)
  bool reconciling = false, reconcile_again = false;  // work-queue coalescing of reconciles
  std::vector<PodId> pods;       // live pods (not Terminated/Failed), in creation order
  std::vector<PodId> endpoints;  // Ready pods, in readiness order
};

// One pod of the activator Deployment (knative-serving/activator). Slot i keeps the name
// activator-<i> across restarts and replacements, so that runs stay comparable.
struct ActivatorPod {
  std::string name;
  int node = -1;                 // -1: not placed (no node fits, or evicted and not yet replaced)
  bool ready = false;            // in the activator Service's endpoints
  std::uint64_t generation = 0;  // bumped when it dies: stale timers compare it
};

// What the cluster's changes mean elsewhere (implemented by the Simulation over its other parts).
class ClusterListener {
 public:
  virtual ~ClusterListener() = default;
  virtual void pod_created(PodId pod) = 0;             // its queue-proxy starts
  virtual void pod_count_changed(RevisionId rev) = 0;  // live pods of the revision changed
  virtual void backends_changed(RevisionId rev) = 0;   // ready endpoints changed: activators follow
  virtual void endpoints_changed(RevisionId rev) = 0;  // ... and the SKS status
  virtual void revision_ready(RevisionId rev) = 0;     // its first pod became Ready
  virtual bool pod_has_requests(PodId pod) const = 0;  // still draining
  virtual void pod_grace_over(PodId pod) = 0;          // terminationGracePeriod over: its requests fail
  // Its node failed: its requests fail (node_failure); returns how many.
  virtual std::int64_t pod_lost(PodId pod) = 0;
  // Activator pod `activator` died (its node failed, or its process crashed): the requests it
  // held fail (node_failure when its node failed, other otherwise).
  virtual void activator_lost(std::size_t activator, bool node_failure) = 0;
  // It entered (true) or left (false) the activator Service's endpoints.
  virtual void activator_ready_changed(std::size_t activator, bool ready) = 0;
};

class Cluster {
 public:
  Cluster(const models::ClusterSpec& spec, std::uint64_t seed, RunEvents& events, ClusterListener& listener);

  // Initial manifests: pods are scheduled and Ready at once (applied before the run).
  void set_instant(bool instant) { instant_ = instant; }
  bool instant() const { return instant_; }

  // The Deployment of revision `rev` (ids are dense: rev.value == number of Deployments so far).
  void add_deployment(RevisionId rev, std::string name, PodTemplate pod, std::int32_t replicas);
  // Patches spec.replicas and reconciles.
  void set_replicas(RevisionId rev, std::int32_t replicas);
  // The Revision was deleted: the Deployment goes to 0 pods.
  void delete_deployment(RevisionId rev);
  // A request left pod `pod`: a Terminating pod may finish its drain.
  void request_left(PodId pod);
  void fail_node(const std::string& name);
  // Timeline failActivator: the activator's process crashes (e.g. OOMKilled); the kubelet restarts
  // its container (cluster_activators.cpp).
  void fail_activator(const std::string& name);
  const std::vector<ActivatorPod>& activators() const { return activators_; }
  void recover_node(const std::string& name);

  const std::vector<Node>& nodes() const { return nodes_; }
  std::vector<Node>& nodes() { return nodes_; }
  // Pod slots, indexed by PodId. A slot is reused by a later pod once its pod is Terminated or
  // Failed (recycle_slot), so this holds the live pods and the recently ended ones, not every pod
  // of the run; `serial` is the pod's creation order.
  const std::vector<Pod>& pods() const { return pods_; }
  const Pod& pod(PodId id) const { return pods_[id.value]; }
  const Node& node_of(PodId id) const { return nodes_[static_cast<std::size_t>(pods_[id.value].node)]; }
  Node& node_of(PodId id) { return nodes_[static_cast<std::size_t>(pods_[id.value].node)]; }
  const Deployment& deployment(RevisionId rev) const { return deployments_[rev.value]; }

 private:
  void build_platform(const models::ClusterSpec& spec);
  Seconds now() const;
  Pod& pod_mut(PodId id) { return pods_[id.value]; }
  Deployment& deployment_mut(RevisionId rev) { return deployments_[rev.value]; }
  void reconcile(RevisionId rev);
  void reconcile_pass(RevisionId rev);
  void create_pod(RevisionId rev, Seconds objects_at);
  int best_node(double cpu, std::uint64_t memory) const;
  void try_schedule(PodId pod);
  // Activator pods (cluster_activators.cpp).
  void place_activators(const models::ClusterSpec& spec);
  bool bind_activator(ActivatorPod& a);
  void start_activator(std::size_t ai, bool fresh_node);
  void activators_on_node_failed(int node);
  void activators_on_node_not_ready(int node);
  void activators_on_node_evicted(int node);
  void activators_on_node_recovered(int node);
  void start_on_node(PodId pod, int node);
  void pull_and_start(PodId pod, int node);
  void node_not_ready(int node);
  void evict_node_pods(int node);
  void retry_pending();
  void set_phase(PodId pod, PodPhase to, const std::string& reason, bool created = false);
  void pod_ready(PodId pod);
  bool remove_endpoint(PodId pod);
  void terminate_pod(PodId pod, const std::string& reason);
  void maybe_finish_termination(PodId pod);
  void release_pod_resources(PodId pod);
  void recycle_slot(PodId pod);

  models::PodStartupSpec startup_;
  RunEvents& events_;
  ClusterListener& listener_;
  std::vector<Node> nodes_;
  std::vector<Pod> pods_;
  std::deque<PodId> free_pod_slots_;  // slots of ended pods, reused oldest first
  std::uint32_t pods_created_ = 0;    // the next pod's serial
  std::vector<Deployment> deployments_;
  std::vector<PodId> pending_pods_;  // unschedulable, retried when resources free
  std::vector<ActivatorPod> activators_;
  models::ActivatorPodSpec activator_spec_;
  core::Rng scheduler_rng_, kubelet_rng_, control_plane_rng_;
  core::Rng activator_pod_rng_;  // activator restarts and replacements (their own stream)
  core::kubernetes::ControlPlane control_plane_;
  core::kubernetes::NodeLifecycleSettings node_lifecycle_;
  core::kubernetes::DrainSettings drain_;
  models::Distribution scheduling_, container_start_;
  bool instant_ = false;
};

}  // namespace knsim::sim
