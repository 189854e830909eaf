#pragma once
// serving.knative.dev/v1 Route and TrafficTarget (pkg/apis/serving/v1/route_types.go).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/api/condition.hpp"
#include "core/api/object_meta.hpp"

namespace knsim::core::api {

// One entry of spec.traffic / status.traffic. A target names EITHER revision_name OR
// configuration_name / latest_revision: true (validated by core/serving/validation.hpp).
struct TrafficTarget {
  std::string tag;                       // DNS-1035 label; gets its own URL <tag>-<route>.<domain>
  std::string revision_name;
  std::string configuration_name;
  std::optional<bool> latest_revision;   // true: follow the configuration's latestReadyRevisionName
  std::optional<std::int64_t> percent;   // [0, 100]; unset counts as 0 in the sum
  std::string url;                       // status only: the tag's URL

  bool operator==(const TrafficTarget&) const = default;
};

struct RouteSpec {
  std::vector<TrafficTarget> traffic;

  bool operator==(const RouteSpec&) const = default;
};

struct RouteStatus {
  std::string url;                        // http://<route>.<namespace>.<domain>
  std::vector<TrafficTarget> traffic;     // resolved: revision names and percents as programmed
  Condition ready;                        // AllTrafficAssigned and IngressReady and CertificateProvisioned
  Condition all_traffic_assigned;
  Condition ingress_ready;
  std::int64_t observed_generation = 0;
};

struct Route {
  ObjectMeta metadata;
  RouteSpec spec;
  RouteStatus status;
};

}  // namespace knsim::core::api
