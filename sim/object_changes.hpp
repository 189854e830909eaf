#pragma once
// The object_change run events the Simulation emits for the ApiServerSources' watch (see
// reports::ObjectChangeEvent): which Knative object was added, updated or deleted, and why.
// Emitted: apply (t = 0 and timeline) of a Service (Service, its Configuration and Route),
// Configuration or Route: add, or update when its spec changed; a new Revision (and its apps/v1
// Deployment): add; a Revision's first Ready: update; a Route's programmed traffic changed: update
// of the Route (and of its Service, whose status mirrors it); delete: the object, what it owns
// (a Service's Configuration and Route) and the Configuration's Revisions and Deployments.
#include <string>

#include "reports/events.hpp"

namespace knsim::sim {

inline reports::ObjectChangeEvent object_change(const std::string& kind, const std::string& ns, const std::string& name,
                                                const char* change, std::string reason) {
  return reports::ObjectChangeEvent{kind == "Deployment" ? "apps/v1" : "serving.knative.dev/v1", kind, ns, name, change,
                                    std::move(reason)};
}

// The Deployment Knative makes for a Revision (pkg/reconciler/revision/resources/names: <rev>-deployment).
inline std::string deployment_name(const std::string& revision) { return revision + "-deployment"; }

}  // namespace knsim::sim
