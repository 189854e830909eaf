// The activator Deployment's pods (knative-serving/activator; docs/spec/kubernetes.md "The
// activator Deployment"). cluster.activators pods, each requesting cluster.activatorPods' CPU and
// memory on its node, placed by the scheduler before t = 0 (Ready then, as the initial manifests'
// pods are). They are pods like the revisions' ones:
// - their node fails: the process is gone at once (the requests it held fail, node_failure) but it
//   stays in the activator Service's endpoints until the node is NotReady (the ingress's
//   connections to it fail meanwhile); after the unreachable toleration it is evicted and the
//   Deployment's replacement is scheduled on a node that is up;
// - timeline failActivator (a crash, e.g. OOMKilled): it leaves the endpoints at once, its requests
//   fail (other: 502), and the kubelet restarts the container on the same node (restartPolicy
//   Always; the first restart has no back-off): Ready one container start + readiness later.
// A restart or replacement takes the scheduling delay (replacements only), a container start and
// the readiness probe, drawn from its own random stream, so the revisions' pods draw as before.
#include <algorithm>

#include "core/kubernetes/readiness_probe.hpp"
#include "sim/cluster.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

void Cluster::place_activators(const models::ClusterSpec& spec) {
  activator_spec_ = spec.activator_pods;
  const int n = std::max(1, spec.activators);
  for (int i = 0; i < n; ++i) {
    ActivatorPod a;
    a.name = "activator-" + std::to_string(i);
    a.ready = bind_activator(a);
    activators_.push_back(std::move(a));
  }
}

// The scheduler binds the activator pod to a node, which holds its requests; false (node -1)
// when none fits.
bool Cluster::bind_activator(ActivatorPod& a) {
  a.node = best_node(activator_spec_.cpu, activator_spec_.memory_bytes);
  if (a.node < 0) return false;
  nodes_[static_cast<std::size_t>(a.node)].reserve(activator_spec_.cpu, activator_spec_.memory_bytes);
  return true;
}

// The container (re)starts on its node, or (fresh_node) the replacement is first scheduled. Ready
// at the readiness probe after it listens; the activator Service gets it back then.
void Cluster::start_activator(std::size_t ai, bool fresh_node) {
  ActivatorPod& a = activators_[ai];
  const auto gen = a.generation;
  Seconds delay = 0;
  if (fresh_node) {
    if (!bind_activator(a)) return;  // nothing fits: it stays unplaced (retried when a node recovers)
    delay += scheduling_.sample(activator_pod_rng_);
  }
  const Seconds started = now() + delay;
  const Seconds listening = started + container_start_.sample(activator_pod_rng_);
  const auto probe = core::kubernetes::readiness_times(started, listening, startup_.readiness_probe);
  after(probe.pod_ready - now(), [this, ai, gen] {
    ActivatorPod& pod = activators_[ai];
    if (pod.generation != gen || pod.node < 0 || !nodes_[static_cast<std::size_t>(pod.node)].up) return;
    pod.ready = true;
    events_.emit(reports::PodPhaseChange{pod.name, "", nodes_[static_cast<std::size_t>(pod.node)].name, "Starting",
                                         "Ready", "activator container ready"});
    listener_.activator_ready_changed(ai, true);
  });
}

void Cluster::fail_activator(const std::string& name) {
  for (std::size_t ai = 0; ai < activators_.size(); ++ai) {
    ActivatorPod& a = activators_[ai];
    if (a.name != name || a.node < 0 || !nodes_[static_cast<std::size_t>(a.node)].up) continue;
    ++a.generation;
    listener_.activator_lost(ai, false);
    if (a.ready) {
      a.ready = false;
      listener_.activator_ready_changed(ai, false);
    }
    events_.emit(reports::PodPhaseChange{a.name, "", nodes_[static_cast<std::size_t>(a.node)].name, "Ready",
                                         "Starting", "activator container crashed: restarting"});
    start_activator(ai, false);
  }
}

void Cluster::activators_on_node_failed(int node) {
  for (std::size_t ai = 0; ai < activators_.size(); ++ai) {
    if (activators_[ai].node != node) continue;
    ++activators_[ai].generation;  // a restart in progress stops
    listener_.activator_lost(ai, true);
  }
}

void Cluster::activators_on_node_not_ready(int node) {
  for (std::size_t ai = 0; ai < activators_.size(); ++ai) {
    ActivatorPod& a = activators_[ai];
    if (a.node != node || !a.ready) continue;
    a.ready = false;
    events_.emit(reports::PodPhaseChange{a.name, "", nodes_[static_cast<std::size_t>(node)].name, "Ready", "Unknown",
                                         "NodeNotReady: node unreachable"});
    listener_.activator_ready_changed(ai, false);
  }
}

// Evicted with the node's pods: the Deployment's replacement goes to a node that is up.
void Cluster::activators_on_node_evicted(int node) {
  for (std::size_t ai = 0; ai < activators_.size(); ++ai) {
    ActivatorPod& a = activators_[ai];
    if (a.node != node) continue;
    Node& n = nodes_[static_cast<std::size_t>(node)];
    n.release(activator_spec_.cpu, activator_spec_.memory_bytes);
    events_.emit(reports::PodPhaseChange{a.name, "", n.name, "Unknown", "Failed",
                                         "TaintManagerEviction: node unreachable; replaced"});
    ++a.generation;
    a.node = -1;
    start_activator(ai, true);
  }
}

// The node answers again before the eviction: its activators' containers restart there; an
// activator left unplaced (nothing fitted) is scheduled again.
void Cluster::activators_on_node_recovered(int node) {
  for (std::size_t ai = 0; ai < activators_.size(); ++ai) {
    ActivatorPod& a = activators_[ai];
    if (a.node == node) {
      if (a.ready) {  // still an endpoint (recovered before NotReady): out until it is ready again
        a.ready = false;
        listener_.activator_ready_changed(ai, false);
      }
      ++a.generation;
      start_activator(ai, false);
    } else if (a.node < 0) {
      ++a.generation;
      start_activator(ai, true);
    }
  }
}

}  // namespace knsim::sim
