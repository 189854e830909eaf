#pragma once
// Typed changes of the cluster's Kubernetes objects, for the ApiServerSources' informers: the
// cluster model says which object was added, updated or deleted (not the report event stream, not
// a reason string). Reported: a Service (its Configuration and Route), Configuration or Route
// applied (add, or update when its spec changed); a new Revision (and its apps/v1 Deployment):
// add; a Revision's first Ready: update; a Route's programmed traffic changed: update of the Route
// (and of its Service); a delete: the object, what it owns and the Configuration's Revisions and
// Deployments; a Pod: add when created, delete when Terminated or Failed, update on any other
// phase change. Each change also goes out as a report event (object_change / pod_phase).
#include <string>
#include <vector>

#include "core/eventing/sources.hpp"
#include "reports/events.hpp"

namespace knsim::sim {

using ObjectChangeKind = core::eventing::ObjectChange;
using ObjectRef = core::eventing::ObjectChangeInput;

// Receives the cluster's object changes as they happen (the ApiServerSources' watch).
class ObjectWatcher {
 public:
  virtual ~ObjectWatcher() = default;
  virtual void on_object_change(ObjectChangeKind change, const ObjectRef& object) = 0;
};

// The object of kind `kind` (Service, Configuration, Route, Revision, Deployment, Pod): its
// apiVersion and resource (plural, lower case). Pods have no namespace here (the informer adds its own).
ObjectRef object_ref(const std::string& kind, const std::string& ns, const std::string& name);

// The report event of a change of a Knative object or Deployment.
reports::ObjectChangeEvent object_change_event(ObjectChangeKind change, const ObjectRef& object, std::string reason);

// The Deployment Knative makes for a Revision (pkg/reconciler/revision/resources/names: <rev>-deployment).
inline std::string deployment_name(const std::string& revision) { return revision + "-deployment"; }

}  // namespace knsim::sim
