// Eventing manifests: read into core/eventing types, validated with core/eventing's rules, refs
// resolved; every problem at file:line:field. One case per rule (table-driven).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;
using testing::write_file;

// Line 1..9: a ksvc `hello`, a Broker `default` (lines 11-14); the object under test starts at line 16.
const char* kPrelude = R"(apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
spec:
  template:
    spec:
      containers:
        - image: example.com/hello:1
---
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata:
  name: default
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

struct Case {
  std::string name;
  std::string object;  // starts at line 16
  int line;
  std::string field;
  std::string message;
};

class EventingValidation : public ::testing::TestWithParam<Case> {};

TEST_P(EventingValidation, ReportsFileLineField) {
  const Case& c = GetParam();
  const auto file = write_file("s.yaml", std::string(kPrelude) + c.object + kScenario);
  Diagnostics diags;
  load_scenario(file, diags);
  EXPECT_TRUE(has_diag(diags, c.line, c.field, c.message)) << diags.to_string();
}

const std::vector<Case> kCases = {
    {"TriggerWithoutBroker",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  subscriber:\n    uri: http://x\n",
     20, "spec.broker", "missing field"},
    {"TriggerUnknownBroker",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: nope\n  subscriber:\n"
     "    uri: http://x\n",
     21, "spec.broker", "Broker default/nope not found"},
    {"TriggerWithoutSubscriber",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n",
     20, "spec.subscriber.ref, spec.subscriber.uri", "expected at least one, got none"},
    {"TriggerSubscriberUnknownService",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n  subscriber:\n"
     "    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: nope}\n",
     23, "spec.subscriber.ref.name", "Service default/nope not found"},
    {"TriggerBadCesql",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n  filters:\n"
     "    - cesql: \"type = \"\n  subscriber:\n    uri: http://x\n",
     23, "spec.filters[0].cesql", ""},
    {"TriggerNegativeRetry",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n  subscriber:\n"
     "    uri: http://x\n  delivery:\n    retry: -1\n",
     25, "spec.delivery.retry", "invalid value"},
    {"TriggerRetryOutsideInt32",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n  subscriber:\n"
     "    uri: http://x\n  delivery:\n    retry: 4294967296\n",
     25, "spec.delivery.retry", "cannot unmarshal number 4294967296 into Go struct field DeliverySpec.retry of type int32"},
    {"TriggerBadBackoffDelay",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n  subscriber:\n"
     "    uri: http://x\n  delivery:\n    backoffDelay: 1s\n",
     25, "spec.delivery.backoffDelay", "invalid value"},
    {"SubscriptionUnknownChannel",
     "apiVersion: messaging.knative.dev/v1\nkind: Subscription\nmetadata:\n  name: s\nspec:\n  channel:\n"
     "    apiVersion: messaging.knative.dev/v1\n    kind: InMemoryChannel\n    name: nope\n  subscriber:\n    uri: http://x\n",
     24, "spec.channel.name", "not found"},
    {"PingSourceBadSchedule",
     "apiVersion: sources.knative.dev/v1\nkind: PingSource\nmetadata:\n  name: p\nspec:\n  schedule: \"* * *\"\n  sink:\n"
     "    uri: http://x\n",
     21, "spec.schedule", ""},
    {"PingSourceWithoutSink",
     "apiVersion: sources.knative.dev/v1\nkind: PingSource\nmetadata:\n  name: p\nspec:\n  schedule: \"* * * * *\"\n",
     20, "spec.sink.ref, spec.sink.uri", "expected at least one, got none"},
    {"ContainerSourceWithoutSink",
     "apiVersion: sources.knative.dev/v1\nkind: ContainerSource\nmetadata:\n  name: c\nspec:\n  template: {}\n",
     20, "spec.sink.ref, spec.sink.uri", "expected at least one, got none"},
    {"SinkBindingSinkNotFound",
     "apiVersion: sources.knative.dev/v1\nkind: SinkBinding\nmetadata:\n  name: b\nspec:\n  subject: {}\n  sink:\n"
     "    ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: nope}\n",
     23, "spec.sink.ref.name", "not found"},
    {"ContainerSourceBadRate",
     "apiVersion: sources.knative.dev/v1\nkind: ContainerSource\nmetadata:\n  name: c\n  annotations:\n"
     "    knsim.dev/rate: \"fast\"\nspec:\n  sink:\n    uri: http://x\n",
     20, "metadata.annotations.knsim.dev/rate", "must be a number of events per second"},
    {"ApiServerSourceWithoutResources",
     "apiVersion: sources.knative.dev/v1\nkind: ApiServerSource\nmetadata:\n  name: a\nspec:\n  sink:\n    uri: http://x\n",
     20, "spec.resources", "missing"},
    {"ApiServerSourceBadMode",
     "apiVersion: sources.knative.dev/v1\nkind: ApiServerSource\nmetadata:\n  name: a\nspec:\n  mode: Everything\n"
     "  resources: [{apiVersion: v1, kind: Pod}]\n  sink:\n    uri: http://x\n",
     21, "spec.mode", "must be Reference or Resource"},
    {"ApiServerSourceWithoutSink",
     "apiVersion: sources.knative.dev/v1\nkind: ApiServerSource\nmetadata:\n  name: a\nspec:\n"
     "  resources: [{apiVersion: v1, kind: Pod}]\n",
     20, "spec.sink.ref, spec.sink.uri", "expected at least one, got none"},
    {"SequenceWithoutSteps",
     "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: q\nspec:\n  steps: []\n",
     21, "spec.steps", "missing field"},
    {"SequenceStepUnknownService",
     "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: q\nspec:\n  steps:\n    - uri: http://a\n"
     "    - ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: nope}\n",
     23, "spec.steps[1].ref.name", "Service default/nope not found"},
    {"SequenceReplyUnknownBroker",
     "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: q\nspec:\n  steps:\n    - uri: http://a\n"
     "  reply:\n    ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: nope}\n",
     24, "spec.reply.ref.name", "Broker default/nope not found"},
    {"SequenceReplyWithoutTarget",
     "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: q\nspec:\n  steps:\n    - uri: http://a\n"
     "  reply: {}\n",
     23, "spec.reply.ref, spec.reply.uri", "expected at least one, got none"},
    {"SequenceStepDeliveryDlsUnknownService",
     "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: q\nspec:\n  steps:\n    - uri: http://a\n"
     "      delivery:\n        deadLetterSink: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: nope}}\n",
     24, "spec.steps[0].delivery.deadLetterSink.ref.name", "Service default/nope not found"},
    {"SequenceStepNegativeRetry",
     "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: q\nspec:\n  steps:\n    - uri: http://a\n"
     "      delivery: {retry: -1}\n",
     23, "spec.steps[0].delivery.retry", "invalid value"},
    {"ParallelFilterUnknownService",
     "apiVersion: flows.knative.dev/v1\nkind: Parallel\nmetadata:\n  name: q\nspec:\n  branches:\n"
     "    - filter: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: nope}}\n      subscriber: {uri: http://a}\n",
     22, "spec.branches[0].filter.ref.name", "Service default/nope not found"},
    {"ParallelSubscriberUnknownService",
     "apiVersion: flows.knative.dev/v1\nkind: Parallel\nmetadata:\n  name: q\nspec:\n  branches:\n"
     "    - subscriber: {uri: http://a}\n    - subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: nope}}\n",
     23, "spec.branches[1].subscriber.ref.name", "Service default/nope not found"},
    {"ParallelBranchReplyUnknownBroker",
     "apiVersion: flows.knative.dev/v1\nkind: Parallel\nmetadata:\n  name: q\nspec:\n  branches:\n"
     "    - subscriber: {uri: http://a}\n      reply: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: nope}}\n",
     23, "spec.branches[0].reply.ref.name", "Broker default/nope not found"},
    {"ParallelBranchBadBackoffPolicy",
     "apiVersion: flows.knative.dev/v1\nkind: Parallel\nmetadata:\n  name: q\nspec:\n  branches:\n"
     "    - subscriber: {uri: http://a}\n      delivery: {backoffPolicy: fibonacci}\n",
     23, "spec.branches[0].delivery.backoffPolicy", "invalid value"},
    {"TriggerDefinedTwice",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: orders\nspec:\n  broker: default\n"
     "  subscriber:\n    uri: http://x\n---\napiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n"
     "  name: orders\nspec:\n  broker: default\n  subscriber:\n    uri: http://y\n",
     25, "metadata.name", "Trigger default/orders is defined twice (first at "},
    {"BrokerDefinedTwice",
     "apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata:\n  name: default\n",
     16, "metadata.name", "Broker default/default is defined twice (first at "},
    {"TriggerCesqlNotAString",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n  filters:\n"
     "    - cesql: 42\n  subscriber:\n    uri: http://x\n",
     23, "spec.filters[0].cesql", "must be a string: quote the value (\"42\")"},
    {"ChannelHandWrittenSubscribers",
     "apiVersion: messaging.knative.dev/v1\nkind: InMemoryChannel\nmetadata:\n  name: c\nspec:\n  subscribers:\n"
     "    - {subscriberUri: http://x}\n",
     21, "spec.subscribers", "create a Subscription"},
    {"UnknownFieldInTrigger",
     "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: t\nspec:\n  broker: default\n  subscriber:\n"
     "    uri: http://x\n  filtr: {}\n",
     24, "spec.filtr", "unknown field"},
};

INSTANTIATE_TEST_SUITE_P(Rules, EventingValidation, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

TEST(EventingManifests, ReadsTheObjectsIntoCoreTypes) {
  const auto file = write_file("s.yaml", std::string(kPrelude) + R"(apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t}
spec:
  broker: default
  filter: {attributes: {type: A}}
  subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: hello}}
  delivery: {retry: 3, backoffPolicy: linear, backoffDelay: PT1S}
---
apiVersion: flows.knative.dev/v1
kind: Sequence
metadata: {name: seq}
spec:
  steps: [{uri: http://a}, {uri: http://b}]
)" + kScenario);
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(file, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  const EventingManifests& ev = b.manifests.eventing;
  ASSERT_EQ(ev.brokers.size(), 1u);
  // config-br-defaults (shipped): retry 10, exponential, PT0.2S on the Broker.
  ASSERT_TRUE(ev.brokers[0].spec.delivery);
  EXPECT_EQ(ev.brokers[0].spec.delivery->retry, 10);
  ASSERT_EQ(ev.triggers.size(), 1u);
  EXPECT_EQ(ev.triggers[0].spec.delivery->retry, 3);
  EXPECT_EQ(ev.triggers[0].spec.subscriber.ref->name, "hello");
  EXPECT_EQ(ev.triggers[0].where.line, 16);
  // The Sequence expands into 2 channels and 2 subscriptions; its address is channel 0.
  EXPECT_EQ(ev.channels.size(), 2u);
  EXPECT_EQ(ev.subscriptions.size(), 2u);
  EXPECT_EQ(ev.flow_address.at("Sequence/default/seq"), "seq-kn-sequence-0");
}

TEST(EventingScenarioSection, ProducersAndSubscribersWithErrors) {
  const auto file = write_file("s.yaml", std::string(kPrelude) + R"(apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
  eventing:
    producers:
      - {name: p, broker: default, channel: c, type: T, arrivals: {poisson: {rate: 1}}}
      - {name: q, broker: default, arrivals: {poisson: {rate: 1}}}
    subscribers:
      - {uri: http://x, status: {"200": 0.5, "503": 0.4}}
      - {uri: http://y, status: {"999": 1}}
)");
  Diagnostics diags;
  load_scenario(file, diags);
  EXPECT_TRUE(has_diag(diags, 24, "spec.eventing.producers[0]", "exactly one of broker or channel")) << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 25, "spec.eventing.producers[1].type", "missing")) << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 27, "spec.eventing.subscribers[0].status", "sum to")) << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 28, "spec.eventing.subscribers[1].status.999", "100..599")) << diags.to_string();
}

TEST(EventingScenarioSection, ProducerBrokerAndChannelMustExist) {
  const auto file = write_file("s.yaml", std::string(kPrelude) + R"(apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
  eventing:
    producers:
      - {name: p, broker: defualt, type: T, arrivals: {poisson: {rate: 1}}}
      - {name: q, channel: nope, type: T, arrivals: {poisson: {rate: 1}}}
      - {name: r, broker: default, namespace: other, type: T, arrivals: {poisson: {rate: 1}}}
      - {name: s, broker: default, type: T, arrivals: {poisson: {rate: 1}}}
)");
  Diagnostics diags;
  load_scenario(file, diags);
  EXPECT_TRUE(has_diag(diags, 24, "spec.eventing.producers[0].broker",
                       "Broker default/defualt not found in the scenario (did you mean \"default\"?)"))
      << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 25, "spec.eventing.producers[1].channel", "InMemoryChannel default/nope not found"))
      << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 26, "spec.eventing.producers[2].broker", "Broker other/default not found"))
      << diags.to_string();
  EXPECT_FALSE(has_diag(diags, 0, "spec.eventing.producers[3].broker", "")) << diags.to_string();
}

TEST(EventingScenarioSection, SubscriberEntriesMustMatchADestination) {
  const auto file = write_file("s.yaml", std::string(kPrelude) + R"(apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t}
spec:
  broker: default
  subscriber: {uri: http://x}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: u}
spec:
  broker: default
  subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: hello}}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
  eventing:
    subscribers:
      - {uri: http://x}
      - {uri: http://y}
      - {service: hello}
      - {service: nope}
      - {service: hello, namespace: other}
)");
  Diagnostics diags;
  load_scenario(file, diags);
  EXPECT_FALSE(has_diag(diags, 0, "spec.eventing.subscribers[0].uri", "")) << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 39, "spec.eventing.subscribers[1].uri",
                       "no Trigger, Subscription, dead-letter sink, source sink or Sequence/Parallel step delivers to "
                       "uri http://y (did you mean \"http://x\"?)"))
      << diags.to_string();
  EXPECT_FALSE(has_diag(diags, 0, "spec.eventing.subscribers[2].service", "")) << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 41, "spec.eventing.subscribers[3].service", "delivers to Service default/nope"))
      << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 42, "spec.eventing.subscribers[4].service", "delivers to Service other/hello"))
      << diags.to_string();
}

TEST(EventingScenarioSection, ProducerExtensionsMayNotUseReservedNames) {
  const auto file = write_file("s.yaml", std::string(kPrelude) + R"(apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 1m
  cluster: {nodePools: [{name: w, count: 1}]}
  eventing:
    producers:
      - name: p
        broker: default
        type: T
        arrivals: {poisson: {rate: 1}}
        extensions:
          type: hacked
          knativebrokerttl: "0"
          knativeerrorcode: "500"
          datacontenttype: text/plain
          tenant: acme
)");
  Diagnostics diags;
  load_scenario(file, diags);
  struct Row {
    int line;
    const char* key;
  };
  for (const Row& r : {Row{29, "type"}, Row{30, "knativebrokerttl"}, Row{31, "knativeerrorcode"}, Row{32, "datacontenttype"}}) {
    EXPECT_TRUE(has_diag(diags, r.line, std::string("spec.eventing.producers[0].extensions.") + r.key,
                         "is a CloudEvents context attribute or reserved by Knative, not an extension"))
        << r.key << "\n" << diags.to_string();
  }
  EXPECT_FALSE(has_diag(diags, 0, "spec.eventing.producers[0].extensions.tenant", "")) << diags.to_string();
}

TEST(EventingManifests, OtherBrokerClassIsAWarning) {
  const auto file = write_file("s.yaml", std::string(R"(apiVersion: eventing.knative.dev/v1
kind: Broker
metadata:
  name: kafka
  annotations:
    eventing.knative.dev/broker.class: Kafka
---
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata:
  name: mt
  annotations:
    eventing.knative.dev/broker.class: MTChannelBasedBroker
)") + kScenario);
  Diagnostics diags;
  load_scenario(file, diags);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 6, "metadata.annotations.eventing.knative.dev/broker.class",
                       "Broker class Kafka is simulated as the channel-based broker (MTChannelBasedBroker)", true))
      << diags.to_string();
  EXPECT_FALSE(has_diag(diags, 13, "metadata.annotations.eventing.knative.dev/broker.class", "", true))
      << diags.to_string();
}

TEST(EventingManifests, ConfigBrDefaultsIsTyped) {
  const auto file = write_file("s.yaml", std::string(kPrelude) + R"(apiVersion: v1
kind: ConfigMap
metadata: {name: config-br-defaults, namespace: knative-eventing}
data:
  default-br-config: |
    clusterDefault:
      brokerClass: MTChannelBasedBroker
      delivery: {retry: 3, backoffPolicy: linear, backoffDelay: PT1S}
    namespaceDefaults:
      other:
        delivery: {retry: 1}
)" + kScenario);
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(file, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  const EventingManifests& ev = b.manifests.eventing;
  ASSERT_EQ(ev.brokers.size(), 1u);
  ASSERT_TRUE(ev.brokers[0].spec.delivery);
  EXPECT_EQ(ev.brokers[0].spec.delivery->retry, 3);
  EXPECT_EQ(ev.brokers[0].spec.delivery->backoff_policy, "linear");
  EXPECT_EQ(ev.br_defaults.namespace_delivery.at("other")->retry, 1);
}

TEST(EventingManifests, BadConfigBrDefaultsIsAnErrorAtItsKey) {
  const auto file = write_file("s.yaml", std::string(kPrelude) + R"(apiVersion: v1
kind: ConfigMap
metadata: {name: config-br-defaults, namespace: knative-eventing}
data:
  default-br-config: |
    clusterDefault:
      delivery: {retry: -2, backoffDelay: soon}
)" + kScenario);
  Diagnostics diags;
  load_scenario(file, diags);
  EXPECT_TRUE(has_diag(diags, 20, "data.default-br-config.clusterDefault.delivery.retry", "invalid value"))
      << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 20, "data.default-br-config.clusterDefault.delivery.backoffDelay", "invalid value"))
      << diags.to_string();
}

}  // namespace
}  // namespace knsim::manifests
