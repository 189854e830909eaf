// Node failure and recovery (timeline failNode / recoverNode).
#include <algorithm>

#include "sim/cluster.hpp"

namespace knsim::sim {

// Every pod on the node fails at once (NodeLost): out of the endpoints, its requests fail
// (node_failure), its resources are freed, and its Deployment makes a replacement, scheduled on
// the nodes still up. The node comes back empty (no image cache).
void Cluster::fail_node(const std::string& name) {
  for (Node& n : nodes_) {
    if (n.name != name || !n.up) continue;
    n.up = false;
    n.up_seconds.set(now(), 0);
    const auto lost = n.pods;
    std::int64_t requests_lost = 0;
    std::vector<RevisionId> revs;
    for (PodId pi : lost) {
      ++pod_mut(pi).generation;  // the pod is gone: its requests fail without touching its queues
      const RevisionId rev = pod(pi).revision;
      Deployment& d = deployment_mut(rev);
      auto it = std::find(d.endpoints.begin(), d.endpoints.end(), pi);
      if (it != d.endpoints.end()) {
        d.endpoints.erase(it);
        listener_.backends_changed(rev);  // before the failures below free activator slots
      }
      requests_lost += listener_.pod_lost(pi);
      set_phase(pi, PodPhase::kFailed, "NodeLost: node " + name + " failed");
      release_pod_resources(pi);
      listener_.endpoints_changed(rev);
      revs.push_back(rev);
    }
    n.images.clear();  // a recovered node comes back empty
    events_.emit(reports::NodeChange{name, false, static_cast<std::int64_t>(lost.size()), requests_lost, "failNode"});
    std::sort(revs.begin(), revs.end());
    revs.erase(std::unique(revs.begin(), revs.end()), revs.end());
    for (RevisionId rev : revs) reconcile(rev);
  }
}

void Cluster::recover_node(const std::string& name) {
  for (Node& n : nodes_) {
    if (n.name != name || n.up) continue;
    n.up = true;
    n.up_seconds.set(now(), 1);
    events_.emit(reports::NodeChange{name, true, 0, 0, "recoverNode"});
    retry_pending();
  }
}

}  // namespace knsim::sim
