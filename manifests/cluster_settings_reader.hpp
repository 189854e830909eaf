#pragma once
// The Kubernetes settings of a Scenario's spec.cluster (docs/spec/scenario.md "Kubernetes around
// Knative"): nodeLifecycle, podTermination, controlPlane, activatorPods and
// podStartup.readinessProbe. Every error names the file, line and field; bounds are in
// manifests/limits.hpp.
#include "manifests/yaml_reader.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

// Reads the keys nodeLifecycle, podTermination, controlPlane and activatorPods of `cluster`.
void read_cluster_kubernetes_settings(MapReader& cluster, models::ClusterSpec& c);

// Reads podStartup.readinessProbe (and the older podStartup.readinessPeriod, the same as
// readinessProbe.periodSeconds) of `pod_startup`.
void read_readiness_settings(MapReader& pod_startup, models::PodStartupSpec& ps);

}  // namespace knsim::manifests
