// String forms of the small api enums (as Knative prints them).
#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"

namespace knsim::core::api {

const char* to_string(Reachability r) {
  switch (r) {
    case Reachability::kReachable: return "Reachable";
    case Reachability::kUnreachable: return "Unreachable";
    case Reachability::kUnknown: break;
  }
  return "";
}

const char* to_string(RoutingState s) {
  switch (s) {
    case RoutingState::kPending: return "pending";
    case RoutingState::kActive: return "active";
    case RoutingState::kReserve: return "reserve";
    case RoutingState::kUnset: break;
  }
  return "";
}

const char* to_string(PaActiveState s) {
  switch (s) {
    case PaActiveState::kActive: return "Active";
    case PaActiveState::kInactive: return "Inactive";
    case PaActiveState::kActivating: break;
  }
  return "Activating";
}

RoutingState parse_routing_state(const std::string& label) {
  if (label == "active") return RoutingState::kActive;
  if (label == "reserve") return RoutingState::kReserve;
  if (label == "pending") return RoutingState::kPending;
  return RoutingState::kUnset;
}

const char* to_string(SksMode m) { return m == SksMode::kServe ? "Serve" : "Proxy"; }

}  // namespace knsim::core::api
