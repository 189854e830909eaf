#include "manifests/cluster_settings_reader.hpp"

#include <cmath>
#include <string>

#include "manifests/limits.hpp"

namespace knsim::manifests {
namespace {

// A duration in [min, kMaxClusterSettingSeconds]; `positive` excludes 0 itself.
std::optional<core::Seconds> bounded_duration(const Field& f, bool positive) {
  const auto d = f.duration();
  if (!d) return std::nullopt;
  if (positive ? *d <= 0 : *d < 0) {
    f.error(std::string(positive ? "must be greater than 0" : "must not be negative") + ", got " + f.node().Scalar());
    return std::nullopt;
  }
  if (*d > kMaxClusterSettingSeconds) {
    f.error("at most " + core::format_duration(kMaxClusterSettingSeconds) + " (knsim's limit), got " + f.node().Scalar());
    return std::nullopt;
  }
  return d;
}

// Kubernetes' tolerationSeconds: whole seconds, >= 0.
std::optional<core::Seconds> toleration_seconds(const Field& f) {
  const auto n = f.integer();
  if (!n) return std::nullopt;
  if (*n < 0 || static_cast<double>(*n) > kMaxTolerationSeconds) {
    f.error("must be whole seconds in [0, " + std::to_string(static_cast<long long>(kMaxTolerationSeconds)) +
            "], got " + std::to_string(*n));
    return std::nullopt;
  }
  return static_cast<core::Seconds>(*n);
}

void read_node_lifecycle(const Field& f, core::kubernetes::NodeLifecycleSettings& s) {
  MapReader m = f.map();
  if (auto d = bounded_duration(m.get("nodeMonitorGracePeriod"), true)) s.node_monitor_grace_period = *d;
  if (auto t = toleration_seconds(m.get("unreachableTolerationSeconds"))) s.unreachable_toleration_seconds = *t;
  if (auto t = toleration_seconds(m.get("notReadyTolerationSeconds"))) s.not_ready_toleration_seconds = *t;
  m.finish();
}

void read_pod_termination(const Field& f, core::kubernetes::DrainSettings& s) {
  MapReader m = f.map();
  if (auto d = bounded_duration(m.get("drainSleepDuration"), false)) s.drain_sleep_duration = *d;
  m.finish();
}

void read_work_queue(const Field& f, core::kubernetes::WorkQueueSettings& q) {
  MapReader m = f.map();
  const Field ratef = m.get("rate");
  if (const auto r = ratef.number()) {
    if (*r < 0 || *r > kMaxControlPlaneRate) {
      ratef.error("must be in [0, 1000000] items per second (0: no limit), got " + ratef.node().Scalar());
    } else {
      q.rate = *r;
    }
  }
  if (auto d = bounded_duration(m.get("latency"), false)) q.latency = *d;
  const Field kindf = m.get("serviceTime");
  if (const auto k = kindf.string()) {
    if (*k == "exponential") q.service_time = core::kubernetes::ServiceTime::kExponential;
    else if (*k == "constant") q.service_time = core::kubernetes::ServiceTime::kConstant;
    else kindf.error("must be exponential or constant, got \"" + *k + "\"");
  }
  m.finish();
}

void read_control_plane(const Field& f, core::kubernetes::ControlPlaneSettings& s) {
  MapReader m = f.map();
  read_work_queue(m.get("knativeControllers"), s.knative_controllers);
  read_work_queue(m.get("apiServer"), s.api_server);
  read_work_queue(m.get("scheduler"), s.scheduler);
  read_work_queue(m.get("kubeletPodStart"), s.kubelet_pod_start);
  m.finish();
}

void read_activator_pods(const Field& f, models::ActivatorPodSpec& a) {
  MapReader m = f.map();
  const Field cpuf = m.get("cpu");
  if (const auto cpu = cpuf.quantity()) {
    if (*cpu <= 0) cpuf.error("must be greater than 0");
    else a.cpu = *cpu;
  }
  const Field memf = m.get("memory");
  if (const auto mem = memf.bytes()) {
    if (*mem == 0) memf.error("must be greater than 0");
    else a.memory_bytes = *mem;
  }
  m.finish();
}

}  // namespace

void read_cluster_kubernetes_settings(MapReader& cluster, models::ClusterSpec& c) {
  read_node_lifecycle(cluster.get("nodeLifecycle"), c.node_lifecycle);
  read_pod_termination(cluster.get("podTermination"), c.pod_termination);
  read_control_plane(cluster.get("controlPlane"), c.control_plane);
  read_activator_pods(cluster.get("activatorPods"), c.activator_pods);
}

void read_readiness_settings(MapReader& pod_startup, models::PodStartupSpec& ps) {
  const Field periodf = pod_startup.get("readinessPeriod");
  if (auto d = bounded_duration(periodf, true)) {
    ps.readiness_period = *d;
    ps.readiness_probe.period_seconds = *d;
  }
  MapReader m = pod_startup.get("readinessProbe").map();
  const Field secondsf = m.get("periodSeconds");
  if (const auto n = secondsf.integer()) {
    if (periodf.present()) {
      secondsf.error("set either podStartup.readinessPeriod or podStartup.readinessProbe.periodSeconds, not both");
    } else if (*n < 0 || static_cast<double>(*n) > kMaxClusterSettingSeconds) {
      secondsf.error("must be whole seconds in [0, 3600] (0: Knative's aggressive probing), got " + std::to_string(*n));
    } else {
      ps.readiness_probe.period_seconds = static_cast<core::Seconds>(*n);
      if (*n > 0) ps.readiness_period = static_cast<core::Seconds>(*n);
    }
  }
  if (auto d = bounded_duration(m.get("aggressiveInterval"), true)) ps.readiness_probe.aggressive_interval = *d;
  if (auto d = bounded_duration(m.get("activatorProbeInterval"), true)) ps.readiness_probe.activator_probe_interval = *d;
  m.finish();
}

}  // namespace knsim::manifests
