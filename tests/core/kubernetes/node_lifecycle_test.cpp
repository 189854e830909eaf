// The node lifecycle after a failure (core/kubernetes/node_lifecycle.hpp), each row worked by hand
// from Kubernetes' defaults: grace 50 s, unreachable toleration 300 s.
#include "core/kubernetes/node_lifecycle.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace knsim::core::kubernetes;

struct Row {
  const char* name;
  NodeHealth health;
  double now;
  NodePhase phase;
  bool in_endpoints, serve, schedulable, evicted, restart;
  std::optional<double> next_change;
};

std::vector<Row> rows() {
  return {
      {"never_failed", {}, 500, NodePhase::kReady, true, true, true, false, false, std::nullopt},
      {"before_failure", {180.0, std::nullopt}, 100, NodePhase::kReady, true, true, true, false, false, 180.0},
      // 180 s failure: unnoticed until 180 + 50 = 230 s; pods still in the endpoints but dead.
      {"at_failure", {180.0, std::nullopt}, 180, NodePhase::kUnresponsive, true, false, true, false, false, 230.0},
      {"just_before_grace", {180.0, std::nullopt}, 229.9, NodePhase::kUnresponsive, true, false, true, false, false,
       230.0},
      // 230 s: NotReady, pods out of the endpoints, tainted; eviction at 230 + 300 = 530 s.
      {"at_grace", {180.0, std::nullopt}, 230, NodePhase::kNotReady, false, false, false, false, false, 530.0},
      {"during_toleration", {180.0, std::nullopt}, 400, NodePhase::kNotReady, false, false, false, false, false, 530.0},
      {"evicted", {180.0, std::nullopt}, 530, NodePhase::kEvicted, false, false, false, true, false, std::nullopt},
      // A recovery scheduled at 300 s is the next change while NotReady (before 530 s).
      {"recovery_pending", {180.0, 300.0}, 250, NodePhase::kNotReady, false, false, false, false, false, 300.0},
      // Recovered at 300 s (before 530): Ready, schedulable, kubelet restarts the old pods.
      {"recovered_before_eviction", {180.0, 300.0}, 300, NodePhase::kReady, false, false, true, false, true,
       std::nullopt},
      // Recovered at 600 s (after 530): the old pods stay deleted.
      {"recovered_after_eviction", {180.0, 600.0}, 700, NodePhase::kReady, false, false, true, true, false,
       std::nullopt},
  };
}

TEST(NodeLifecycle, PhasesWithKubernetesDefaults) {
  const NodeLifecycleSettings settings;
  for (const Row& r : rows()) {
    SCOPED_TRACE(r.name);
    const auto d = decide_node_lifecycle(r.health, r.now, settings);
    EXPECT_EQ(d.phase, r.phase) << node_phase_name(d.phase);
    EXPECT_EQ(d.pods_in_endpoints, r.in_endpoints);
    EXPECT_EQ(d.pods_serve, r.serve);
    EXPECT_EQ(d.schedulable, r.schedulable);
    EXPECT_EQ(d.pods_evicted, r.evicted);
    EXPECT_EQ(d.restart_pods, r.restart);
    EXPECT_EQ(d.next_change, r.next_change);
    EXPECT_FALSE(d.reason.empty());
  }
}

TEST(NodeLifecycle, DefaultsAreKubernetes) {
  const NodeLifecycleSettings s;
  EXPECT_EQ(s.node_monitor_grace_period, 50);  // kubernetes PR #126287 (1.32)
  EXPECT_EQ(s.unreachable_toleration_seconds, 300);
  EXPECT_EQ(s.not_ready_toleration_seconds, 300);
}

TEST(NodeLifecycle, FailureTimesFollowSettings) {
  // Grace 40 s (Kubernetes <= 1.31) and toleration 60 s: 100 -> 140 -> 200.
  NodeLifecycleSettings s;
  s.node_monitor_grace_period = 40;
  s.unreachable_toleration_seconds = 60;
  const auto t = node_failure_times(100, s);
  EXPECT_DOUBLE_EQ(t.not_ready_at, 140);
  EXPECT_DOUBLE_EQ(t.evicted_at, 200);
  EXPECT_EQ(decide_node_lifecycle({100.0, std::nullopt}, 139.999, s).phase, NodePhase::kUnresponsive);
  EXPECT_EQ(decide_node_lifecycle({100.0, std::nullopt}, 140, s).phase, NodePhase::kNotReady);
  EXPECT_EQ(decide_node_lifecycle({100.0, std::nullopt}, 200, s).phase, NodePhase::kEvicted);
}

}  // namespace
