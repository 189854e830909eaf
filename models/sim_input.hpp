#pragma once
// What the simulator plays: the Scenario document plus the Knative objects and ConfigMaps it
// refers to, already parsed and validated (manifests/ builds it from files; tests build it by hand).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/api/configuration.hpp"
#include "core/api/route.hpp"
#include "core/api/service.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/config/gc_config.hpp"
#include "core/eventing/eventing_objects.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::models {

// config-defaults / config-deployment / config-network values the simulator uses.
struct ServingDefaults {
  double revision_timeout_seconds = 300;   // config-defaults revision-timeout-seconds
  std::int64_t container_concurrency = 0;  // config-defaults container-concurrency
  double progress_deadline = 600;          // config-deployment progress-deadline, seconds
  double rollout_duration = 0;             // config-network rollout-duration, seconds (0 = off)
  double cpu_request = 0.1;                // cores per pod when a container sets none (K8s default-ish)
  std::uint64_t memory_request = 128ull << 20;  // bytes per pod when a container sets none
};

struct SimInput {
  ScenarioSpec scenario;
  std::vector<core::api::Service> services;  // ksvcs present at t = 0
  std::vector<core::api::Configuration> configurations;  // standalone Configurations at t = 0
  std::vector<core::api::Route> routes;                  // standalone Routes at t = 0
  core::config::AutoscalerConfig autoscaler;
  ServingDefaults defaults;
  core::config::GcConfig gc;  // config-gc: revision garbage collection
  // Services applied by timeline `apply` actions, by index into scenario.timeline.
  std::map<std::size_t, std::vector<core::api::Service>> timeline_services;
  std::map<std::size_t, std::vector<core::api::Configuration>> timeline_configurations;
  std::map<std::size_t, std::vector<core::api::Route>> timeline_routes;
  core::eventing::EventingManifests eventing;  // Brokers, Triggers, channels, ... (sim/eventing)
  // Eventing objects applied by timeline `apply` actions, by index into scenario.timeline.
  std::map<std::size_t, core::eventing::EventingManifests> timeline_eventing;
};

}  // namespace knsim::models
