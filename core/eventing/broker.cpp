#include "core/eventing/broker.hpp"

#include "core/eventing/cesql/parser.hpp"

namespace knsim::core::eventing {
namespace {

const char* const kAttributeNameDetails =
    "Attribute name must start with a letter and can only contain lowercase alphanumeric";

// trigger_validation.go validAttributeName = ^[a-z][a-z0-9]*$
bool valid_attribute_name(const std::string& s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

api::FieldErrors validate_single_attribute_map(const std::map<std::string, std::string>& m) {
  api::FieldErrors errs;
  if (m.empty()) return errs;
  if (m.size() != 1) {
    errs.push_back(api::err_generic("Multiple items found, can have only one key-value"));
    return errs;
  }
  for (const auto& [k, v] : m) {
    if (!valid_attribute_name(k)) errs.push_back(api::err_invalid_key_name(k, "[" + k + "]", kAttributeNameDetails));
  }
  return errs;
}

api::FieldErrors validate_filter(const SubscriptionsApiFilter& f) {
  api::FieldErrors errs;
  if (f.dialect_count() > 1) errs.push_back(api::err_generic("multiple dialects found, filters can have only one dialect set"));
  api::also(errs, api::via_field(validate_single_attribute_map(f.exact), "exact"));
  api::also(errs, api::via_field(validate_single_attribute_map(f.prefix), "prefix"));
  api::also(errs, api::via_field(validate_single_attribute_map(f.suffix), "suffix"));
  api::also(errs, api::via_field(validate_subscriptions_api_filters(f.all), "all"));
  api::also(errs, api::via_field(validate_subscriptions_api_filters(f.any), "any"));
  if (!f.not_.empty()) api::also(errs, api::via_field(validate_filter(f.not_.front()), "not"));
  if (!f.cesql.empty()) {
    cesql::ParseResult p = cesql::parse(f.cesql);
    if (!p.ok()) errs.push_back(api::err_invalid_value(f.cesql, "cesql", p.first_error()));
  }
  return errs;
}

}  // namespace

BrokerDefaults shipped_broker_defaults() {
  BrokerDefaults d;
  DeliverySpec del;
  del.retry = 10;
  del.backoff_policy = "exponential";
  del.backoff_delay = "PT0.2S";
  d.delivery = del;
  return d;
}

BrokerSpec default_broker_spec(BrokerSpec spec, const BrokerDefaults& defaults, const std::string& ns) {
  if (spec.delivery) return spec;
  std::optional<DeliverySpec> source = defaults.delivery;
  auto it = defaults.namespace_delivery.find(ns);
  if (it != defaults.namespace_delivery.end()) source = it->second;
  if (!source) return spec;
  DeliverySpec copy;
  copy.dead_letter_sink = source->dead_letter_sink;
  copy.retry = source->retry;
  copy.backoff_policy = source->backoff_policy;
  copy.backoff_delay = source->backoff_delay;
  spec.delivery = copy;
  return spec;
}

api::FieldErrors validate_broker_spec(const BrokerSpec& spec, const EventingFeatures& features) {
  api::FieldErrors errs;
  if (spec.delivery) api::also(errs, api::via_field(validate_delivery_spec(*spec.delivery, features), "spec.delivery"));
  return errs;
}

api::FieldErrors validate_subscriptions_api_filters(const std::vector<SubscriptionsApiFilter>& filters) {
  api::FieldErrors errs;
  for (std::size_t i = 0; i < filters.size(); ++i) {
    api::also(errs, api::via_field(validate_filter(filters[i]), "[" + std::to_string(i) + "]"));
  }
  return errs;
}

api::FieldErrors validate_trigger_spec(const TriggerSpec& spec, const EventingFeatures& features) {
  api::FieldErrors errs;
  if (spec.broker.empty()) errs.push_back(api::err_missing_field("broker"));
  if (spec.filter && spec.filter->attributes) {
    for (const auto& [k, v] : *spec.filter->attributes) {
      if (!valid_attribute_name(k)) {
        errs.push_back(api::err_invalid_key_name(k, "filter.attributes[" + k + "]", kAttributeNameDetails));
      }
    }
  }
  api::also(errs, api::via_field(validate_subscriptions_api_filters(spec.filters), "filters"));
  api::also(errs, api::via_field(validate_destination(spec.subscriber), "subscriber"));
  if (spec.delivery) api::also(errs, api::via_field(validate_delivery_spec(*spec.delivery, features), "delivery"));
  return api::via_field(std::move(errs), "spec");
}

api::FieldErrors validate_trigger_update(const TriggerSpec& old_spec, const TriggerSpec& new_spec) {
  api::FieldErrors errs;
  if (old_spec.broker != new_spec.broker) {
    errs.push_back({"spec.broker", "Immutable fields changed (-old +new)",
                    "{string}:\n\t-: \"" + old_spec.broker + "\"\n\t+: \"" + new_spec.broker + "\"\n"});
  }
  return errs;
}

std::optional<DeliverySpec> effective_trigger_delivery(const TriggerSpec& trigger, const BrokerSpec& broker) {
  if (trigger.delivery) return trigger.delivery;
  return broker.delivery;
}

namespace {

SubscriptionDelivery delivery_of(const std::optional<DeliverySpec>& spec) {
  SubscriptionDelivery out;
  if (!spec) {
    out.retry = no_retries();
    return out;
  }
  RetryConfigResult r = retry_config_from_delivery_spec(*spec);
  out.retry = r.config;
  out.error = r.error;
  out.dead_letter_sink = spec->dead_letter_sink;
  return out;
}

}  // namespace

SubscriptionDelivery trigger_subscription_delivery(const TriggerSpec& trigger, const BrokerSpec& broker) {
  SubscriptionDelivery out = delivery_of(effective_trigger_delivery(trigger, broker));
  if (trigger.delivery && trigger.delivery->dead_letter_sink) {
    out.dead_letter_sink = trigger.delivery->dead_letter_sink;
  } else if (broker.delivery && broker.delivery->dead_letter_sink) {
    out.dead_letter_sink = broker.delivery->dead_letter_sink;
  } else {
    out.dead_letter_sink.reset();
  }
  return out;
}

SubscriptionDelivery subscription_delivery(const std::optional<DeliverySpec>& subscription,
                                           const std::optional<DeliverySpec>& channel) {
  return delivery_of(subscription ? subscription : channel);
}

std::string broker_ingress_url(const std::string& ns, const std::string& broker) {
  return "http://broker-ingress.knative-eventing.svc.cluster.local/" + ns + "/" + broker;
}

std::string trigger_filter_path(const std::string& ns, const std::string& trigger, const std::string& uid) {
  return "/triggers/" + ns + "/" + trigger + "/" + uid;
}

std::string broker_channel_name(const std::string& broker) { return broker + "-kne-trigger"; }

}  // namespace knsim::core::eventing
