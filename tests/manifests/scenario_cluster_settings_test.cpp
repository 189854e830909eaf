// spec.cluster's Kubernetes settings (manifests/cluster_settings_reader.hpp): the defaults are
// Kubernetes' and Knative's, each key is read, and each bad value is an error naming the line
// and the field.
#include <gtest/gtest.h>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;

// A Service (lines 1-4), then the Scenario; the cluster's extra lines start at line 13.
std::string scenario_with_cluster(const std::string& extra) {
  return "apiVersion: serving.knative.dev/v1\n"                    // 1
         "kind: Service\n"                                         // 2
         "metadata: {name: hello}\n"                               // 3
         "spec: {template: {spec: {containers: [{image: x}]}}}\n"  // 4
         "---\n"                                                   // 5
         "apiVersion: knsim.dev/v1alpha1\n"                        // 6
         "kind: Scenario\n"                                        // 7
         "metadata: {name: t}\n"                                   // 8
         "spec:\n"                                                 // 9
         "  duration: 1m\n"                                        // 10
         "  cluster:\n"                                            // 11
         "    nodePools: [{}]\n" +                                 // 12
         extra;                                                    // 13...
}

ScenarioBundle load(const std::string& extra, Diagnostics& diags) {
  return load_scenario(testing::write_file("cluster.yaml", scenario_with_cluster(extra)), diags);
}

TEST(ScenarioClusterSettings, DefaultsAreKubernetesAndKnative) {
  Diagnostics diags;
  const auto b = load("", diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  const auto& c = b.scenario.cluster;
  EXPECT_EQ(c.node_lifecycle.node_monitor_grace_period, 50);
  EXPECT_EQ(c.node_lifecycle.unreachable_toleration_seconds, 300);
  EXPECT_EQ(c.node_lifecycle.not_ready_toleration_seconds, 300);
  EXPECT_EQ(c.pod_termination.drain_sleep_duration, 30);
  EXPECT_EQ(c.pod_startup.readiness_probe.period_seconds, 0);
  EXPECT_DOUBLE_EQ(c.pod_startup.readiness_probe.aggressive_interval, 0.05);
  EXPECT_DOUBLE_EQ(c.pod_startup.readiness_probe.activator_probe_interval, 0.2);
  EXPECT_DOUBLE_EQ(c.control_plane.knative_controllers.rate, 2.9);
  EXPECT_DOUBLE_EQ(c.control_plane.api_server.rate, 2.7);
  EXPECT_DOUBLE_EQ(c.control_plane.scheduler.rate, 25);
  EXPECT_DOUBLE_EQ(c.control_plane.kubelet_pod_start.rate, 10);
  EXPECT_DOUBLE_EQ(c.activator_pods.cpu, 0.3);
  EXPECT_EQ(c.activator_pods.memory_bytes, 60ull << 20);
}

TEST(ScenarioClusterSettings, ReadsEveryKey) {
  Diagnostics diags;
  const auto b = load(
      "    nodeLifecycle: {nodeMonitorGracePeriod: 40s, unreachableTolerationSeconds: 60, notReadyTolerationSeconds: 30}\n"
      "    podTermination: {drainSleepDuration: 0s}\n"
      "    podStartup: {readinessProbe: {periodSeconds: 2, aggressiveInterval: 100ms, activatorProbeInterval: 1s}}\n"
      "    controlPlane:\n"
      "      knativeControllers: {rate: 5, latency: 10ms, serviceTime: constant}\n"
      "      apiServer: {rate: 0}\n"
      "      scheduler: {latency: 1s}\n"
      "      kubeletPodStart: {rate: 2.5, serviceTime: exponential}\n"
      "    activatorPods: {cpu: 1, memory: 1Gi}\n",
      diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  const auto& c = b.scenario.cluster;
  EXPECT_EQ(c.node_lifecycle.node_monitor_grace_period, 40);
  EXPECT_EQ(c.node_lifecycle.unreachable_toleration_seconds, 60);
  EXPECT_EQ(c.node_lifecycle.not_ready_toleration_seconds, 30);
  EXPECT_EQ(c.pod_termination.drain_sleep_duration, 0);
  EXPECT_EQ(c.pod_startup.readiness_probe.period_seconds, 2);
  EXPECT_EQ(c.pod_startup.readiness_period, 2);
  EXPECT_DOUBLE_EQ(c.pod_startup.readiness_probe.aggressive_interval, 0.1);
  EXPECT_DOUBLE_EQ(c.pod_startup.readiness_probe.activator_probe_interval, 1.0);
  EXPECT_DOUBLE_EQ(c.control_plane.knative_controllers.rate, 5);
  EXPECT_DOUBLE_EQ(c.control_plane.knative_controllers.latency, 0.01);
  EXPECT_EQ(c.control_plane.knative_controllers.service_time, core::kubernetes::ServiceTime::kConstant);
  EXPECT_DOUBLE_EQ(c.control_plane.api_server.rate, 0);
  EXPECT_DOUBLE_EQ(c.control_plane.scheduler.rate, 25);  // untouched key keeps its default
  EXPECT_DOUBLE_EQ(c.control_plane.scheduler.latency, 1);
  EXPECT_DOUBLE_EQ(c.control_plane.kubelet_pod_start.rate, 2.5);
  EXPECT_DOUBLE_EQ(c.activator_pods.cpu, 1);
  EXPECT_EQ(c.activator_pods.memory_bytes, 1ull << 30);
}

TEST(ScenarioClusterSettings, ReadinessPeriodIsPeriodSeconds) {
  Diagnostics diags;
  const auto b = load("    podStartup: {readinessPeriod: 3s}\n", diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_EQ(b.scenario.cluster.pod_startup.readiness_probe.period_seconds, 3);
  EXPECT_EQ(b.scenario.cluster.pod_startup.readiness_period, 3);
}

TEST(ScenarioClusterSettings, BadValuesNameLineAndField) {
  const struct {
    const char* name;
    const char* extra;
    const char* field;
    const char* message;
  } kCases[] = {
      {"grace_zero", "    nodeLifecycle: {nodeMonitorGracePeriod: 0s}\n", "spec.cluster.nodeLifecycle.nodeMonitorGracePeriod",
       "must be greater than 0"},
      {"grace_bare_number", "    nodeLifecycle: {nodeMonitorGracePeriod: 50}\n",
       "spec.cluster.nodeLifecycle.nodeMonitorGracePeriod", "a duration needs a unit"},
      {"grace_too_long", "    nodeLifecycle: {nodeMonitorGracePeriod: 2h}\n",
       "spec.cluster.nodeLifecycle.nodeMonitorGracePeriod", "at most 1h0m0s"},
      {"toleration_negative", "    nodeLifecycle: {unreachableTolerationSeconds: -1}\n",
       "spec.cluster.nodeLifecycle.unreachableTolerationSeconds", "must be whole seconds in [0, 7776000], got -1"},
      {"toleration_duration", "    nodeLifecycle: {notReadyTolerationSeconds: 5m}\n",
       "spec.cluster.nodeLifecycle.notReadyTolerationSeconds", "must be an integer, got \"5m\""},
      {"lifecycle_unknown", "    nodeLifecycle: {podEvictionTimeout: 5m}\n", "spec.cluster.nodeLifecycle.podEvictionTimeout",
       "unknown field"},
      {"drain_negative", "    podTermination: {drainSleepDuration: -1s}\n", "spec.cluster.podTermination.drainSleepDuration",
       "must not be negative"},
      {"period_negative", "    podStartup: {readinessProbe: {periodSeconds: -1}}\n",
       "spec.cluster.podStartup.readinessProbe.periodSeconds", "must be whole seconds in [0, 3600]"},
      {"period_both", "    podStartup: {readinessPeriod: 1s, readinessProbe: {periodSeconds: 1}}\n",
       "spec.cluster.podStartup.readinessProbe.periodSeconds", "not both"},
      {"aggressive_zero", "    podStartup: {readinessProbe: {aggressiveInterval: 0s}}\n",
       "spec.cluster.podStartup.readinessProbe.aggressiveInterval", "must be greater than 0"},
      {"rate_negative", "    controlPlane: {apiServer: {rate: -1}}\n", "spec.cluster.controlPlane.apiServer.rate",
       "must be in [0, 1000000]"},
      {"rate_huge", "    controlPlane: {scheduler: {rate: 1e9}}\n", "spec.cluster.controlPlane.scheduler.rate",
       "must be in [0, 1000000]"},
      {"latency_negative", "    controlPlane: {kubeletPodStart: {latency: -5ms}}\n",
       "spec.cluster.controlPlane.kubeletPodStart.latency", "must not be negative"},
      {"service_time_kind", "    controlPlane: {knativeControllers: {serviceTime: gamma}}\n",
       "spec.cluster.controlPlane.knativeControllers.serviceTime", "must be exponential or constant"},
      {"queue_unknown", "    controlPlane: {etcd: {rate: 1}}\n", "spec.cluster.controlPlane.etcd", "unknown field"},
      {"activator_cpu_zero", "    activatorPods: {cpu: 0}\n", "spec.cluster.activatorPods.cpu", "must be greater than 0"},
      {"activator_memory_bad", "    activatorPods: {memory: lots}\n", "spec.cluster.activatorPods.memory",
       "not a Kubernetes quantity"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    Diagnostics diags;
    load(c.extra, diags);
    EXPECT_TRUE(has_diag(diags, 13, c.field, c.message)) << diags.to_string();
  }
}

}  // namespace
}  // namespace knsim::manifests
