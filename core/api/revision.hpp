#pragma once
// serving.knative.dev/v1 Revision and the revision template shared by Service and Configuration
// (pkg/apis/serving/v1/revision_types.go). Optional fields stay unset until defaulting
// (core/serving/revision_defaults.hpp) fills them from config-defaults.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/api/condition.hpp"
#include "core/api/object_meta.hpp"
#include "core/api/quantity.hpp"

namespace knsim::core::api {

struct EnvVar {
  std::string name;
  std::string value;

  bool operator==(const EnvVar&) const = default;
};

// resources.requests / resources.limits: only cpu and memory matter to the simulator.
struct ResourceList {
  std::optional<Quantity> cpu;     // value in cores
  std::optional<Quantity> memory;  // value in bytes

  bool operator==(const ResourceList&) const = default;
};

struct ResourceRequirements {
  ResourceList requests;
  ResourceList limits;

  bool operator==(const ResourceRequirements&) const = default;
};

struct Container {
  std::string name;
  std::string image;
  ResourceRequirements resources;
  std::vector<EnvVar> env;
  std::optional<std::int32_t> container_port;  // ports[0].containerPort

  bool operator==(const Container&) const = default;
};

// RevisionSpec: the PodSpec subset plus Knative's per-revision knobs.
struct RevisionSpec {
  std::optional<std::int64_t> container_concurrency;             // 0 = unlimited
  std::optional<std::int64_t> timeout_seconds;                   // request timeout
  std::optional<std::int64_t> response_start_timeout_seconds;    // time to first byte
  std::optional<std::int64_t> idle_timeout_seconds;              // max idle between bytes, 0 = none
  std::vector<Container> containers;

  bool operator==(const RevisionSpec&) const = default;
};

// spec.template of a Service/Configuration: metadata (BYO name, annotations, labels) and spec.
struct RevisionTemplate {
  ObjectMeta metadata;
  RevisionSpec spec;

  bool operator==(const RevisionTemplate&) const = default;
};

// Revision status (revision_lifecycle.go): the parts knsim reads. Ready (in Knative the AND of
// ResourcesAvailable and ContainerHealthy, which knsim does not model apart); Active is fed from the
// PodAutoscaler and does not affect Ready.
struct RevisionStatus {
  Condition ready;
  Condition active;
  Seconds created_at = 0;        // creation instant (used by config-gc)
};

struct Revision {
  ObjectMeta metadata;  // labels: serving.knative.dev/configuration, configurationGeneration, routingState
  RevisionSpec spec;
  RevisionStatus status;
};

}  // namespace knsim::core::api
