// Retry-After from a scenario: a subscriber with `retryAfter` answers 429/503 with
// `Retry-After: <seconds>`; the dispatcher waits max(Backoff(n), min(Retry-After, retryAfterMax))
// only when retryAfterMax is set, which knative-eventing/config-features `delivery-retryafter:
// enabled` allows (docs/spec/eventing.md §4.1, §4.2). Times worked out by hand. One run per
// process.
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

const char* kFeatures = R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: config-features, namespace: knative-eventing}
data:
  delivery-retryafter: enabled
---)";

// One event (constant 0.2/s for 10 s: t = 5 s only) to broker `default`; the subscriber always
// answers `status` after 1 ms, with Retry-After 2 s. Delivery: retry 2, exponential PT0.1S.
std::string scenario(bool feature, const std::string& delivery, const std::string& status) {
  return std::string(feature ? kFeatures : "") + R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t}
spec:
  broker: default
  subscriber: {uri: http://sub.example.com}
  delivery: )" + delivery + R"(
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: retry-after}
spec:
  duration: 10s
)" + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: x, arrivals: {constant: {rate: 0.2}}}
    subscribers:
      - {uri: http://sub.example.com, status: {")" + status + R"(": 1}, latency: 1ms, retryAfter: 2s}
)";
}

// An attempt's delivery_attempt is emitted when its answer arrives: one hop (0.5 ms) plus the
// subscriber's 1 ms after it was sent. The event leaves the producer at 5 s and reaches ingress
// (and the trigger's dispatcher) at 5.0005 s: attempt 1 ends at 5.002 s. The gap between two
// answers is wait + 1.5 ms (1 s wait: 5.002, 6.0035, 7.005).
void expect_gaps(const Outputs& o, int status, const std::vector<double>& waits) {
  ASSERT_EQ(o.attempts.size(), waits.size() + 1);
  EXPECT_NEAR(o.attempts[0]["t_s"].get<double>(), 5.002, 1e-9);
  for (std::size_t i = 0; i < o.attempts.size(); ++i) {
    EXPECT_EQ(o.attempts[i]["status"], status);
    EXPECT_EQ(o.attempts[i]["attempt"], static_cast<int>(i) + 1) << o.attempts[i].dump();
    EXPECT_EQ(o.attempts[i]["outcome"], i + 1 < o.attempts.size() ? "retry" : "lost");
  }
  for (std::size_t k = 0; k < waits.size(); ++k) {
    const double gap = o.attempts[k + 1]["t_s"].get<double>() - o.attempts[k]["t_s"].get<double>();
    EXPECT_NEAR(gap, waits[k] + 0.0015, 1e-9) << "before retry " << k + 1;
  }
  const auto t = find(o.summary["eventing"]["triggers"], "default/t");
  EXPECT_EQ(t["retries"], static_cast<int>(waits.size()));
  EXPECT_EQ(t["lost"], 1);
}

TEST(EventingRetryAfter, EnabledWaitsRetryAfterCappedByRetryAfterMax) {
  // Backoff(0) = 0.1 s, Backoff(1) = 0.2 s; Retry-After 2 s capped by retryAfterMax 1 s -> 1 s.
  // The wait is max(backoff, 1 s) = 1 s before both retries.
  const Outputs o = run_yaml(
      scenario(true, "{retry: 2, backoffPolicy: exponential, backoffDelay: PT0.1S, retryAfterMax: PT1S}", "503"));
  expect_gaps(o, 503, {1.0, 1.0});
  end_process();
}

TEST(EventingRetryAfter, EnabledUncappedWaitsTheFullRetryAfter) {
  // retryAfterMax PT5S does not cap the 2 s: waits 2 s, 2 s (429 is honoured like 503).
  const Outputs o = run_yaml(
      scenario(true, "{retry: 2, backoffPolicy: exponential, backoffDelay: PT0.1S, retryAfterMax: PT5S}", "429"));
  expect_gaps(o, 429, {2.0, 2.0});
  end_process();
}

TEST(EventingRetryAfter, FeatureDisabledKeepsTheBackoff) {
  // No config-features (delivery-retryafter disabled) so no retryAfterMax: Retry-After is ignored,
  // the exponential backoff 0.1 s, 0.2 s applies.
  const Outputs o = run_yaml(scenario(false, "{retry: 2, backoffPolicy: exponential, backoffDelay: PT0.1S}", "503"));
  expect_gaps(o, 503, {0.1, 0.2});
  end_process();
}

TEST(EventingRetryAfter, EnabledWithoutRetryAfterMaxKeepsTheBackoff) {
  // The flag alone does nothing: Knative reads Retry-After only when retryAfterMax is set.
  const Outputs o = run_yaml(scenario(true, "{retry: 2, backoffPolicy: exponential, backoffDelay: PT0.1S}", "503"));
  expect_gaps(o, 503, {0.1, 0.2});
  end_process();
}

TEST(EventingRetryAfter, OtherStatusesIgnoreRetryAfter) {
  // A 500 carries no Retry-After (only 429 and 503 do), and core ignores it there anyway.
  const Outputs o = run_yaml(
      scenario(true, "{retry: 2, backoffPolicy: exponential, backoffDelay: PT0.1S, retryAfterMax: PT1S}", "500"));
  expect_gaps(o, 500, {0.1, 0.2});
  end_process();
}

TEST(EventingRetryAfter, SubscriptionHonoursRetryAfter) {
  // An InMemoryChannel subscription (no broker filter in between): same rule, 503 -> 1 s, 1 s.
  const Outputs o = run_yaml(std::string(kFeatures) + R"(
apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata: {name: ch}
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata: {name: s}
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: ch}
  subscriber: {uri: http://sub.example.com}
  delivery: {retry: 2, backoffPolicy: exponential, backoffDelay: PT0.1S, retryAfterMax: PT1S}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: retry-after-sub}
spec:
  duration: 10s
)" + kCluster + R"(
  eventing:
    producers:
      - {name: p, channel: ch, type: x, arrivals: {constant: {rate: 0.2}}}
    subscribers:
      - {uri: http://sub.example.com, status: {"503": 1}, latency: 1ms, retryAfter: 2s}
)");
  ASSERT_EQ(o.attempts.size(), 3u);
  for (std::size_t k = 0; k + 1 < o.attempts.size(); ++k) {
    const double gap = o.attempts[k + 1]["t_s"].get<double>() - o.attempts[k]["t_s"].get<double>();
    EXPECT_NEAR(gap, 1.0015, 1e-9) << "before retry " << k + 1;
  }
  EXPECT_EQ(o.attempts[2]["outcome"], "lost");
  end_process();
}

}  // namespace
}  // namespace knsim::sim
