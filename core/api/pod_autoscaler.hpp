#pragma once
// autoscaling.internal.knative.dev/v1alpha1 PodAutoscaler, the state the KPA reconciler keeps per
// revision (pkg/apis/autoscaling/v1alpha1/pa_types.go, pa_lifecycle.go).
//
// The Active condition is a three-state machine whose transition instant drives the
// scale-to-zero gate (core/autoscaler/kpa_scaler.hpp):
//   Unknown = Activating (Queued), True = Active, False = Inactive (NoTraffic / TimedOut).
#include <cstdint>
#include <string>

#include "core/api/condition.hpp"
#include "core/api/object_meta.hpp"

namespace knsim::core::api {

// PA spec.reachability, from the revision's routingState label (revision/resources/pa.go).
enum class Reachability { kUnknown, kReachable, kUnreachable };

// serving.knative.dev/routingState label of a Revision (pkg/apis/serving/register.go).
enum class RoutingState { kUnset, kPending, kActive, kReserve };

enum class PaActiveState { kActivating, kActive, kInactive };

struct PodAutoscalerSpec {
  Reachability reachability = Reachability::kUnknown;
  std::int64_t container_concurrency = 0;
  std::string autoscaler_class = "kpa.autoscaling.knative.dev";
  std::string metric = "concurrency";
};

struct PodAutoscalerStatus {
  Condition active;                        // see the header comment
  bool scale_target_initialized = false;   // set once ready >= minReady for the first time
  bool sks_ready = false;
  std::int32_t desired_scale = -1;         // -1 = unknown
  std::int32_t actual_scale = 0;
  std::string service_name;                // SKS private service name, once known

  PaActiveState active_state() const {
    if (active.is_true()) return PaActiveState::kActive;
    if (active.is_false()) return PaActiveState::kInactive;
    return PaActiveState::kActivating;
  }
  bool is_active() const { return active.is_true(); }
  bool is_inactive() const { return active.is_false(); }
  bool is_activating() const { return active.is_unknown(); }
  // PA Ready = Active and ScaleTargetInitialized and SKSReady (pa_lifecycle.go).
  bool is_ready() const { return active.is_true() && scale_target_initialized && sks_ready; }
};

struct PodAutoscaler {
  ObjectMeta metadata;  // same name and annotations as the revision
  PodAutoscalerSpec spec;
  PodAutoscalerStatus status;
};

const char* to_string(Reachability r);
const char* to_string(RoutingState s);
const char* to_string(PaActiveState s);
// "active" -> kActive, "reserve" -> kReserve, "pending" -> kPending, anything else -> kUnset.
RoutingState parse_routing_state(const std::string& label);

}  // namespace knsim::core::api
