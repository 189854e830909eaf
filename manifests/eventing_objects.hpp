#pragma once
// The Knative Eventing objects of a scenario (docs/spec/scenario.md: Broker, Trigger,
// InMemoryChannel, Subscription, PingSource), typed with core/eventing's types, defaulted and
// validated with core/eventing's rules by manifests/eventing_reader.cpp.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/eventing/broker.hpp"
#include "core/eventing/delivery.hpp"
#include "core/eventing/sources.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

struct BrokerObject {
  std::string name, namespace_;
  core::eventing::BrokerSpec spec;  // defaulted with config-br-defaults
  models::SourceRef where;
};

struct TriggerObject {
  std::string name, namespace_;
  core::eventing::TriggerSpec spec;
  models::SourceRef where;
};

struct ChannelObject {  // InMemoryChannel
  std::string name, namespace_;
  std::optional<core::eventing::DeliverySpec> delivery;
  models::SourceRef where;
};

// A Subscription of the scenario, or one a Sequence/Parallel expands into (flow_kind set): those have
// no document of their own, so their problems are reported at the flow's document, at the field
// paths of the step/branch they came from ("spec.steps[1]", "spec.branches[0].filter", "spec.reply";
// "" for an internal channel that always exists).
struct SubscriptionObject {
  std::string name, namespace_;
  core::eventing::KReference channel;
  std::optional<core::eventing::Destination> subscriber, reply;
  std::optional<core::eventing::DeliverySpec> delivery;
  models::SourceRef where;
  std::string flow_kind, flow_name;  // "Sequence"/"Parallel" and its name; "" for a Subscription
  std::string subscriber_path, reply_path, delivery_path;
};

struct PingSourceObject {
  std::string name, namespace_;
  core::eventing::PingSourceSpec spec;
  models::SourceRef where;
};

// ContainerSource / SinkBinding (sources.knative.dev/v1): the container's own traffic, modelled as
// evenly spaced events at the annotation knsim.dev/rate (events per second, default 1; 0 = silent).
struct RateSourceObject {
  std::string kind;  // "ContainerSource" or "SinkBinding"
  std::string name, namespace_;
  core::eventing::Destination sink;
  core::eventing::RateGenerator rate{1.0, false};
  models::SourceRef where;
};

// ApiServerSource (sources.knative.dev/v1): watches spec.resources (apiVersion + kind) of its
// namespace; knsim feeds it the simulated cluster's own Pod changes.
struct ApiServerSourceObject {
  std::string name, namespace_;
  std::vector<std::pair<std::string, std::string>> resources;  // (apiVersion, kind)
  core::eventing::ApiServerMode mode = core::eventing::ApiServerMode::kReference;
  core::eventing::Destination sink;
  models::SourceRef where;
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
  core::eventing::BrokerDefaults br_defaults = core::eventing::shipped_broker_defaults();
  // knative-eventing/config-features flags the delivery validation consults (delivery-timeout,
  // delivery-retryafter); Knative's defaults when the ConfigMap is absent.
  core::eventing::EventingFeatures features;
  bool empty() const {
    return brokers.empty() && triggers.empty() && channels.empty() && subscriptions.empty() && ping_sources.empty() &&
           rate_sources.empty() && apiserver_sources.empty();
  }
};

}  // namespace knsim::manifests
