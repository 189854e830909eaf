#pragma once
// Revision routing state and PA reachability (pkg/reconciler/labeler, pkg/apis/serving/register.go,
// pkg/reconciler/revision/resources/pa.go; docs/spec/serving.md section 8).
//   pending (at creation) --referenced by a Route--> active --no longer referenced--> reserve
//   active -> Reachable; reserve -> Unreachable; pending/unset -> Unknown;
//   an infrastructure failure (replicas > 0 but none ready, the Deployment failing) -> Unreachable.
// An Unreachable revision ignores min-scale and initial-scale, has no scale-down rate limit or
// scale-down delay and no last-pod retention, so it drains to zero (core/autoscaler/kpa_scaler.hpp).
#include "core/api/pod_autoscaler.hpp"

namespace knsim::core::serving {

// The label after a route reconcile: referenced -> active; an active one that is no longer
// referenced -> reserve; pending/reserve stay as they are when not referenced.
api::RoutingState next_routing_state(api::RoutingState current, bool referenced);

api::Reachability reachability_for(api::RoutingState state, bool infrastructure_failure = false);

}  // namespace knsim::core::serving
