// Eventing's accounting at the end of a run (issue 17's soak): every counter of summary.json is
// kept on its own, so received = filtered + delivered + dead_lettered + lost and
// sent = accepted + failed + in_flight are checks of the engine's bookkeeping; `lost` includes the
// chains still in flight at the end (as documented since the first release) and `in_flight` says
// how many. Counts worked out by hand. One run per process.
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

// Producers p (Broker) and q (channel c) send at a constant 1/s for 10 s: events at 1, 2, ..., 9 s
// (event n at n / rate while before the end). The uri http://slow answers 200 after a hop (0.5 ms)
// plus 4.5 s: an event sent at k s (at the broker at k + 0.0005) is answered at k + 4.501 s, so
// k = 1..5 are delivered before 10 s and k = 6..9 are still in flight when the run ends.
// Trigger `slow` (no filter) -> http://slow: received 9, delivered 5, in flight 4 (lost 4).
// Trigger `fail` (no filter) -> http://fail answering 500 at once, no retries, no DLS: lost 9, all ended.
// Trigger `other` (type y): all 9 filtered.
// Subscription `s` of channel c -> http://slow: as trigger `slow`.
// p's POST is answered after the whole fan-out: 500 (fail lost it) for k = 1..5, none yet for 6..9.
// q's POST: 202 for k = 1..5, in flight for 6..9.
TEST(EventingInFlight, ChainsOpenAtTheEndAreInFlightAndEveryCounterAddsUp) {
  const Outputs o = run_yaml(std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: slow}
spec:
  broker: default
  subscriber: {uri: http://slow}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: fail}
spec:
  broker: default
  subscriber: {uri: http://fail}
  delivery: {retry: 0}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: other}
spec:
  broker: default
  filter: {attributes: {type: y}}
  subscriber: {uri: http://slow}
---
apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata: {name: c}
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata: {name: s}
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: c}
  subscriber: {uri: http://slow}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: in-flight}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: x, arrivals: {constant: {rate: 1}}}
      - {name: q, channel: c, type: x, arrivals: {constant: {rate: 1}}}
    subscribers:
      - {uri: http://slow, latency: 4.5s}
      - {uri: http://fail, status: {"500": 1}, latency: 1ms}
)");
  const auto& ev = o.summary["eventing"];
  struct Want {
    const char* list;
    const char* name;
    long received, filtered, delivered, dead_lettered, lost, in_flight;
  };
  const Want wants[] = {
      {"triggers", "default/slow", 9, 0, 5, 0, 4, 4},
      {"triggers", "default/fail", 9, 0, 0, 0, 9, 0},
      {"triggers", "default/other", 9, 9, 0, 0, 0, 0},
      {"subscriptions", "default/s", 9, 0, 5, 0, 4, 4},
  };
  for (const Want& w : wants) {
    const auto c = find(ev[w.list], w.name);
    EXPECT_EQ(c["received"], w.received) << w.name;
    EXPECT_EQ(c["filtered"], w.filtered) << w.name;
    EXPECT_EQ(c["delivered"], w.delivered) << w.name;
    EXPECT_EQ(c["dead_lettered"], w.dead_lettered) << w.name;
    EXPECT_EQ(c["lost"], w.lost) << w.name;
    EXPECT_EQ(c["in_flight"], w.in_flight) << w.name;
  }
  struct WantSource {
    const char* name;
    long sent, accepted, failed, in_flight;
  };
  for (const WantSource& w : {WantSource{"producer/p", 9, 0, 5, 4}, WantSource{"producer/q", 9, 5, 0, 4}}) {
    const auto s = find(ev["sources"], w.name);
    EXPECT_EQ(s["sent"], w.sent) << w.name;
    EXPECT_EQ(s["accepted"], w.accepted) << w.name;
    EXPECT_EQ(s["failed"], w.failed) << w.name;
    EXPECT_EQ(s["in_flight"], w.in_flight) << w.name;
  }
  // The ended chains are exactly the delivery_attempt events that end a chain.
  std::map<std::string, int> ended;
  for (const auto& a : o.attempts) {
    const std::string who = a.value("trigger", "") + a.value("subscription", "");
    if (a["outcome"] == "lost" || a["outcome"] == "dead_letter_failed") ++ended[who + " lost"];
    if (a["outcome"] == "delivered") ++ended[who + " delivered"];
  }
  EXPECT_EQ(ended["default/fail lost"], 9);
  EXPECT_EQ(ended["default/slow lost"], 0) << "in flight, not ended";
  EXPECT_EQ(ended["default/slow delivered"], 5);
  EXPECT_EQ(ended["default/s delivered"], 5);
  expect_balanced(o.summary);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
