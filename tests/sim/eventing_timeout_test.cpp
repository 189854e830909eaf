// delivery.timeout for a Knative Service subscriber: the dispatcher's HTTP client gives up at
// t_send + timeout (a transport error, status 0) while the request goes on in the cluster and its
// late answer is ignored. Counts and times worked out by hand. One run per process.
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

TEST(EventingTimeout, KsvcSubscriberAttemptEndsAtTheTimeoutAndTheRequestGoesOn) {
  // One event (constant 0.2/s in 10 s: t = 5 s only). The ksvc `slow` (one pod from t = 0) is
  // busy 3 s per request; delivery timeout 0.1 s, retry 1, no backoff (retries at once), no DLS.
  // Attempt 1 is sent right after the broker got the event (5 s + one hop) and fails 0.1 s later
  // (status 0, retry); attempt 2 is sent then and fails 0.1 s later (lost). Nothing else is
  // emitted: both requests still finish in the cluster near 8 s and 8.1 s (succeeded), but their
  // answers are ignored. The broker answers the producer 500 (the delivery was lost).
  const Outputs o = run_yaml(std::string(R"(
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: slow}
spec:
  template:
    spec:
      containers: [{image: example.com/slow:1}]
---
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: t}
spec:
  broker: default
  subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: slow}}
  delivery: {retry: 1, timeout: PT0.1S}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: ksvc-timeout}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: x, arrivals: {constant: {rate: 0.2}}}
    subscribers:
      - {service: slow, cpu: 1ms, wait: 3s}
)");
  ASSERT_EQ(o.attempts.size(), 2u);
  const double t1 = o.attempts[0]["t_s"].get<double>(), t2 = o.attempts[1]["t_s"].get<double>();
  EXPECT_GT(t1, 5.1);
  EXPECT_LT(t1, 5.102);  // 5 s + hops + 0.1 s, far before the 3 s answer
  EXPECT_NEAR(t2 - t1, 0.1, 1e-9);
  EXPECT_EQ(o.attempts[0]["status"], 0);
  EXPECT_EQ(o.attempts[0]["outcome"], "retry");
  EXPECT_EQ(o.attempts[1]["status"], 0);
  EXPECT_EQ(o.attempts[1]["outcome"], "lost");
  const auto& ev = o.summary["eventing"];
  const auto t = find(ev["triggers"], "default/t");
  EXPECT_EQ(t["received"], 1);
  EXPECT_EQ(t["retries"], 1);
  EXPECT_EQ(t["delivered"], 0);
  EXPECT_EQ(t["lost"], 1);
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["sent"], 1);
  EXPECT_EQ(p["failed"], 1);
  // The two requests went on in the cluster and finished there (not cut at 0.1 s).
  EXPECT_EQ(o.summary["requests"]["total"], 2);
  EXPECT_EQ(o.summary["requests"]["succeeded"], 2);
  EXPECT_EQ(o.summary["requests"]["failed"], 0);
  expect_balanced(o.summary);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
