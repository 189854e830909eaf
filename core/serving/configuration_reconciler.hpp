#pragma once
// Service -> Configuration + Route, and the Configuration reconciler's revision stamping
// (pkg/reconciler/service/resources/{configuration,route}.go,
//  pkg/reconciler/configuration/configuration.go, configuration/resources/revision.go).
//
// Lifecycle, as a driver uses it:
//   cfg = apply_configuration(existing, make_configuration(service));   // generation bumps on spec change
//   auto d = reconcile_configuration(cfg, lookup_revision, now);       // d.create_revision when needed
//   ... later, when the revision's Ready changes, reconcile again to update latestReady.
#include <functional>
#include <optional>
#include <string>

#include "core/api/configuration.hpp"
#include "core/api/revision.hpp"
#include "core/api/route.hpp"
#include "core/api/service.hpp"
#include "core/time/time.hpp"

namespace knsim::core::serving {

// Looks up an existing object by name; nullptr when absent.
using RevisionLookup = std::function<const api::Revision*(const std::string&)>;
using ConfigurationLookup = std::function<const api::Configuration*(const std::string&)>;

// The Configuration a Service owns: same name and namespace, label serving.knative.dev/service,
// the Service's annotations, spec.template.
api::Configuration make_configuration(const api::Service& service);
// The Route a Service owns: spec.traffic with targets that name no revision pointed at the
// Service's configuration.
api::Route make_route(const api::Service& service);

// Create or update: generation 1 on create; +1 when the spec differs; status is kept.
api::Configuration apply_configuration(const std::optional<api::Configuration>& existing,
                                       api::Configuration desired);

// The revision the current generation should have: the BYO template name, else
// revision_name(configuration, generation) ("hello-00002").
std::string expected_revision_name(const api::Configuration& configuration);
// The Revision stamped from the template: labels configuration, configurationGeneration,
// service (if owned), routingState=pending; annotations and spec from the template.
api::Revision make_revision(const api::Configuration& configuration, Seconds now);

struct ConfigurationDecision {
  std::optional<api::Revision> create_revision;  // stamp this revision
  std::string reason;                            // "RevisionCreated", "RevisionFailed", "Ready", "Waiting"
};

// Updates latestCreated/latestReady and Ready of `configuration` from the revisions that exist.
// A failed latest revision makes the Configuration fail but keeps the previous latestReady.
ConfigurationDecision reconcile_configuration(api::Configuration& configuration, const RevisionLookup& revisions,
                                              Seconds now);

}  // namespace knsim::core::serving
