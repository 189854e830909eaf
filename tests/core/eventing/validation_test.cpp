// Validation with Knative's field paths and messages: delivery specs, triggers (legacy attribute
// filter, SubscriptionsAPI filters, CESQL), broker defaulting and the trigger's effective delivery,
// plus the ISO-8601 durations they use.
#include <gtest/gtest.h>

#include "core/eventing/broker.hpp"
#include "core/eventing/iso8601_duration.hpp"

namespace knsim::core::eventing {
namespace {

std::string render(const api::FieldErrors& errs) {
  std::string out;
  for (const api::FieldError& e : errs) out += e.path + ": " + e.message + "\n";
  return out;
}

Destination uri(const std::string& u) { return Destination{std::nullopt, u}; }

TEST(Iso8601, ParsesDurations) {
  struct Row {
    const char* text;
    double seconds;
  };
  const Row ok[] = {{"PT0.2S", 0.2}, {"PT2M", 120},      {"P1DT1H", 90000},  {"-PT1S", -1},   {"P1W", 604800},
                    {"PT1,5S", 1.5}, {"PT1H2M3S", 3723}, {"P0D", 0},         {"PT30S", 30},   {"PT0S", 0}};
  for (const Row& r : ok) {
    Iso8601Result p = parse_iso8601_duration(r.text);
    ASSERT_TRUE(p.seconds.has_value()) << r.text << ": " << p.error;
    EXPECT_NEAR(*p.seconds, r.seconds, 1e-9) << r.text;
  }
  for (const char* bad : {"FOO", "PP1", "P", "PT", "P1S", "PT1H1H", "PT1M1H", "", "1S", "PT.S", "P1D T1H"}) {
    Iso8601Result p = parse_iso8601_duration(bad);
    EXPECT_FALSE(p.seconds.has_value()) << bad;
    EXPECT_FALSE(p.error.empty()) << bad;
  }
  EXPECT_EQ(format_iso8601_duration(0.2), "PT0.2S");
  EXPECT_EQ(format_iso8601_duration(150), "PT2M30S");
  EXPECT_EQ(format_iso8601_duration(0), "PT0S");
}

TEST(DeliveryValidation, KnativeMessages) {
  struct Row {
    DeliverySpec spec;
    EventingFeatures features;
    std::string want;
  };
  DeliverySpec neg;
  neg.retry = -1;
  DeliverySpec policy;
  policy.backoff_policy = "fibonacci";
  DeliverySpec delay;
  delay.backoff_delay = "FOO";
  DeliverySpec timeout;
  timeout.timeout = "-PT1S";
  DeliverySpec retry_after;
  retry_after.retry_after_max = "PT10S";
  DeliverySpec retry_after_bad;
  retry_after_bad.retry_after_max = "FOO";
  DeliverySpec format;
  format.format = "xml";
  DeliverySpec dls;
  dls.dead_letter_sink = Destination{};
  DeliverySpec good;
  good.retry = 3, good.backoff_policy = "linear", good.backoff_delay = "PT1S", good.timeout = "PT5S";
  good.dead_letter_sink = uri("http://dls.default.svc.cluster.local");
  EventingFeatures ra_on;
  ra_on.delivery_retryafter = true;
  EventingFeatures timeout_off;
  timeout_off.delivery_timeout = false;
  const Row rows[] = {
      {neg, {}, "retry: invalid value: -1\n"},
      {policy, {}, "backoffPolicy: invalid value: fibonacci\n"},
      {delay, {}, "backoffDelay: invalid value: FOO\n"},
      {timeout, {}, "timeout: invalid value: -PT1S\n"},
      {good, timeout_off, "timeout: must not set the field(s)\n"},
      {retry_after, {}, "retryAfterMax: must not set the field(s)\n"},
      {retry_after, ra_on, ""},
      {retry_after_bad, ra_on, "retryAfterMax: invalid value: FOO\n"},
      {format, {}, "format: invalid value: xml\n"},
      {dls, {}, "deadLetterSink.ref, deadLetterSink.uri: expected at least one, got none\n"},
      {good, {}, ""},
  };
  for (const Row& r : rows) { EXPECT_EQ(render(validate_delivery_spec(r.spec, r.features)), r.want); }
}

TEST(TriggerValidation, FieldPathsAndMessages) {
  TriggerSpec t;
  t.broker = "default";
  t.subscriber = uri("http://svc.default.svc.cluster.local");
  EXPECT_EQ(render(validate_trigger_spec(t)), "");

  TriggerSpec bad = t;
  bad.broker.clear();
  bad.subscriber = Destination{};
  bad.filter = TriggerFilter{std::map<std::string, std::string>{{"My-Ext", "x"}, {"type", ""}}};
  SubscriptionsApiFilter two_keys;
  two_keys.exact = {{"type", "a"}, {"source", "b"}};
  SubscriptionsApiFilter two_dialects;
  two_dialects.exact = {{"type", "a"}};
  two_dialects.prefix = {{"source", "b"}};
  SubscriptionsApiFilter nested;
  SubscriptionsApiFilter bad_sql;
  bad_sql.cesql = "type = ";
  SubscriptionsApiFilter bad_key;
  bad_key.suffix = {{"9lives", "x"}};
  nested.all = {bad_sql, bad_key};
  SubscriptionsApiFilter negated;
  negated.not_.push_back(two_keys);
  bad.filters = {two_keys, two_dialects, nested, negated};
  api::FieldErrors errs = validate_trigger_spec(bad);
  std::string got = render(errs);
  EXPECT_NE(got.find("spec.broker: missing field(s)\n"), std::string::npos) << got;
  EXPECT_NE(got.find("spec.filter.attributes[My-Ext]: invalid key name \"My-Ext\"\n"), std::string::npos) << got;
  EXPECT_NE(got.find("spec.filters[0].exact: Multiple items found, can have only one key-value\n"), std::string::npos) << got;
  EXPECT_NE(got.find("spec.filters[1]: multiple dialects found, filters can have only one dialect set\n"), std::string::npos) << got;
  EXPECT_NE(got.find("spec.filters[2].all[0].cesql: invalid value: type = \n"), std::string::npos) << got;
  EXPECT_NE(got.find("spec.filters[2].all[1].suffix[9lives]: invalid key name \"9lives\"\n"), std::string::npos) << got;
  EXPECT_NE(got.find("spec.filters[3].not.exact: Multiple items found"), std::string::npos) << got;
  EXPECT_NE(got.find("spec.subscriber.ref, spec.subscriber.uri: expected at least one, got none\n"), std::string::npos) << got;
  EXPECT_EQ(errs.size(), 8u) << got;
  // The CESQL error carries the parser's position as details.
  for (const api::FieldError& e : errs) {
    if (e.path == "spec.filters[2].all[0].cesql") { EXPECT_EQ(e.details, "1:8: mismatched input '<EOF>' expecting an expression"); }
  }
  TriggerSpec moved = t;
  moved.broker = "other";
  EXPECT_EQ(validate_trigger_update(t, moved).size(), 1u);
}

TEST(TriggerFilterRuntime, EmptyValuesAreSkippedAndFiltersOverrideLegacy) {
  CloudEvent e;
  e.id = "1", e.source = "/s", e.type = "a.b";
  SubscriptionsApiFilter empty_exact;
  empty_exact.exact = {{"type", ""}};
  // The webhook accepts it, NewExactFilter rejects it, the Trigger ends up delivering everything.
  EXPECT_EQ(render(validate_subscriptions_api_filters({empty_exact})), "");
  EXPECT_EQ(compile_trigger_filter(std::nullopt, {empty_exact}).evaluate(e), FilterResult::kNoFilter);
  SubscriptionsApiFilter other;
  other.prefix = {{"type", "x."}};
  TriggerFilter legacy{std::map<std::string, std::string>{{"type", "a.b"}}};
  EXPECT_EQ(compile_trigger_filter(legacy, {other}).evaluate(e), FilterResult::kFail);
  EXPECT_EQ(compile_trigger_filter(legacy, {}).evaluate(e), FilterResult::kPass);
  EXPECT_EQ(compile_trigger_filter(TriggerFilter{}, {}).evaluate(e), FilterResult::kNoFilter);
  EXPECT_EQ(compile_trigger_filter(TriggerFilter{std::map<std::string, std::string>{}}, {}).evaluate(e), FilterResult::kPass);
  // A non-string extension never equals a legacy filter string, but exact stringifies it.
  e.set_extension("n", ExtensionValue::integer_value(5));
  EXPECT_EQ(compile_trigger_filter(TriggerFilter{std::map<std::string, std::string>{{"n", "5"}}}, {}).evaluate(e),
            FilterResult::kFail);
  SubscriptionsApiFilter exact_n;
  exact_n.exact = {{"n", "5"}};
  EXPECT_EQ(compile_trigger_filter(std::nullopt, {exact_n}).evaluate(e), FilterResult::kPass);
}

TEST(BrokerDefaults, CopyDeliveryAtAdmissionAndWholeObjectOverride) {
  BrokerDefaults d = shipped_broker_defaults();
  d.delivery->timeout = "PT5S";  // not copied by Knative
  BrokerSpec b = default_broker_spec(BrokerSpec{}, d, "default");
  ASSERT_TRUE(b.delivery.has_value());
  EXPECT_EQ(b.delivery->retry, 10);
  EXPECT_EQ(b.delivery->backoff_policy, "exponential");
  EXPECT_EQ(b.delivery->backoff_delay, "PT0.2S");
  EXPECT_FALSE(b.delivery->timeout.has_value());
  d.namespace_delivery["quiet"] = DeliverySpec{};
  EXPECT_FALSE(default_broker_spec(BrokerSpec{}, d, "quiet").delivery->retry.has_value());
  BrokerSpec own;
  own.delivery = DeliverySpec{};
  own.delivery->retry = 1;
  EXPECT_EQ(default_broker_spec(own, d, "default").delivery->retry, 1);

  TriggerSpec t;
  EXPECT_EQ(effective_trigger_delivery(t, b)->retry, 10);
  t.delivery = DeliverySpec{};
  t.delivery->dead_letter_sink = uri("http://dls");
  std::optional<DeliverySpec> eff = effective_trigger_delivery(t, b);
  EXPECT_FALSE(eff->retry.has_value()) << "trigger delivery replaces the broker's entirely";
  // Retries follow the trigger's delivery; the DLS falls back to the broker's.
  b.delivery->dead_letter_sink = uri("http://broker-dls");
  TriggerSpec retry_only;
  retry_only.delivery = DeliverySpec{};
  retry_only.delivery->retry = 2;
  SubscriptionDelivery sd = trigger_subscription_delivery(retry_only, b);
  EXPECT_EQ(sd.retry.retry_max, 2);
  EXPECT_FALSE(sd.retry.backoff_policy.has_value());
  EXPECT_EQ(sd.dead_letter_sink->uri, "http://broker-dls");
  EXPECT_EQ(trigger_subscription_delivery(t, b).dead_letter_sink->uri, "http://dls");
  SubscriptionDelivery inherited = trigger_subscription_delivery(TriggerSpec{}, b);
  EXPECT_EQ(inherited.retry.retry_max, 10);
  EXPECT_EQ(inherited.retry.backoff(9), 102.4);
  SubscriptionDelivery none = subscription_delivery(std::nullopt, std::nullopt);
  EXPECT_FALSE(none.retry.selective_retry);
  EXPECT_FALSE(none.dead_letter_sink.has_value());
  EXPECT_EQ(broker_ingress_url("ns", "default"), "http://broker-ingress.knative-eventing.svc.cluster.local/ns/default");
  EXPECT_EQ(trigger_filter_path("ns", "t", "u"), "/triggers/ns/t/u");
  EXPECT_EQ(broker_channel_name("default"), "default-kne-trigger");
}

}  // namespace
}  // namespace knsim::core::eventing
