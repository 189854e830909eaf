#pragma once
// What Kubernetes does, with its default settings, after a node stops answering (powered off,
// kernel panic, network cut): the phases of the node and of the pods bound to it, as a pure
// function of the failure time and `now`. The simulator applies the phases; core only decides.
//
// Kubernetes behaviour (docs/spec/kubernetes.md "Node failure", with sources):
// - The node lifecycle controller (kube-controller-manager,
//   pkg/controller/nodelifecycle/node_lifecycle_controller.go) marks a node whose kubelet stopped
//   renewing its Lease Ready=Unknown only after --node-monitor-grace-period: 50 s since Kubernetes
//   1.32 (kubernetes/kubernetes PR #126287, "increased to 50s (earlier 40s)"), 40 s before.
//   Until then the node is Ready in the API: endpoints keep its pods, requests sent to them fail
//   with connection errors, and the scheduler may still bind new pods to it (they never start).
// - At that moment it marks the node's pods Ready=False (MarkPodsNotReady), so the endpoints
//   controller drops them, and taints the node node.kubernetes.io/unreachable with NoSchedule and
//   NoExecute.
// - The DefaultTolerationSeconds admission plugin gives every pod a toleration of that NoExecute
//   taint for 300 s (--default-unreachable-toleration-seconds). When it expires the taint manager
//   deletes the pods. A ReplicaSet does not count pods being deleted, so it creates replacements
//   at once; the deleted pods stay Terminating on the dead node (their kubelet cannot confirm).
// Worked example with the defaults: a node fails at 180 s -> NotReady and pods leave the
// endpoints at 230 s -> pods evicted and replacements created at 530 s (180 + 50 + 300).
//
// Simplification: the kubelet renews its Lease every 10 s and the controller checks every 5 s
// (--node-monitor-period), so a real cluster notices between about grace - 10 s and grace + 5 s
// after the failure. knsim takes the last renewal as the failure instant and the check as
// continuous: NotReady exactly `node_monitor_grace_period` after the failure.
#include <optional>
#include <string>

#include "core/time/time.hpp"

namespace knsim::core::kubernetes {

struct NodeLifecycleSettings {
  // kube-controller-manager --node-monitor-grace-period (Kubernetes >= 1.32: 50 s; 40 s before).
  Seconds node_monitor_grace_period = 50;
  // DefaultTolerationSeconds admission plugin, --default-unreachable-toleration-seconds: how long
  // pods stay bound to an unreachable node after the NoExecute taint.
  Seconds unreachable_toleration_seconds = 300;
  // --default-not-ready-toleration-seconds: the same for node.kubernetes.io/not-ready (a kubelet
  // that answers but reports NotReady). knsim's failNode is an unreachable node; kept as a setting
  // so a scenario states both Kubernetes defaults.
  Seconds not_ready_toleration_seconds = 300;
};

enum class NodePhase {
  kReady,         // up and answering
  kUnresponsive,  // down, not yet noticed: still Ready in the API, its pods still in the endpoints
  kNotReady,      // noticed: Ready=Unknown, tainted unreachable, its pods Ready=False
  kEvicted,       // the toleration expired: its pods deleted, replacements created elsewhere
};

// A node's failure history, as the driver records it.
struct NodeHealth {
  std::optional<Seconds> failed_at;     // the node stopped answering (nullopt: never failed)
  std::optional<Seconds> recovered_at;  // it answers again (after failed_at)
};

struct NodeLifecycleDecision {
  NodePhase phase = NodePhase::kReady;
  bool pods_in_endpoints = true;  // its pods' Ready condition as the endpoints controller sees it
  bool pods_serve = true;         // requests sent to its pods are answered (false: connection error)
  bool schedulable = true;        // the scheduler may bind new pods to it (no NoSchedule taint)
  bool pods_evicted = false;      // its pods are deleted; the ReplicaSet replaces them
  bool restart_pods = false;      // recovered before eviction: the kubelet restarts its old pods
  std::optional<Seconds> next_change;  // when the decision changes next (nullopt: not by itself)
  std::string reason;
};

// The instants of one failure (no recovery), for drivers that schedule timers ahead.
struct NodeFailureTimes {
  Seconds failed_at = 0;
  Seconds not_ready_at = 0;  // failed_at + node_monitor_grace_period
  Seconds evicted_at = 0;    // not_ready_at + unreachable_toleration_seconds
};

NodeFailureTimes node_failure_times(Seconds failed_at, const NodeLifecycleSettings& settings);

// The node's phase at `now`, and what it means for the pods that were bound to it when it failed.
// A recovery returns the node to kReady (the kubelet posts status again, the taints go). Before
// eviction its old pods are still bound to it: their containers died with the node, so the
// kubelet starts them again (restart_pods) and they rejoin the endpoints when Ready again. After
// eviction they stay deleted (pods_evicted) and the kubelet cleans them up.
NodeLifecycleDecision decide_node_lifecycle(const NodeHealth& health, Seconds now,
                                            const NodeLifecycleSettings& settings);

const char* node_phase_name(NodePhase phase);

}  // namespace knsim::core::kubernetes
