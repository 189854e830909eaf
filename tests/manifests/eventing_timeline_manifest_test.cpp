// Eventing objects in the scenario timeline: an apply may name objects of the initial manifests,
// of earlier applies and of the same apply; a reference to nothing is an error at the applied
// document's line; a delete of an eventing object must name one that exists before it.
#include <gtest/gtest.h>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;
using testing::write_file;

TEST(EventingTimelineManifests, AppliesSeeEarlierObjectsAndDeletesMustNameOne) {
  const auto file = write_file("s.yaml", R"(apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 5m
  cluster: {nodePools: [{name: w, count: 1}]}
  timeline:
    - at: 1m
      apply:
        apiVersion: messaging.knative.dev/v1
        kind: InMemoryChannel
        metadata: {name: ticks}
    - at: 1m
      apply:
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata: {name: tick}
        spec: {sink: {ref: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: ticks}}}
    - at: 2m
      apply:
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: {name: late}
        spec: {broker: default, subscriber: {uri: http://x}}
    - at: 2m
      apply:
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: {name: bad}
        spec: {broker: missing, subscriber: {uri: http://x}}
    - at: 3m
      delete: {kind: Trigger, name: late}
    - at: 3m
      delete: {kind: PingSource, name: tick}
    - at: 4m
      delete: {kind: PingSource, name: nope}
    - at: 4m
      delete: {kind: Subscription, name: late}
)");
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(file, diags);
  // The channel of the same time (an earlier action) and the Broker of t = 0 are found.
  EXPECT_FALSE(has_diag(diags, 0, "spec.timeline[1].apply.spec.sink.ref.name", "not found")) << diags.to_string();
  EXPECT_FALSE(has_diag(diags, 0, "spec.timeline[2].apply.spec.broker", "not found")) << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 34, "spec.timeline[3].apply.spec.broker", "Broker default/missing not found in the scenario"))
      << diags.to_string();
  EXPECT_TRUE(has_diag(diags, 39, "delete", "PingSource default/nope does not exist in the scenario before 4m0s"))
      << diags.to_string();
  // A Subscription named like a Trigger is another object.
  EXPECT_TRUE(has_diag(diags, 41, "delete", "Subscription default/late does not exist")) << diags.to_string();
  EXPECT_FALSE(has_diag(diags, 0, "delete", "Trigger default/late")) << diags.to_string();
  EXPECT_FALSE(has_diag(diags, 0, "delete", "PingSource default/tick")) << diags.to_string();
  EXPECT_EQ(diags.error_count(), 3u) << diags.to_string();
  ASSERT_EQ(b.timeline_applies.size(), 8u);
  EXPECT_EQ(b.timeline_applies[0].eventing.channels.size(), 1u);
  EXPECT_EQ(b.timeline_applies[1].eventing.ping_sources.size(), 1u);
  EXPECT_EQ(b.timeline_applies[2].eventing.triggers.size(), 1u);
}

TEST(EventingTimelineManifests, AppliedBrokerGetsTheScenariosConfigBrDefaults) {
  // config-br-defaults of t = 0 says retry 3, linear PT1S; a Broker applied at 1m without
  // spec.delivery gets it (not the shipped retry 10, exponential PT0.2S), though t = 0 has no Broker.
  const auto file = write_file("s.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata: {name: config-br-defaults, namespace: knative-eventing}
data:
  default-br-config: |
    clusterDefault:
      brokerClass: MTChannelBasedBroker
      delivery: {retry: 3, backoffPolicy: linear, backoffDelay: PT1S}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 5m
  cluster: {nodePools: [{name: w, count: 1}]}
  timeline:
    - at: 1m
      apply:
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: {name: late}
)");
  Diagnostics diags;
  const ScenarioBundle b = load_scenario(file, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  ASSERT_EQ(b.timeline_applies.size(), 1u);
  ASSERT_EQ(b.timeline_applies[0].eventing.brokers.size(), 1u);
  const auto& delivery = b.timeline_applies[0].eventing.brokers[0].spec.delivery;
  ASSERT_TRUE(delivery);
  EXPECT_EQ(delivery->retry, 3);
  EXPECT_EQ(delivery->backoff_policy, "linear");
}

}  // namespace
}  // namespace knsim::manifests
