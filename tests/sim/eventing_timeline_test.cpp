// Eventing objects applied and deleted by the scenario timeline take effect at their time: a new
// Trigger receives the events its Broker gets from then on, a deleted one nothing more (its
// counters stay); a new PingSource / ContainerSource starts sending, a deleted one stops; objects
// that appear later are in summary.json. Counts worked out by hand.
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

TEST(EventingTimeline, AppliedObjectsStartAndDeletedObjectsStopAtTheirTime) {
  // Producer p: 1 event/s for 20 s (1 .. 19 s) of type T into the Broker; each reaches ingress
  // 0.5 ms later. Trigger early (t = 0) is deleted at 10.5 s: events 1 .. 10 = 10. Trigger late,
  // applied at 5.5 s: events 6 .. 19 = 14.
  // 2.5 s: channel ticks, Subscription tock and PingSource tick ("* * * * * *", every second, +
  // jitter < 0.5 s) are applied; tick is deleted at 12.5 s: ticks of 3 .. 12 s = 10, all delivered.
  // 4 s: ContainerSource beat (2/s) applied, deleted at 9.9 s: 4, 4.5, ..., 9.5 s = 12 events.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: early}
spec:
  broker: default
  filter: {attributes: {type: T}}
  subscriber: {uri: http://sink}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: timeline-eventing}
spec:
  duration: 20s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://sink, latency: 0s}
  timeline:
    - at: 2.5s
      apply:
        apiVersion: messaging.knative.dev/v1
        kind: InMemoryChannel
        metadata: {name: ticks}
    - at: 2.5s
      apply:
        apiVersion: messaging.knative.dev/v1
        kind: Subscription
        metadata: {name: tock}
        spec:
          channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: ticks}
          subscriber: {uri: http://sink}
    - at: 2.5s
      apply:
        apiVersion: sources.knative.dev/v1
        kind: PingSource
        metadata: {name: tick}
        spec:
          schedule: "* * * * * *"
          sink: {ref: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: ticks}}
    - at: 4s
      apply:
        apiVersion: sources.knative.dev/v1
        kind: ContainerSource
        metadata:
          name: beat
          annotations: {knsim.dev/rate: "2"}
        spec:
          template: {spec: {containers: [{image: example.com/beat:1}]}}
          sink: {uri: http://sink}
    - at: 5.5s
      apply:
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: {name: late}
        spec:
          broker: default
          filter: {attributes: {type: T}}
          subscriber: {uri: http://sink}
    - at: 9.9s
      delete: {kind: ContainerSource, name: beat}
    - at: 10.5s
      delete: {kind: Trigger, name: early}
    - at: 12.5s
      delete: {kind: PingSource, name: tick}
)");
  const auto& ev = o.summary["eventing"];
  const auto early = find(ev["triggers"], "default/early"), late = find(ev["triggers"], "default/late");
  EXPECT_EQ(early["received"], 10);
  EXPECT_EQ(early["delivered"], 10);
  EXPECT_EQ(late["received"], 14);
  EXPECT_EQ(late["delivered"], 14);
  EXPECT_EQ(find(ev["sources"], "producer/p")["accepted"], 19);
  const auto tick = find(ev["sources"], "pingsource/default/tick");
  EXPECT_EQ(tick["sent"], 10);
  EXPECT_EQ(tick["accepted"], 10);
  const auto tock = find(ev["subscriptions"], "default/tock");
  EXPECT_EQ(tock["received"], 10);
  EXPECT_EQ(tock["delivered"], 10);
  EXPECT_EQ(find(ev["sources"], "containersource/default/beat")["sent"], 12);
  // Sources in order of appearance: the producer, then the applies in timeline order.
  ASSERT_EQ(ev["sources"].size(), 3u);
  EXPECT_EQ(ev["sources"][1]["name"], "pingsource/default/tick");
  EXPECT_EQ(ev["sources"][2]["name"], "containersource/default/beat");
  // The subscription's deliveries are between the first tick (3 s) and the delete (12.5 s).
  for (const auto& a : o.attempts)
    if (a["subscription"] == "default/tock") {
      EXPECT_GE(a["t_s"].get<double>(), 3.0);
      EXPECT_LT(a["t_s"].get<double>(), 12.5);
    }
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingTimeline, DeletedBrokerAnswers404AndReappliedTriggerKeepsItsCounters) {
  // Producer p: 1 event/s for 10 s (1 .. 9 s). The Broker is deleted at 3.5 s and applied again at
  // 6.5 s: events 4, 5, 6 get 404 from ingress (failed); 1, 2, 3, 7, 8, 9 are accepted. Trigger t
  // is re-applied at 5 s with a filter that only passes type U: it received 6 events, delivered
  // the 3 of 1 .. 3 s and filtered the 3 of 7 .. 9 s (its counters went on).
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t}
spec:
  broker: default
  subscriber: {uri: http://sink}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: timeline-broker}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {constant: {rate: 1}}}
  timeline:
    - at: 3.5s
      delete: {kind: Broker, name: default}
    - at: 5s
      apply:
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: {name: t}
        spec:
          broker: default
          filter: {attributes: {type: U}}
          subscriber: {uri: http://sink}
    - at: 6.5s
      apply:
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: {name: default}
)");
  const auto& ev = o.summary["eventing"];
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["sent"], 9);
  EXPECT_EQ(p["accepted"], 6);
  EXPECT_EQ(p["failed"], 3);
  ASSERT_EQ(ev["triggers"].size(), 1u);
  const auto t = find(ev["triggers"], "default/t");
  EXPECT_EQ(t["received"], 6);
  EXPECT_EQ(t["delivered"], 3);
  EXPECT_EQ(t["filtered"], 3);
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingTimeline, ApiServerSourceAppliedLaterListsWhatIsAliveThenAndStopsWhenDeleted) {
  // ksvc hello at t = 0. 10 s: ApiServerSource watching Services and Revisions applied: its list
  // gives Service hello and Revision hello-00001 (2 adds). 20 s: hello applied with a new image:
  // Service update, Revision hello-00002 add, its Ready update, then the traffic moves: Service
  // update (4). 40 s: the source is deleted; 50 s: the Service is deleted: nothing more. 6 in all.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers: [{image: example.com/hello:1}]
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: timeline-apiserver}
spec:
  duration: 60s
)") + kCluster + R"(
  timeline:
    - at: 10s
      apply:
        apiVersion: sources.knative.dev/v1
        kind: ApiServerSource
        metadata: {name: watch}
        spec:
          mode: Resource
          resources:
            - {apiVersion: serving.knative.dev/v1, kind: Service}
            - {apiVersion: serving.knative.dev/v1, kind: Revision}
          sink: {uri: http://audit.example.com}
    - at: 20s
      apply:
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: hello}
        spec:
          template:
            spec:
              containers: [{image: example.com/hello:2}]
    - at: 40s
      delete: {kind: ApiServerSource, name: watch}
    - at: 50s
      delete: {kind: Service, name: hello}
)");
  const auto src = find(o.summary["eventing"]["sources"], "apiserversource/default/watch");
  EXPECT_EQ(src["sent"], 6);
  EXPECT_EQ(src["accepted"], 6);
  end_process();
}

TEST(EventingTimeline, DeletedSequenceTakesItsChannelsAndAnswers404) {
  // Producer p: 1 event/s for 10 s (1 .. 9 s) into channel in; Subscription to-seq sends each to
  // Sequence seq (one step, http://s0). seq is deleted at 5.5 s: events 1 .. 5 go through it
  // (seq-kn-sequence-0 received 5), events 6 .. 9 get 404 at its address (no retries: lost) and the
  // channel answers the producer 500.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata: {name: in}
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata: {name: to-seq}
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: in}
  subscriber: {ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}}
---
apiVersion: flows.knative.dev/v1
kind: Sequence
metadata: {name: seq}
spec:
  steps: [{uri: http://s0}]
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: timeline-sequence}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, channel: in, type: T, arrivals: {constant: {rate: 1}}}
  timeline:
    - at: 5.5s
      delete: {kind: Sequence, name: seq}
)");
  const auto& ev = o.summary["eventing"];
  const auto to_seq = find(ev["subscriptions"], "default/to-seq");
  EXPECT_EQ(to_seq["received"], 9);
  EXPECT_EQ(to_seq["delivered"], 5);
  EXPECT_EQ(to_seq["lost"], 4);
  EXPECT_EQ(find(ev["subscriptions"], "default/seq-kn-sequence-0")["received"], 5);
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["accepted"], 5);
  EXPECT_EQ(p["failed"], 4);
  long lost_404 = 0;
  for (const auto& a : o.attempts) lost_404 += a["outcome"] == "lost" && a["status"] == 404;
  EXPECT_EQ(lost_404, 4);
  expect_balanced(o.summary);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
