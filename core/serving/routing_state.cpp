// Routing state transitions and reachability (labeler, revision/resources/pa.go).
#include "core/serving/routing_state.hpp"

namespace knsim::core::serving {

api::RoutingState next_routing_state(api::RoutingState current, bool referenced) {
  if (referenced) return api::RoutingState::kActive;
  if (current == api::RoutingState::kActive) return api::RoutingState::kReserve;
  return current;
}

api::Reachability reachability_for(api::RoutingState state, bool infrastructure_failure) {
  if (infrastructure_failure) return api::Reachability::kUnreachable;
  switch (state) {
    case api::RoutingState::kActive: return api::Reachability::kReachable;
    case api::RoutingState::kReserve: return api::Reachability::kUnreachable;
    case api::RoutingState::kPending:
    case api::RoutingState::kUnset: break;
  }
  return api::Reachability::kUnknown;
}

}  // namespace knsim::core::serving
