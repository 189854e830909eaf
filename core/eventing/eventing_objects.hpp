#pragma once
// The Knative Eventing objects of a scenario (docs/spec/scenario.md: Broker, Trigger,
// InMemoryChannel, Subscription, PingSource, ...), typed with core/eventing's types. manifests/
// reads, defaults and validates them (manifests/eventing_reader.cpp); sim/ and the adapter use
// them without depending on manifests/. `where` is the file and line they came from.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/eventing/broker.hpp"
#include "core/eventing/delivery.hpp"
#include "core/eventing/sources.hpp"
#include "core/api/source_ref.hpp"

namespace knsim::core::eventing {

struct BrokerObject {
  std::string name, namespace_name;
  BrokerSpec spec;  // defaulted with config-br-defaults
  api::SourceRef where;
};

struct TriggerObject {
  std::string name, namespace_name;
  TriggerSpec spec;
  api::SourceRef where;
};

struct ChannelObject {  // InMemoryChannel
  std::string name, namespace_name;
  std::optional<DeliverySpec> delivery;
  api::SourceRef where;
};

// A Subscription of the scenario, or one a Sequence/Parallel expands into (flow_kind set): those have
// no document of their own, so their problems are reported at the flow's document, at the field
// paths of the step/branch they came from ("spec.steps[1]", "spec.branches[0].filter", "spec.reply";
// "" for an internal channel that always exists).
struct SubscriptionObject {
  std::string name, namespace_name;
  KReference channel;
  std::optional<Destination> subscriber, reply;
  std::optional<DeliverySpec> delivery;
  api::SourceRef where;
  std::string flow_kind, flow_name;  // "Sequence"/"Parallel" and its name; "" for a Subscription
  std::string subscriber_path, reply_path, delivery_path;
};

struct PingSourceObject {
  std::string name, namespace_name;
  PingSourceSpec spec;
  api::SourceRef where;
};

// ContainerSource / SinkBinding (sources.knative.dev/v1): the container's own traffic, modelled as
// evenly spaced events at the annotation knsim.dev/rate (events per second, default 1; 0 = silent).
struct RateSourceObject {
  std::string kind;  // "ContainerSource" or "SinkBinding"
  std::string name, namespace_name;
  Destination sink;
  RateGenerator rate{1.0, false};
  api::SourceRef where;
};

// ApiServerSource (sources.knative.dev/v1): watches spec.resources (apiVersion + kind) of its
// namespace; knsim feeds it the simulated cluster's own Pod changes.
struct ApiServerSourceObject {
  std::string name, namespace_name;
  std::vector<std::pair<std::string, std::string>> resources;  // (apiVersion, kind)
  ApiServerMode mode = ApiServerMode::kReference;
  Destination sink;
  api::SourceRef where;
};

struct EventingManifests {
  std::vector<BrokerObject> brokers;
  std::vector<TriggerObject> triggers;
  std::vector<ChannelObject> channels;
  std::vector<SubscriptionObject> subscriptions;
  std::vector<PingSourceObject> ping_sources;
  std::vector<RateSourceObject> rate_sources;
  std::vector<ApiServerSourceObject> apiserver_sources;
  // Sequence / Parallel: "Kind/namespace/name" -> the InMemoryChannel that is its address.
  std::map<std::string, std::string> flow_address;
  BrokerDefaults br_defaults = shipped_broker_defaults();
  // knative-eventing/config-features flags the delivery validation consults (delivery-timeout,
  // delivery-retryafter); Knative's defaults when the ConfigMap is absent.
  EventingFeatures features;
  bool empty() const {
    return brokers.empty() && triggers.empty() && channels.empty() && subscriptions.empty() && ping_sources.empty() &&
           rate_sources.empty() && apiserver_sources.empty();
  }
};

// The apiVersion of a simulated eventing kind (Trigger -> eventing.knative.dev/v1), "" for others.
std::string eventing_api_version(const std::string& kind);
// True for the eventing kinds knsim simulates.
bool is_simulated_eventing_kind(const std::string& api_version, const std::string& kind);

}  // namespace knsim::core::eventing
