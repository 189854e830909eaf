#pragma once
// Broker and Trigger specs, their validation, and the delivery each Trigger's Subscription gets
// (knative/eventing pkg/apis/eventing/v1/{broker,trigger}_{types,defaults,validation}.go,
// pkg/reconciler/broker/trigger/trigger.go, config/core/configmaps/default-broker.yaml).
//
// Delivery choice (spec §3.5): trigger.spec.delivery if set, else broker.spec.delivery; WHOLE
// object, no field merge (a trigger with only a deadLetterSink has no retries).
// Broker defaulting (broker_defaults.go): a Broker without spec.delivery gets a copy of
// config-br-defaults' {deadLetterSink, retry, backoffPolicy, backoffDelay} (not timeout and
// retryAfterMax), at admission time.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/eventing/delivery.hpp"
#include "core/api/field_error.hpp"
#include "core/eventing/filter.hpp"

namespace knsim::core::eventing {

inline constexpr const char* kBrokerClassAnnotation = "eventing.knative.dev/broker.class";
inline constexpr const char* kMtChannelBasedBrokerClass = "MTChannelBasedBroker";

struct BrokerSpec {
  std::optional<KReference> config;  // e.g. ConfigMap config-br-default-channel
  std::optional<DeliverySpec> delivery;
};

// config-br-defaults (clusterDefault, with optional per-namespace overrides).
struct BrokerDefaults {
  std::string broker_class = kMtChannelBasedBrokerClass;
  std::optional<DeliverySpec> delivery;  // shipped: {retry: 10, backoffPolicy: exponential, backoffDelay: PT0.2S}
  std::map<std::string, std::optional<DeliverySpec>> namespace_delivery;  // namespaceDefaults
};
// The ConfigMap as Knative ships it.
BrokerDefaults shipped_broker_defaults();
// Applies BrokerSpec defaulting for a broker in `ns`.
BrokerSpec default_broker_spec(BrokerSpec spec, const BrokerDefaults& defaults, const std::string& ns);
api::FieldErrors validate_broker_spec(const BrokerSpec& spec, const EventingFeatures& features = {});

struct TriggerSpec {
  std::string broker;
  std::optional<TriggerFilter> filter;
  std::vector<SubscriptionsApiFilter> filters;
  Destination subscriber;
  std::optional<DeliverySpec> delivery;
};

// Trigger validation (paths relative to the Trigger, e.g. "spec.filters[0].exact[My-Ext]"):
// broker required, subscriber a valid destination, delivery valid, legacy attribute names and
// SubscriptionsAPI filters valid (one dialect each, one key per exact/prefix/suffix, names
// ^[a-z][a-z0-9]*$, parsable CESQL).
api::FieldErrors validate_trigger_spec(const TriggerSpec& spec, const EventingFeatures& features = {});
// ValidateSubscriptionAPIFiltersList for one list (paths "[i].exact", "[i].all[j].cesql", ...).
api::FieldErrors validate_subscriptions_api_filters(const std::vector<SubscriptionsApiFilter>& filters);
// Immutable fields on update: spec.broker.
api::FieldErrors validate_trigger_update(const TriggerSpec& old_spec, const TriggerSpec& new_spec);

// The delivery the Trigger's Subscription runs with (trigger's if set, else the broker's).
std::optional<DeliverySpec> effective_trigger_delivery(const TriggerSpec& trigger, const BrokerSpec& broker);

// What the Trigger's Subscription runs with: the retry configuration of the effective delivery
// (trigger's, else broker's, whole object) and the dead-letter sink, which resolves as the
// trigger's DLS, else the broker's (trigger reconciler / filter_handler.go handleDispatchToDLSRequest).
// No delivery at all -> NoRetries. `error` is set when a duration does not parse.
struct SubscriptionDelivery {
  RetryConfig retry;
  std::optional<Destination> dead_letter_sink;
  std::string error;
};
SubscriptionDelivery trigger_subscription_delivery(const TriggerSpec& trigger, const BrokerSpec& broker);
// The same for a plain Subscription on a channel: the subscription's delivery if set, else the
// channel's (subscription.go deliverySpec).
SubscriptionDelivery subscription_delivery(const std::optional<DeliverySpec>& subscription,
                                           const std::optional<DeliverySpec>& channel);

// Broker and filter addresses (ingress_handler.go, sugar/trigger/path/path.go).
std::string broker_ingress_url(const std::string& ns, const std::string& broker);
std::string trigger_filter_path(const std::string& ns, const std::string& trigger, const std::string& uid);
// The channel backing a broker: kmeta.ChildName(broker, "-kne-trigger").
std::string broker_channel_name(const std::string& broker);

}  // namespace knsim::core::eventing
