// The simulated eventing kinds (see eventing_objects.hpp).
#include "core/eventing/eventing_objects.hpp"

namespace knsim::core::eventing {

std::string eventing_api_version(const std::string& kind) {
  if (kind == "Broker" || kind == "Trigger") return "eventing.knative.dev/v1";
  if (kind == "InMemoryChannel" || kind == "Subscription") return "messaging.knative.dev/v1";
  if (kind == "PingSource" || kind == "ContainerSource" || kind == "SinkBinding" || kind == "ApiServerSource")
    return "sources.knative.dev/v1";
  if (kind == "Sequence" || kind == "Parallel") return "flows.knative.dev/v1";
  return "";
}

bool is_simulated_eventing_kind(const std::string& av, const std::string& kind) {
  return (av == "eventing.knative.dev/v1" && (kind == "Broker" || kind == "Trigger")) ||
         (av == "messaging.knative.dev/v1" && (kind == "InMemoryChannel" || kind == "Subscription")) ||
         (av == "sources.knative.dev/v1" &&
          (kind == "PingSource" || kind == "ContainerSource" || kind == "SinkBinding" || kind == "ApiServerSource")) ||
         (av == "flows.knative.dev/v1" && (kind == "Sequence" || kind == "Parallel"));
}

}  // namespace knsim::core::eventing
