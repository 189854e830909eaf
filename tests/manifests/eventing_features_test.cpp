// knative-eventing/config-features: delivery-retryafter gates `delivery.retryAfterMax` (Knative's
// webhook: "must not set the field(s)" unless the flag is enabled), delivery-timeout gates
// `timeout`. One case per rule, on a Trigger, a Subscription and config-br-defaults.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;
using testing::write_file;

// Lines 1-4: a Broker. Line 6..: the config-features ConfigMap (when any), then the object.
const char* kBroker = R"(apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
)";
const char* kScenario = R"(---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
)";
std::string features(const std::string& data) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-features, namespace: knative-eventing}\ndata:\n" +
         data + "---\n";
}
const char* kTrigger = R"(apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t1}
spec:
  broker: default
  subscriber: {uri: http://sub.example.com}
  delivery: {retry: 2, retryAfterMax: PT1S}
)";
const char* kSubscription = R"(apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata: {name: ch}
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata: {name: s1}
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: ch}
  subscriber: {uri: http://sub.example.com}
  delivery: {timeout: PT2S, retryAfterMax: PT3S}
)";

struct Case {
  std::string name;
  std::string config;  // "" = no config-features
  std::string object;
  std::string field;   // the field that must (or must not) have an error
  std::string message; // "" = no error on `field`
};

class EventingFeatures : public ::testing::TestWithParam<Case> {};

TEST_P(EventingFeatures, GatesTheDeliveryFields) {
  const Case& c = GetParam();
  const std::string cfg = c.config.empty() ? "" : features(c.config);
  const auto file = write_file("s.yaml", std::string(kBroker) + cfg + c.object + kScenario);
  Diagnostics diags;
  load_scenario(file, diags);
  if (c.message.empty()) {
    EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  } else {
    EXPECT_TRUE(has_diag(diags, 0, c.field, c.message)) << diags.to_string();
  }
  EXPECT_FALSE(has_diag(diags, 0, "metadata.name", "not read by knsim", true)) << diags.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EventingFeatures,
    ::testing::Values(
        Case{"NoConfigMapRejectsRetryAfterMax", "", kTrigger, "spec.delivery.retryAfterMax", "must not set the field(s)"},
        Case{"DisabledRejects", "  delivery-retryafter: disabled\n", kTrigger, "spec.delivery.retryAfterMax",
             "must not set the field(s)"},
        Case{"AllowedIsNotEnabled", "  delivery-retryafter: allowed\n", kTrigger, "spec.delivery.retryAfterMax",
             "must not set the field(s)"},
        Case{"EnabledAccepts", "  delivery-retryafter: enabled\n", kTrigger, "", ""},
        Case{"EnabledIsCaseInsensitive", "  delivery-retryafter: Enabled\n", kSubscription, "", ""},
        Case{"EnabledStillChecksTheDuration", "  delivery-retryafter: enabled\n",
             std::string(kTrigger).replace(std::string(kTrigger).find("PT1S"), 4, "soon"),
             "spec.delivery.retryAfterMax", "invalid value: soon"},
        Case{"EnabledRejectsNegative", "  delivery-retryafter: enabled\n",
             std::string(kTrigger).replace(std::string(kTrigger).find("PT1S"), 4, "-PT1S"),
             "spec.delivery.retryAfterMax", "invalid value: -PT1S"},
        Case{"TimeoutDisabledRejects", "  delivery-retryafter: enabled\n  delivery-timeout: disabled\n", kSubscription,
             "spec.delivery.timeout", "must not set the field(s)"},
        Case{"BadFlagValue", "  delivery-retryafter: yes please\n", kTrigger, "data.delivery-retryafter",
             "cannot parse the feature flag 'delivery-retryafter' = 'yes please'"},
        Case{"BrDefaultsUseTheFlag", "  delivery-retryafter: enabled\n",
             "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-br-defaults, namespace: knative-eventing}\n"
             "data:\n  default-br-config: |\n    clusterDefault:\n      delivery: {retry: 1, retryAfterMax: PT2S}\n",
             "", ""},
        Case{"BrDefaultsWithoutTheFlag", "",
             "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-br-defaults, namespace: knative-eventing}\n"
             "data:\n  default-br-config: |\n    clusterDefault:\n      delivery: {retry: 1, retryAfterMax: PT2S}\n",
             "data.default-br-config.clusterDefault.delivery.retryAfterMax", "must not set the field(s)"}),
    [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

TEST(EventingFeaturesFlags, AreKeptAndInheritedByTimelineApplies) {
  const auto file = write_file("s.yaml", std::string(kBroker) + features("  delivery-retryafter: enabled\n") +
                                             R"(apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
  timeline:
    - at: 10s
      apply:
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: {name: late}
        spec:
          broker: default
          subscriber: {uri: http://sub.example.com}
          delivery: {retry: 1, retryAfterMax: PT1S}
)");
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(file, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_TRUE(b.manifests.eventing.features.delivery_retryafter);
  EXPECT_TRUE(b.manifests.eventing.features.delivery_timeout);
  ASSERT_EQ(b.timeline_applies.size(), 1u);
  EXPECT_TRUE(b.timeline_applies[0].eventing.features.delivery_retryafter);
}

}  // namespace
}  // namespace knsim::manifests

namespace knsim::manifests {
namespace {

// spec.eventing.subscribers[].retryAfter: whole seconds >= 0 (the Retry-After of 429/503 answers).
struct RetryAfterCase {
  std::string value;
  std::optional<double> want;  // nullopt: an error at the field
};

class SubscriberRetryAfter : public ::testing::TestWithParam<RetryAfterCase> {};

TEST_P(SubscriberRetryAfter, IsWholeSeconds) {
  const RetryAfterCase& c = GetParam();
  const auto file = testing::write_file("s.yaml", std::string(kBroker) + R"(apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
  eventing:
    subscribers:
      - {uri: http://sub.example.com, status: {"503": 1}, retryAfter: )" + c.value + "}\n" + R"(---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t1}
spec:
  broker: default
  subscriber: {uri: http://sub.example.com}
)");
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(file, diags);
  if (c.want) {
    ASSERT_FALSE(diags.has_errors()) << diags.to_string();
    ASSERT_EQ(b.scenario.eventing.subscribers.size(), 1u);
    ASSERT_TRUE(b.scenario.eventing.subscribers[0].retry_after);
    EXPECT_EQ(*b.scenario.eventing.subscribers[0].retry_after, *c.want);
  } else {
    EXPECT_TRUE(testing::has_diag(diags, 13, "spec.eventing.subscribers[0].retryAfter", "whole number of seconds"))
        << diags.to_string();
  }
}

INSTANTIATE_TEST_SUITE_P(Values, SubscriberRetryAfter,
                         ::testing::Values(RetryAfterCase{"2s", 2.0}, RetryAfterCase{"0s", 0.0},
                                           RetryAfterCase{"1m", 60.0}, RetryAfterCase{"1.5s", std::nullopt},
                                           RetryAfterCase{"-2s", std::nullopt}));

TEST(SubscriberRetryAfterDefault, IsUnset) {
  const auto file = testing::write_file("s.yaml", std::string(kBroker) + R"(apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
  eventing:
    subscribers:
      - {uri: http://sub.example.com, status: {"503": 1}}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t1}
spec:
  broker: default
  subscriber: {uri: http://sub.example.com}
)");
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(file, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  ASSERT_EQ(b.scenario.eventing.subscribers.size(), 1u);
  EXPECT_FALSE(b.scenario.eventing.subscribers[0].retry_after);
}

}  // namespace
}  // namespace knsim::manifests
