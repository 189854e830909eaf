#pragma once
// Reading and validating the eventing kinds (Broker, Trigger, InMemoryChannel, Subscription,
// PingSource) into manifests::EventingManifests, with core/eventing's validation; problems are
// reported at the document's file and line with the field path. References (a Trigger's broker,
// a Subscription's channel, subscriber/reply/sink/dead-letter refs to a ksvc, Broker or Channel)
// must name objects of the scenario.
#include <vector>

#include "manifests/documents.hpp"
#include "manifests/eventing_objects.hpp"
#include "manifests/scenario_bundle.hpp"

namespace knsim::manifests {

// The simulated eventing kinds and their apiVersions (core/eventing/eventing_objects.hpp).
using core::eventing::eventing_api_version;
using core::eventing::is_simulated_eventing_kind;

// Reads every document; `set` holds the already read Services (for reference checks) and
// config_maps (config-br-defaults). Fills set.eventing. check_references false: the caller checks
// the references later against more objects (a timeline apply may name objects of the initial
// manifests or of earlier applies: scenario_bundle.cpp). inherited: the Broker defaults to use when
// `set` has no config-br-defaults ConfigMap (a timeline apply inherits the scenario's).
void read_eventing_objects(const std::vector<Document>& docs, ManifestSet& set, Diagnostics& diags,
                           bool check_references = true, const core::eventing::BrokerDefaults* inherited = nullptr,
                           const core::eventing::EventingFeatures* inherited_features = nullptr);

// Shared by the readers of eventing_reader.cpp and eventing_flows_reader.cpp.
core::eventing::KReference read_kref(const Field& f, const std::string& default_ns);
std::optional<core::eventing::Destination> read_destination(const Field& f, const std::string& ns);
std::optional<core::eventing::DeliverySpec> read_delivery(const Field& f, const std::string& ns);
void report_eventing_errors(const core::api::FieldErrors& errors, const Document& doc, Diagnostics& diags);
// Sequence / Parallel: expanded into InMemoryChannels and Subscriptions (core plan_sequence /
// plan_parallel); out.flow_address maps the flow to the channel producers send to.
void read_flow(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags);
// config-br-defaults (knative-eventing) typed; the shipped defaults when the ConfigMap is absent.
// Its delivery is validated with `features` (retryAfterMax needs delivery-retryafter enabled).
core::eventing::BrokerDefaults read_br_defaults(const std::vector<ConfigMapDoc>& config_maps,
                                                const core::eventing::EventingFeatures& features, Diagnostics& diags);
// config-features (knative-eventing) -> the flags delivery validation consults: `delivery-timeout`
// and `delivery-retryafter`, each enabled|disabled|allowed (case-insensitive; only `enabled`
// enables). Knative's defaults (timeout enabled, retryafter disabled) for absent keys; another value
// of these keys is an error at data.<key>; other keys are not read.
core::eventing::EventingFeatures read_eventing_features(const std::vector<ConfigMapDoc>& config_maps, Diagnostics& diags);
void check_eventing_references(const std::vector<Document>& docs, ManifestSet& set, Diagnostics& diags);
// The references of `to_check`'s eventing objects (documents `docs`) must name objects of `known`.
void check_eventing_references(const std::vector<Document>& docs, const ManifestSet& to_check, const ManifestSet& known,
                               Diagnostics& diags);
// Whether `set` has an eventing object of `kind` (Broker, Trigger, InMemoryChannel, Subscription,
// PingSource, ContainerSource, SinkBinding, ApiServerSource, Sequence, Parallel) ns/name.
bool has_eventing_object(const EventingManifests& set, const std::string& kind, const std::string& ns,
                         const std::string& name);
// Appends `more`'s objects to `into` (for reference checks across timeline applies).
void append_eventing(EventingManifests& into, const EventingManifests& more);

}  // namespace knsim::manifests
