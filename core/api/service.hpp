#pragma once
// serving.knative.dev/v1 Service (pkg/apis/serving/v1/service_types.go). In YAML the
// ConfigurationSpec and RouteSpec are inlined in spec: spec.template and spec.traffic.
#include <string>

#include "core/api/condition.hpp"
#include "core/api/configuration.hpp"
#include "core/api/object_meta.hpp"
#include "core/api/route.hpp"

namespace knsim::core::api {

struct ServiceSpec {
  ConfigurationSpec configuration;  // spec.template
  RouteSpec route;                  // spec.traffic (empty = 100% to the latest ready revision)

  bool operator==(const ServiceSpec&) const = default;
};

struct ServiceStatus {
  std::string url;
  std::string latest_created_revision_name;
  std::string latest_ready_revision_name;
  std::vector<TrafficTarget> traffic;
  Condition ready;  // ConfigurationsReady and RoutesReady
  std::int64_t observed_generation = 0;
};

struct Service {
  ObjectMeta metadata;
  ServiceSpec spec;
  ServiceStatus status;
};

}  // namespace knsim::core::api
