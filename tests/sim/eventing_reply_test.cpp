// Reply forwarding as the IMC dispatcher does it (docs/spec/eventing.md §2.3, §3.5, §5;
// event_dispatcher.go::send): a subscriber's reply is POSTed to the reply destination with the
// delivery's retry config, the chain (and the producer's answer) waits for it, and a reply that
// cannot be forwarded sends the ORIGINAL event to the dead-letter sink. Times: every hop is the
// cluster's 0.5 ms; a uri subscriber answers after hop + its latency. Counts worked out by hand.
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

std::vector<std::string> outcomes_of(const Outputs& o, const std::string& event_id) {
  std::vector<std::string> v;
  for (const auto& a : o.attempts)
    if (a["event_id"] == event_id) v.push_back(a["outcome"].get<std::string>());
  return v;
}

TEST(EventingReply, SubscriptionReplyToAFailingDestinationSendsTheOriginalToTheDls) {
  // Subscription s: subscriber http://s (1 ms, always replies type R) with spec.reply
  // http://bad (always 500); delivery retry 2, linear PT1S (waits 0 s, 1 s), DLS http://dls.
  // Event at t: channel at t+0.5 ms, subscriber answers t+2 ms (replied), reply attempts answer
  // at t+2.5 ms (500, retry now), t+3 ms (500, retry in 1 s), t+1.0035 s (500: reply_dead_letter),
  // the DLS accepts the original at t+1.004 s, the producer gets 202 at t+1.0045 s.
  // 1 event/s for 10 s: events at 1..9 s; the one of 9 s is still in its last reply wait at 10 s.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata: {name: in}
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata: {name: s}
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: in}
  subscriber: {uri: http://s}
  reply: {uri: http://bad}
  delivery:
    retry: 2
    backoffPolicy: linear
    backoffDelay: PT1S
    deadLetterSink: {uri: http://dls}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: reply-dls}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, channel: in, type: T, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://s, latency: 1ms, reply: {type: R}}
      - {uri: http://bad, status: {"500": 1}, latency: 0s}
      - {uri: http://dls, latency: 0s}
)");
  const auto& ev = o.summary["eventing"];
  const auto s = find(ev["subscriptions"], "default/s");
  EXPECT_EQ(s["received"], 9);
  EXPECT_EQ(s["delivered"], 0);  // the subscriber succeeded but its reply never got through
  EXPECT_EQ(s["dead_lettered"], 8);
  EXPECT_EQ(s["lost"], 1);      // the event of 9 s, in flight at the end
  EXPECT_EQ(s["retries"], 18);  // 2 reply retries per event
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["sent"], 9);
  EXPECT_EQ(p["accepted"], 8);  // the DLS accepted: 202
  EXPECT_EQ(p["failed"], 0);
  EXPECT_NEAR(p["latency_ms"]["p50"].get<double>(), 1004.5, 1e-6);
  const std::vector<std::string> want{"replied", "reply_retry", "reply_retry", "reply_dead_letter", "dead_lettered"};
  EXPECT_EQ(outcomes_of(o, "p-1"), want);
  const std::vector<std::string> in_flight{"replied", "reply_retry", "reply_retry"};
  EXPECT_EQ(outcomes_of(o, "p-9"), in_flight);
  for (const auto& a : o.attempts) {
    if (a["event_id"] != "p-1") continue;
    if (a["outcome"] == "reply_retry") {
      EXPECT_EQ(a["status"], 500);
    }
    if (a["outcome"] == "reply_dead_letter") {
      EXPECT_EQ(a["attempt"], 3);
    }
  }
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingReply, TriggerReplyRejectedByTheBrokerIsRetriedThenDeadLettered) {
  // Trigger first (type T) replies R through http://echo (1 ms); delivery retry 1, linear PT1S,
  // DLS http://dls. Trigger second (type R) always fails (500, no retry, no DLS), so the broker
  // answers the reply's POST 500. Event at t: ingress t+0.5 ms (second filters T), echo answers
  // t+2 ms (replied), reply reaches ingress t+2.5 ms (first filters R, second loses it at t+3 ms),
  // 500 back at t+3.5 ms (reply_retry, first linear retry immediate), ingress again t+4 ms, lost
  // again t+4.5 ms, 500 at t+5 ms (reply_dead_letter), DLS accepts t+5.5 ms, producer 202 at t+6 ms.
  // 1 event/s for 3 s: events at 1, 2 s.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: first}
spec:
  broker: default
  filter: {attributes: {type: T}}
  subscriber: {uri: http://echo}
  delivery: {retry: 1, backoffPolicy: linear, backoffDelay: PT1S, deadLetterSink: {uri: http://dls}}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: second}
spec:
  broker: default
  filter: {attributes: {type: R}}
  subscriber: {uri: http://down}
  delivery: {retry: 0}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: trigger-reply}
spec:
  duration: 3s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://echo, latency: 1ms, reply: {type: R}}
      - {uri: http://down, status: {"500": 1}, latency: 0s}
      - {uri: http://dls, latency: 0s}
)");
  const auto& ev = o.summary["eventing"];
  const auto first = find(ev["triggers"], "default/first"), second = find(ev["triggers"], "default/second");
  // Per event: first receives T and the reply twice (filtered), second receives T (filtered) and
  // the reply twice (lost).
  EXPECT_EQ(first["received"], 6);
  EXPECT_EQ(first["filtered"], 4);
  EXPECT_EQ(first["delivered"], 0);
  EXPECT_EQ(first["dead_lettered"], 2);
  EXPECT_EQ(first["retries"], 2);
  EXPECT_EQ(first["lost"], 0);
  EXPECT_EQ(second["received"], 6);
  EXPECT_EQ(second["filtered"], 2);
  EXPECT_EQ(second["lost"], 4);
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["accepted"], 2);
  EXPECT_NEAR(p["latency_ms"]["p50"].get<double>(), 6.0, 1e-6);
  const std::vector<std::string> want{"replied", "reply_retry", "reply_dead_letter", "dead_lettered"};
  EXPECT_EQ(outcomes_of(o, "p-1"), want);
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingReply, ProducerLatencyIncludesTheReplysFanOut) {
  // Trigger first (type T): http://echo answers after 1 ms with a reply of type R; trigger second
  // (type R): http://slow answers after 1 s. The producer's POST stays open until the reply's
  // fan-out ended: 0.5 (ingress) + 1.5 (echo) + 0.5 (reply to ingress) + 1000.5 (slow) + 0.5
  // (ingress answers the dispatcher) + 0.5 (ingress answers the producer) = 1004 ms. The triggers'
  // latency is their subscriber's: 1.5 ms and 1000.5 ms. 1 event/s for 5 s: events at 1..4 s,
  // every one answered by 5.004 s > 5 s except the last: 3 accepted.
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: first}
spec:
  broker: default
  filter: {attributes: {type: T}}
  subscriber: {uri: http://echo}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: second}
spec:
  broker: default
  filter: {attributes: {type: R}}
  subscriber: {uri: http://slow}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: reply-latency}
spec:
  duration: 5s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://echo, latency: 1ms, reply: {type: R}}
      - {uri: http://slow, latency: 1s}
)");
  const auto& ev = o.summary["eventing"];
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["sent"], 4);
  EXPECT_EQ(p["accepted"], 3);
  EXPECT_NEAR(p["latency_ms"]["p50"].get<double>(), 1004.0, 1e-6);
  EXPECT_NEAR(p["latency_ms"]["p99"].get<double>(), 1004.0, 1e-6);
  EXPECT_NEAR(p["latency_ms"]["max"].get<double>(), 1004.0, 1e-6);
  const auto first = find(ev["triggers"], "default/first"), second = find(ev["triggers"], "default/second");
  EXPECT_EQ(first["received"], 8);  // 4 T + 4 R
  EXPECT_EQ(first["filtered"], 4);
  EXPECT_EQ(first["delivered"], 3);  // the chain of 4 s waits for slow at 5 s
  EXPECT_NEAR(first["latency_ms"]["p50"].get<double>(), 1.5, 1e-6);
  EXPECT_EQ(second["delivered"], 3);
  EXPECT_NEAR(second["latency_ms"]["p50"].get<double>(), 1000.5, 1e-6);
  const std::vector<std::string> want{"replied", "delivered"};
  EXPECT_EQ(outcomes_of(o, "p-1"), want);
  expect_balanced(o.summary);
  end_process();
}

// The echo loop of spec §2.2: a subscriber that always replies with the type its own trigger
// accepts. The event and its replies pass ingress with TTL 255, 254, ..., 1 (255 deliveries); the
// 256th pass gets TTL 0 and ingress answers 400, which is not retried. One event at t = 1 s.
const char* kEchoLoop = R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
spec:
  delivery: {retry: 0}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: echo}
spec:
  broker: default
  filter: {attributes: {type: T}}
  subscriber: {uri: http://echo}
)";

std::string echo_scenario(const std::string& trigger_delivery) {
  return std::string(kEchoLoop) + trigger_delivery + R"(
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: echo}
spec:
  duration: 2s
)" + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://echo, latency: 1ms, reply: {type: T}}
)" + (trigger_delivery.empty() ? "" : "      - {uri: http://dls, latency: 0s}\n");  // a behaviour must be used
}

TEST(EventingReply, EchoLoopEndsAtTheTtlAndFailsBackToTheProducer) {
  // Without a DLS the 400 loses the innermost chain; each ingress then answers 500 to the chain
  // above it (retry 0): all 255 chains are lost and the producer gets 500, about 0.64 s later.
  const Outputs o = run_yaml(echo_scenario(""));
  const auto t = find(o.summary["eventing"]["triggers"], "default/echo");
  EXPECT_EQ(t["received"], 255);
  EXPECT_EQ(t["delivered"], 0);
  EXPECT_EQ(t["lost"], 255);
  const auto p = find(o.summary["eventing"]["sources"], "producer/p");
  EXPECT_EQ(p["sent"], 1);
  EXPECT_EQ(p["failed"], 1);
  long replied = 0, lost = 0, lost_400 = 0;
  for (const auto& a : o.attempts) {
    replied += a["outcome"] == "replied";
    lost += a["outcome"] == "lost";
    lost_400 += a["outcome"] == "lost" && a["status"] == 400;
  }
  EXPECT_EQ(replied, 255);
  EXPECT_EQ(lost, 255);
  EXPECT_EQ(lost_400, 1);  // the innermost; the others saw ingress's 500
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingReply, EchoLoopWithADlsDeadLettersOnlyTheInnermostChain) {
  // With a DLS the innermost chain's original event is dead-lettered (accepted), so every ingress
  // above answers 202: 254 chains delivered, 1 dead-lettered, the producer accepted.
  const Outputs o = run_yaml(echo_scenario("  delivery: {retry: 0, deadLetterSink: {uri: http://dls}}\n"));
  const auto t = find(o.summary["eventing"]["triggers"], "default/echo");
  EXPECT_EQ(t["received"], 255);
  EXPECT_EQ(t["delivered"], 254);
  EXPECT_EQ(t["dead_lettered"], 1);
  EXPECT_EQ(t["lost"], 0);
  const auto p = find(o.summary["eventing"]["sources"], "producer/p");
  EXPECT_EQ(p["accepted"], 1);
  long reply_dl = 0;
  for (const auto& a : o.attempts) reply_dl += a["outcome"] == "reply_dead_letter" && a["status"] == 400;
  EXPECT_EQ(reply_dl, 1);
  expect_balanced(o.summary);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
