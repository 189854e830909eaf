// Node failure and recovery (timeline failNode / recoverNode), in Kubernetes' phases
// (core/kubernetes/node_lifecycle.hpp, docs/spec/kubernetes.md "Node failure"):
//   failure            the node stops: requests running on its pods fail (node_failure); its pods
//                      stay Ready in the endpoints, so requests routed to them fail too; the
//                      scheduler may still bind pods to it (they never start)
//   + grace (50 s)     NotReady: its pods go Unknown (out of the endpoints), no new bindings
//   + toleration (300 s) its pods are evicted (Failed, resources freed) and their Deployments
//                      create replacements on the nodes that are up
// A recovery before eviction restarts the node's pods (image cache gone: pulled again); after
// eviction the node comes back empty.
#include <algorithm>

#include "sim/cluster.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace {

// The revisions of `pods`, each once, in id order (the order their endpoints are reported in).
std::vector<RevisionId> revisions_of(const std::vector<PodId>& pods, const std::vector<Pod>& all) {
  std::vector<RevisionId> revs;
  for (PodId pi : pods) revs.push_back(all[pi.value].revision);
  std::sort(revs.begin(), revs.end());
  revs.erase(std::unique(revs.begin(), revs.end()), revs.end());
  return revs;
}

}  // namespace

void Cluster::fail_node(const std::string& name) {
  for (std::size_t ni = 0; ni < nodes_.size(); ++ni) {
    Node& n = nodes_[ni];
    if (n.name != name || !n.up) continue;
    n.up = false;
    n.up_seconds.set(now(), 0);
    const std::uint64_t epoch = ++n.health_epoch;
    std::int64_t requests_lost = 0;
    for (PodId pi : n.pods) {
      ++pod_mut(pi).generation;  // its containers are gone: pending timers and requests stop
      requests_lost += listener_.pod_lost(pi);
    }
    activators_on_node_failed(static_cast<int>(ni));
    n.images.clear();  // a recovered node comes back without its image cache
    events_.emit(reports::NodeChange{name, false, static_cast<std::int64_t>(n.pods.size()), requests_lost, "failNode"});
    const auto times = core::kubernetes::node_failure_times(now(), node_lifecycle_);
    const int node = static_cast<int>(ni);
    after(times.not_ready_at - now(), [this, node, epoch] {
      if (nodes_[static_cast<std::size_t>(node)].health_epoch == epoch) node_not_ready(node);
    });
    after(times.evicted_at - now(), [this, node, epoch] {
      if (nodes_[static_cast<std::size_t>(node)].health_epoch == epoch) evict_node_pods(node);
    });
  }
}

// node-monitor-grace-period passed: Ready=Unknown, tainted; its pods' Ready goes False.
void Cluster::node_not_ready(int node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  n.schedulable = false;
  for (PodId pi : n.pods) {
    remove_endpoint(pi);
    if (pod(pi).phase != PodPhase::kTerminating)
      set_phase(pi, PodPhase::kUnknown, "NodeNotReady: node " + n.name + " unreachable");
  }
  for (RevisionId rev : revisions_of(n.pods, pods_)) listener_.endpoints_changed(rev);
  activators_on_node_not_ready(node);
}

// The unreachable toleration expired: the taint eviction controller deletes the pods; their
// ReplicaSets (which do not count deleted pods) create replacements.
void Cluster::evict_node_pods(int node) {
  Node& n = nodes_[static_cast<std::size_t>(node)];
  const auto evicted = n.pods;
  for (PodId pi : evicted) {
    ++pod_mut(pi).generation;
    set_phase(pi, PodPhase::kFailed, "TaintManagerEviction: node " + n.name + " unreachable");
    release_pod_resources(pi);
    recycle_slot(pi);
  }
  for (RevisionId rev : revisions_of(evicted, pods_)) {
    listener_.endpoints_changed(rev);
    reconcile(rev);
  }
  activators_on_node_evicted(node);
}

void Cluster::recover_node(const std::string& name) {
  for (std::size_t ni = 0; ni < nodes_.size(); ++ni) {
    Node& n = nodes_[ni];
    if (n.name != name || n.up) continue;
    n.up = true;
    n.schedulable = true;
    ++n.health_epoch;
    n.up_seconds.set(now(), 1);
    events_.emit(reports::NodeChange{name, true, 0, 0, "recoverNode"});
    // Pods still bound to it (not evicted yet) restart: out of the endpoints until Ready again.
    const auto bound = n.pods;
    for (PodId pi : bound) {
      if (remove_endpoint(pi)) listener_.endpoints_changed(pod(pi).revision);
      if (pod(pi).phase == PodPhase::kTerminating) {
        pod_mut(pi).draining = false;
        maybe_finish_termination(pi);
        continue;
      }
      ++pod_mut(pi).generation;
      set_phase(pi, PodPhase::kScheduled, "Restarting: node " + name + " recovered");
      start_on_node(pi, static_cast<int>(ni));
    }
    activators_on_node_recovered(static_cast<int>(ni));
    retry_pending();
  }
}

}  // namespace knsim::sim
