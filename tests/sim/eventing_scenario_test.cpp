// Eventing end to end through knsim run's driver: YAML scenario -> load_scenario -> Simulation +
// EventingEngine -> summary.json / events.jsonl. Counts are worked out by hand in each test.
// One run per process (one SimGrid engine): every TEST is its own process under ctest.
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

TEST(EventingScenario, TriggersFilterTypesInAKnownRatio) {
  // 10 events/s of type A and 5 events/s of type B for 60 s. Constant arrivals are at k/rate,
  // k = 1, 2, ... and t = 60 s is past the end: 599 A (0.1 .. 59.9 s) and 299 B (0.2 .. 59.8 s).
  // Trigger a (type A) and b (type B) both receive all 898; a delivers 599 and filters 299,
  // b delivers 299 and filters 599. The subscriber always answers 200 after 1 ms.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: a}
spec:
  broker: default
  filter: {attributes: {type: A}}
  subscriber: {uri: http://sink.example.com}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: b}
spec:
  broker: default
  filters: [{exact: {type: B}}]
  subscriber: {uri: http://sink.example.com}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: filters}
spec:
  duration: 60s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: pa, broker: default, type: A, arrivals: {constant: {rate: 10}}}
      - {name: pb, broker: default, type: B, arrivals: {constant: {rate: 5}}}
    subscribers:
      - {uri: http://sink.example.com, latency: 1ms}
)");
  const auto& ev = o.summary["eventing"];
  const auto pa = find(ev["sources"], "producer/pa"), pb = find(ev["sources"], "producer/pb");
  EXPECT_EQ(pa["sent"], 599);
  EXPECT_EQ(pb["sent"], 299);
  const auto a = find(ev["triggers"], "default/a"), b = find(ev["triggers"], "default/b");
  EXPECT_EQ(a["received"], 898);
  EXPECT_EQ(a["filtered"], 299);
  EXPECT_EQ(a["delivered"], 599);
  EXPECT_EQ(b["received"], 898);
  EXPECT_EQ(b["filtered"], 599);
  EXPECT_EQ(b["delivered"], 299);
  EXPECT_EQ(a["retries"], 0);
  EXPECT_EQ(a["lost"], 0);
  // latency: one hop to the broker is not counted; filter -> subscriber: hop 0.5 ms + 1 ms.
  EXPECT_NEAR(a["latency_ms"]["p50"].get<double>(), 1.5, 1e-6);
  EXPECT_EQ(o.attempts.size(), 898u);  // one attempt per delivered event
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingScenario, AlwaysFailingSubscriberIsDeadLetteredAfterFourAttempts) {
  // retry 3, linear backoff PT1S: waits 0 s, 1 s, 2 s between the 4 attempts (docs/spec/eventing.md:
  // linear d*(k-1), "the first retry of a linear policy is immediate"); every finished event is
  // dead-lettered. 1 event/s for 20 s: events at 1 .. 19 s. Event at t: answers at t + 1 ms (hop
  // to the broker + hop to the subscriber), t + 1.5 ms, t + 1.002, t + 3.0025, DLS at t + 3.003:
  // finished before 20 s for t <= 16: 16 dead-lettered, 3 still in flight (lost). Retries: 3 per
  // finished event (48), and those decided before 20 s for t = 17, 18 (3 each), 19 (2): 56.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: failing}
spec:
  broker: default
  subscriber: {uri: http://down.example.com}
  delivery:
    retry: 3
    backoffPolicy: linear
    backoffDelay: PT1S
    deadLetterSink: {uri: http://dlq.example.com}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: dlq}
spec:
  duration: 20s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://down.example.com, status: {"500": 1}, latency: 0s}
      - {uri: http://dlq.example.com, latency: 0s}
)");
  const auto t = find(o.summary["eventing"]["triggers"], "default/failing");
  EXPECT_EQ(t["delivered"], 0);
  EXPECT_EQ(t["filtered"], 0);
  EXPECT_EQ(t["received"], 19);
  const long dl = t["dead_lettered"].get<long>();
  EXPECT_EQ(dl, 16);
  EXPECT_EQ(t["lost"], 3);
  EXPECT_EQ(t["retries"], 56);
  // Per finished event: attempts 1..4 (500, retry x3 then dead_letter) then the DLS (dead_lettered).
  std::map<std::string, std::vector<nlohmann::json>> by_event;
  for (const auto& a : o.attempts) by_event[a["event_id"].get<std::string>()].push_back(a);
  int complete = 0;
  for (const auto& [id, v] : by_event) {
    if (v.size() < 5) continue;
    ++complete;
    ASSERT_EQ(v.size(), 5u) << id;
    for (int k = 0; k < 3; ++k) {
      EXPECT_EQ(v[static_cast<std::size_t>(k)]["attempt"], k + 1);
      EXPECT_EQ(v[static_cast<std::size_t>(k)]["status"], 500);
      EXPECT_EQ(v[static_cast<std::size_t>(k)]["outcome"], "retry");
    }
    EXPECT_EQ(v[3]["attempt"], 4);
    EXPECT_EQ(v[3]["outcome"], "dead_letter");
    EXPECT_EQ(v[4]["outcome"], "dead_lettered");
    // Gaps between attempts: the backoff (0, 1, 2 s) + one hop (0.5 ms) to the subscriber.
    for (int k = 1; k < 4; ++k) {
      const double gap = v[static_cast<std::size_t>(k)]["t_s"].get<double>() - v[static_cast<std::size_t>(k - 1)]["t_s"].get<double>();
      EXPECT_NEAR(gap, (k - 1) * 1.0 + 0.0005, 1e-9) << id << " attempt " << k + 1;
    }
  }
  EXPECT_EQ(complete, dl);
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingScenario, PingSourceEveryMinuteForTenMinutesSendsTen) {
  // "* * * * *" from t = 0 (2026-01-01T00:00:00Z) for 10 min: ticks at 0, 1, ..., 9 min (+ jitter
  // below 0.5 s) -> 10 events, all delivered to the channel's subscription.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata: {name: ticks}
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata: {name: ticker}
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: ticks}
  subscriber: {uri: http://tick.example.com}
---
apiVersion: sources.knative.dev/v1
kind: PingSource
metadata: {name: every-minute}
spec:
  schedule: "* * * * *"
  sink: {ref: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: ticks}}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: ping}
spec:
  duration: 10m
)") + kCluster);
  const auto& ev = o.summary["eventing"];
  const auto src = find(ev["sources"], "pingsource/default/every-minute");
  EXPECT_EQ(src["sent"], 10);
  EXPECT_EQ(src["accepted"], 10);
  const auto s = find(ev["subscriptions"], "default/ticker");
  EXPECT_EQ(s["received"], 10);
  EXPECT_EQ(s["delivered"], 10);
  ASSERT_EQ(o.attempts.size(), 10u);
  for (std::size_t i = 0; i < o.attempts.size(); ++i) {
    const double t = o.attempts[i]["t_s"].get<double>();
    EXPECT_GE(t, 60.0 * static_cast<double>(i));
    EXPECT_LT(t, 60.0 * static_cast<double>(i) + 0.51);
    EXPECT_EQ(o.attempts[i]["subscription"], "default/ticker");
  }
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingScenario, ContainerSourceAndSinkBindingSendAtTheirAnnotatedRate) {
  // ContainerSource at knsim.dev/rate "2" for 60 s: events at 0, 0.5, ..., 59.5 s -> 120, all
  // delivered by the channel's subscription. SinkBinding at "0.5" into the Broker: 0, 2, ..., 58 s
  // -> 30, all through the Trigger.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata: {name: work}
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata: {name: worker}
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: work}
  subscriber: {uri: http://worker.example.com}
---
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: bound}
spec:
  broker: default
  filter: {attributes: {type: dev.knative.sources.sinkbinding}}
  subscriber: {uri: http://bound.example.com}
---
apiVersion: sources.knative.dev/v1
kind: ContainerSource
metadata:
  name: heartbeat
  annotations: {knsim.dev/rate: "2"}
spec:
  template: {spec: {containers: [{image: example.com/heartbeat:1}]}}
  sink: {ref: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: work}}
---
apiVersion: sources.knative.dev/v1
kind: SinkBinding
metadata:
  name: binder
  annotations: {knsim.dev/rate: "0.5"}
spec:
  subject: {apiVersion: apps/v1, kind: Deployment, name: app}
  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: rate-sources}
spec:
  duration: 60s
)") + kCluster);
  const auto& ev = o.summary["eventing"];
  const auto c = find(ev["sources"], "containersource/default/heartbeat");
  EXPECT_EQ(c["sent"], 120);
  EXPECT_EQ(c["accepted"], 120);
  EXPECT_EQ(c["failed"], 0);
  const auto b = find(ev["sources"], "sinkbinding/default/binder");
  EXPECT_EQ(b["sent"], 30);
  EXPECT_EQ(b["accepted"], 30);
  const auto s = find(ev["subscriptions"], "default/worker");
  EXPECT_EQ(s["received"], 120);
  EXPECT_EQ(s["delivered"], 120);
  const auto t = find(ev["triggers"], "default/bound");
  EXPECT_EQ(t["received"], 30);
  EXPECT_EQ(t["filtered"], 0);
  EXPECT_EQ(t["delivered"], 30);
  // The first delivery of each is at t = 0 (+ hops), none at or after 60 s.
  ASSERT_EQ(o.attempts.size(), 150u);
  EXPECT_LT(o.attempts.front()["t_s"].get<double>(), 0.1);
  for (const auto& a : o.attempts) EXPECT_LT(a["t_s"].get<double>(), 60.0);
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingScenario, ApiServerSourceSeesEveryPodTheRunCreates) {
  // The ksvc's pods (the first at t = 0, scale to zero in the silence, a new one for the second
  // burst) are watched by an ApiServerSource (v1 Pod, Reference mode) into the Broker: one
  // dev.knative.apiserver.ref.add per pod_phase "Created" event of events.jsonl (the pod of t = 0
  // through the informer's initial list), an update/delete per later phase change; a second source
  // watching only Deployments sends one add (the revision's Deployment). The producer's 60 + 60 events of type T are filtered.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers: [{image: example.com/hello:1}]
---
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: to-hello}
spec:
  broker: default
  filter: {attributes: {type: T}}
  subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: hello}}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: pod-added}
spec:
  broker: default
  filter: {attributes: {type: dev.knative.apiserver.ref.add}}
  subscriber: {uri: http://audit.example.com}
---
apiVersion: sources.knative.dev/v1
kind: ApiServerSource
metadata: {name: pods}
spec:
  mode: Reference
  resources: [{apiVersion: v1, kind: Pod}]
  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
---
apiVersion: sources.knative.dev/v1
kind: ApiServerSource
metadata: {name: deployments}
spec:
  resources: [{apiVersion: apps/v1, kind: Deployment}]
  sink: {uri: http://audit.example.com}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: apiserver}
spec:
  duration: 5m
)") + kCluster + R"(
  eventing:
    producers:
      - name: p
        broker: default
        type: T
        arrivals: {steps: [{at: 0s, rate: 2}, {at: 30s, rate: 0}, {at: 4m, rate: 2}, {at: 4m30s, rate: 0}]}
)");
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::ifstream in(test::binary_dir() / "eventing-scratch" /
                   (std::string(info->test_suite_name()) + "." + info->name()) / "out" / "events.jsonl");
  long created = 0, changes = 0, at_zero = 0;  // at_zero: phase changes of t = 0 (before the watch)
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j["kind"] != "pod_phase" || j["to"] == "") continue;
    ++changes;
    if (j["reason"] == "Created") ++created;
    if (j["t_s"].get<double>() == 0.0) ++at_zero;
  }
  EXPECT_GE(created, 2);  // the pod at t = 0 and the one of the cold start at 4 min
  const auto& ev = o.summary["eventing"];
  const auto src = find(ev["sources"], "apiserversource/default/pods");
  // The t = 0 pod: one add from the list instead of its at_zero phase changes.
  EXPECT_EQ(src["sent"].get<long>(), changes - at_zero + 1);
  EXPECT_EQ(src["accepted"], src["sent"]);
  const auto added = find(ev["triggers"], "default/pod-added");
  const long producer = find(ev["sources"], "producer/p")["sent"].get<long>();
  EXPECT_EQ(added["received"].get<long>(), src["sent"].get<long>() + producer);
  EXPECT_EQ(added["delivered"].get<long>(), created);
  // The revision's Deployment (apps/v1) is in the initial list: one add.
  EXPECT_EQ(find(ev["sources"], "apiserversource/default/deployments")["sent"], 1);
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingScenario, KnativeServiceSubscriberScalesFromZeroThroughTheActivator) {
  // The ksvc starts with one pod, scales to zero in the silence (0.5 min..4 min), and the second
  // burst reaches it through the activator with a cold start. Every event is delivered.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers: [{image: example.com/hello:1}]
---
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: to-hello}
spec:
  broker: default
  subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: hello}}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: ksvc}
spec:
  duration: 5m
)") + kCluster + R"(
  eventing:
    producers:
      - name: p
        broker: default
        type: T
        arrivals: {steps: [{at: 0s, rate: 2}, {at: 30s, rate: 0}, {at: 4m, rate: 2}, {at: 4m30s, rate: 0}]}
)");
  const auto t = find(o.summary["eventing"]["triggers"], "default/to-hello");
  EXPECT_GT(t["received"].get<long>(), 60);
  EXPECT_EQ(t["delivered"], t["received"]);
  EXPECT_EQ(o.summary["requests"]["total"], t["received"]);  // each delivery is one request through the Route
  EXPECT_GT(o.summary["cold_start_requests"].get<long>(), 0);
  // A cold start (container start ~0.8 s median) makes the p99 delivery latency far above the 50 ms request.
  EXPECT_GT(t["latency_ms"]["p99"].get<double>(), 500.0);
  EXPECT_GE(t["latency_ms"]["max"].get<double>(), t["latency_ms"]["p99"].get<double>());
  EXPECT_LE(t["latency_ms"]["p50"].get<double>(), t["latency_ms"]["p99"].get<double>());
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingScenario, IngressAnswers500WhenADeliveryIsLostAndNothingIsUnaccounted) {
  // No retries, no dead-letter sink, a subscriber that always answers 500: every event is lost, and
  // the broker ingress (which answers once every trigger's delivery ended) answers the producer 500.
  // The second trigger filters everything out. 1 event/s for 10 s: events at 1 .. 9 s.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
spec:
  delivery: {retry: 0}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: broken}
spec:
  broker: default
  subscriber: {uri: http://down.example.com}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: other}
spec:
  broker: default
  filter: {attributes: {type: never}}
  subscriber: {uri: http://down.example.com}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: lost}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://down.example.com, status: {"500": 1}, latency: 0s}
)");
  const auto& ev = o.summary["eventing"];
  const auto broken = find(ev["triggers"], "default/broken"), other = find(ev["triggers"], "default/other");
  EXPECT_EQ(broken["received"], 9);
  EXPECT_EQ(broken["lost"], 9);
  EXPECT_EQ(broken["delivered"], 0);
  EXPECT_EQ(broken["retries"], 0);
  EXPECT_EQ(other["received"], 9);
  EXPECT_EQ(other["filtered"], 9);
  const auto src = find(ev["sources"], "producer/p");
  EXPECT_EQ(src["sent"], 9);
  EXPECT_EQ(src["failed"], 9);
  EXPECT_EQ(src["accepted"], 0);
  ASSERT_EQ(o.attempts.size(), 9u);
  for (const auto& a : o.attempts) {
    EXPECT_EQ(a["outcome"], "lost");
    EXPECT_EQ(a["status"], 500);
  }
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingScenario, SequenceStepsReceiveThePreviousStepsReply) {
  // Producer -> channel `in` -> Subscription `to-seq` -> Sequence `seq` (3 uri steps). Step 0
  // always replies (type step0.done), step 1 replies with probability 0 (an empty 200), so step 2
  // never receives anything. 2 events/s for 10 s: 19 events (0.5 .. 9.5 s).
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
  steps: [{uri: http://s0}, {uri: http://s1}, {uri: http://s2}]
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: seq}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, channel: in, type: T, arrivals: {constant: {rate: 2}}}
    subscribers:
      - {uri: http://s0, latency: 1ms, reply: {type: step0.done}}
      - {uri: http://s1, latency: 1ms, reply: {probability: 0, type: step1.done}}
)");
  const auto& subs = o.summary["eventing"]["subscriptions"];
  EXPECT_EQ(find(subs, "default/to-seq")["delivered"], 19);
  EXPECT_EQ(find(subs, "default/seq-kn-sequence-0")["received"], 19);
  EXPECT_EQ(find(subs, "default/seq-kn-sequence-0")["delivered"], 19);
  EXPECT_EQ(find(subs, "default/seq-kn-sequence-1")["received"], 19);
  EXPECT_EQ(find(subs, "default/seq-kn-sequence-1")["delivered"], 19);
  EXPECT_EQ(find(subs, "default/seq-kn-sequence-2")["received"], 0);
  EXPECT_EQ(find(o.summary["eventing"]["sources"], "producer/p")["accepted"], 19);
  expect_balanced(o.summary);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
