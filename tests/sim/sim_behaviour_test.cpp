// Behaviour of the simulated cluster against numbers worked out by hand. Each TEST runs one
// SimGrid engine, so each runs in its own process (gtest_discover_tests).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

using reports::FailureReason;

// 100 req/s x 0.5 s = 50 in flight; containerConcurrency 10 -> target 10 * 0.7 = 7 per pod;
// ceil(50 / 7) = 8 pods once the panic caused by the start-up burst has ended.
TEST(SimBehaviour, SteadyStatePodsForRateAndTarget) {
  SimInput in = base_input(400);
  in.services.push_back(make_service("hello", 10));
  in.scenario.workloads.push_back(workload("hello", constant_rate(100), 0.0, 0.5));
  SimRun run(std::move(in));
  run.to(400);
  const auto rows = run.rows("hello-00001");
  ASSERT_FALSE(rows.empty());
  const auto& last = rows.back();
  EXPECT_EQ(last.desired_pods, 8);
  EXPECT_EQ(last.ready_pods, 8);
  EXPECT_NEAR(last.observed_stable, 50.0, 0.5);
  EXPECT_FALSE(last.panic);
  EXPECT_NEAR(last.concurrency, 50.0, 1.0);
}

// Load stops at t = 100 s. Serve mode (target-burst-capacity 0): the linear stable window (60 s)
// drains to 0 at about t = 160 s; the PA then goes Inactive, the SKS switches to Proxy and the
// last pod goes after the 30 s grace period: about t = 190 s (stable window + grace after the
// last request), give or take the 2 s tick.
TEST(SimBehaviour, ScaleToZeroAfterStableWindowPlusGrace) {
  SimInput in = base_input(300);
  in.autoscaler.target_burst_capacity = 0;
  in.services.push_back(make_service("hello", 10));
  models::ArrivalSpec steps;
  steps.kind = models::ArrivalSpec::Kind::kSteps;
  steps.steps = {{0, 10}, {100, 0}};
  in.scenario.workloads.push_back(workload("hello", steps, 0.0, 0.1));
  SimRun run(std::move(in));
  run.to(300);
  double zero_at = -1;
  for (const auto& [t, e] : run.events_of<reports::ScaleEvent>())
    if (e.to_pods == 0) zero_at = t;
  ASSERT_GT(zero_at, 0) << "never scaled to zero";
  EXPECT_GE(zero_at, 100 + 60 + 30 - 1);
  EXPECT_LE(zero_at, 100 + 60 + 30 + 5);
  double proxy_at = -1;
  for (const auto& [t, e] : run.events_of<reports::ModeSwitch>())
    if (e.mode == "Proxy" && t > 100) proxy_at = t;
  EXPECT_GE(proxy_at, 158);
  EXPECT_LE(proxy_at, 166);
  EXPECT_EQ(run.rows("hello-00001").back().pods, 0);
}

// After scale to zero, one request at t = 199.999 s: the activator pokes the autoscaler (desired 0,
// concurrency 1 -> 1 pod at once, created at 199.9998 after the ingress->activator hop), the pod
// needs scheduling 0.1 (bound at 200.0998; image cached on the node, no pull) + container start
// 1.0 (listening at 201.0998). The kubelet probes every 0.5 s from the container's start: Ready at
// 201.0998; the activator's own probe runs on the clock's 0.2 s grid and passes at 201.2
// (core/kubernetes/readiness_probe). Then activator->pod and pod->activator->ingress hops, 3 x 0.5
// ms, reach the pod at 201.2005 and come back 0.001 s after the 50 ms of wait:
// latency = 201.2 - 199.999 + 0.0005 + 0.05 + 0.001 = 1.2525 s (within 1 ms: the hops).
TEST(SimBehaviour, ColdStartLatencyIsTheSumOfStartupPhases) {
  SimInput in = base_input(260, 1);
  in.services.push_back(make_service("hello", 0));
  models::ArrivalSpec steps;
  steps.kind = models::ArrivalSpec::Kind::kSteps;
  steps.steps = {{0, 0}, {199.999, 1000}, {200.0, 0}};  // exactly one request just before 200 s
  in.scenario.workloads.push_back(workload("hello", steps, 0.0, 0.05));
  SimRun run(std::move(in));
  run.to(199);
  ASSERT_EQ(run.rows("hello-00001").back().pods, 0) << "not scaled to zero before the request";
  run.to(260);
  run.sim->finish();
  const auto& st = run.sim->stats();
  ASSERT_EQ(st.total_arrivals(), st.total_succeeded() + st.total_failed());
  ASSERT_GE(st.total_succeeded(), 1);
  EXPECT_EQ(st.cold_start_requests(), st.total_succeeded());
  EXPECT_NEAR(st.latency().max(), 1.2525, 0.001);
  const auto cold = run.events_of<reports::ColdStart>();
  ASSERT_EQ(cold.size(), 1u);
}

// Image pull: a 20 MiB image at 10 MiB/s takes 2 s on a node without it (Pulling -> Starting).
// min-scale 2 with initial scale 1: one pod is placed before t = 0 (image cached on worker-0), the
// second is created at t = 0 and lands on the empty worker-1, which must pull.
TEST(SimBehaviour, ImagePullTimeIsSizeOverBandwidth) {
  SimInput in = base_input(30, 2);
  in.scenario.cluster.pod_startup.image_pull_bandwidth = 10.0 * (1 << 20);
  in.services.push_back(make_service("hello", 10, {{"autoscaling.knative.dev/min-scale", "2"}}));
  auto w = workload("hello", constant_rate(1), 0.0, 0.01);
  w.image_size_bytes = 20ull << 20;
  in.scenario.workloads.push_back(w);
  SimRun run(std::move(in));
  run.to(30);
  std::map<std::string, double> pulling, starting, ready;
  for (const auto& [t, e] : run.events_of<reports::PodPhaseChange>()) {
    if (e.to == "Pulling") pulling[e.pod] = t;
    if (e.to == "Starting") starting[e.pod] = t;
    if (e.to == "Ready") ready[e.pod] = t;
  }
  ASSERT_EQ(pulling.size(), 1u);
  const std::string pod = pulling.begin()->first;
  EXPECT_NEAR(starting[pod] - pulling[pod], 2.0, 1e-9);
  // Starting at 2.1 (bound 0.1 + pull 2.0), listening at 3.1 (container start 1.0), the kubelet's
  // 0.5 s probe grid from 2.1 passes at 3.1, the activator's 0.2 s clock grid at 3.2: Ready.
  EXPECT_NEAR(starting[pod], 2.1, 1e-9);
  EXPECT_NEAR(ready[pod] - starting[pod], 1.1, 1e-9);
  EXPECT_EQ(run.rows("hello-00001").back().ready_pods, 2);
}

// v1 gets 70 %, v2 30 %: with N requests after the split is programmed, v2's count is binomial
// (N, 0.3); we accept 4 standard deviations.
TEST(SimBehaviour, TrafficSplitSeventyThirty) {
  SimInput in = base_input(200);
  in.services.push_back(make_service("hello", 10));
  auto v2 = make_service("hello", 10, {}, "img:v2");
  core::api::TrafficTarget a, b;
  a.revision_name = "hello-00001";
  a.percent = 70;
  b.latest_revision = true;
  b.percent = 30;
  v2.spec.route.traffic = {a, b};
  in.scenario.timeline.push_back({});
  in.scenario.timeline.back().at = 10;
  in.scenario.timeline.back().kind = models::TimelineAction::Kind::kApply;
  in.scenario.timeline.back().apply_source = "v2";
  in.timeline_services[0] = {v2};
  in.scenario.workloads.push_back(workload("hello", constant_rate(100), 0.0, 0.02));
  SimRun run(std::move(in));
  run.to(200);
  double n1 = 0, n2 = 0;
  for (const auto& s : run.samples) {
    if (s.t_s <= 30) continue;  // v2 is Ready and programmed well before 30 s
    (s.revision == "hello-00001" ? n1 : n2) += s.requests;
  }
  const double n = n1 + n2;
  ASSERT_GT(n, 10000);
  const double sigma = std::sqrt(n * 0.3 * 0.7);
  EXPECT_NEAR(n2, 0.3 * n, 4 * sigma);
  EXPECT_NEAR(run.rows("hello-00002").back().traffic_percent, 30, 1e-9);
  EXPECT_NEAR(run.rows("hello-00001").back().traffic_percent, 70, 1e-9);
}

// Overload, a node failure and the end of the run in flight: every arrival ends exactly once.
TEST(SimBehaviour, RequestsAreConservedUnderOverloadAndFailure) {
  SimInput in = base_input(120, 2);
  in.services.push_back(make_service("hello", 1, {{"autoscaling.knative.dev/max-scale", "2"},
                                                  {"autoscaling.knative.dev/target-burst-capacity", "0"}}));
  auto w = workload("hello", constant_rate(200), 0.02, 0.2);
  w.request.timeout = 5.0;
  in.scenario.workloads.push_back(w);
  in.scenario.timeline.push_back({});
  in.scenario.timeline.back().at = 60;
  in.scenario.timeline.back().kind = models::TimelineAction::Kind::kFailNode;
  in.scenario.timeline.back().node = "worker-0";
  SimRun run(std::move(in));
  run.to(120);
  run.sim->finish();
  const auto& st = run.sim->stats();
  EXPECT_EQ(st.total_arrivals(), st.total_succeeded() + st.total_failed());
  std::int64_t by_reason = 0;
  for (std::size_t r = 0; r < reports::kFailureReasonCount; ++r) by_reason += st.failed_by(static_cast<FailureReason>(r));
  EXPECT_EQ(by_reason, st.total_failed());
  EXPECT_GT(st.failed_by(FailureReason::kOverflow503), 0);
  EXPECT_GT(st.total_succeeded(), 0);
  EXPECT_NEAR(static_cast<double>(st.total_arrivals()), 200.0 * 120, 2);
}

// Two pods spread over two nodes (least allocated); worker-0 fails at 30 s, in Kubernetes' phases
// (core/kubernetes/node_lifecycle) with node-monitor-grace-period 10 s and a 20 s unreachable
// toleration: its in-flight requests fail as node_failure at 30 s, and so do the requests the
// ingress keeps sending to the dead pod while it is still an endpoint (Serve mode, TBC 0); at 40 s
// the node is NotReady and its pod Unknown (out of the endpoints: failures stop); at 60 s the pod
// is evicted (Failed) and the Deployment's replacement goes to worker-1: bound at 60.1, listening
// at 61.1 (kubelet probe on its 0.5 s grid from 60.1: Ready 61.1), the activator's 0.2 s probe grid
// at 61.2: Ready then.
TEST(SimBehaviour, NodeFailureKillsPodsAndReschedules) {
  SimInput in = base_input(70, 2);
  in.scenario.cluster.node_lifecycle.node_monitor_grace_period = 10;
  in.scenario.cluster.node_lifecycle.unreachable_toleration_seconds = 20;
  in.services.push_back(make_service("hello", 10, {{"autoscaling.knative.dev/min-scale", "2"},
                                                   {"autoscaling.knative.dev/target-burst-capacity", "0"}}));
  in.scenario.workloads.push_back(workload("hello", constant_rate(50), 0.0, 0.2));
  in.scenario.timeline.push_back({});
  in.scenario.timeline.back().at = 30;
  in.scenario.timeline.back().kind = models::TimelineAction::Kind::kFailNode;
  in.scenario.timeline.back().node = "worker-0";
  SimRun run(std::move(in));
  run.to(29);
  ASSERT_EQ(run.sim->nodes()[0].pods.size(), 1u);
  ASSERT_EQ(run.sim->nodes()[1].pods.size(), 1u);
  run.to(40.01);  // past NotReady and the last hop of a request sent just before it
  const auto at_failure = run.sim->stats().failed_by(FailureReason::kNodeFailure);
  // 50 requests/s, about half of them to the dead pod for 10 s, plus the ~5 running at 30 s.
  EXPECT_GT(at_failure, 150);
  EXPECT_LT(at_failure, 350);
  run.to(59.9);
  EXPECT_EQ(run.sim->stats().failed_by(FailureReason::kNodeFailure), at_failure) << "no failures after NotReady";
  EXPECT_EQ(run.sim->nodes()[0].pods.size(), 1u) << "not evicted before the toleration";
  run.to(70);
  run.sim->finish();
  EXPECT_TRUE(run.sim->nodes()[0].pods.empty());
  EXPECT_EQ(run.sim->nodes()[1].pods.size(), 2u);
  EXPECT_FALSE(run.sim->nodes()[0].up);
  std::map<std::string, double> first;  // first time of each phase after the failure
  for (const auto& [t, e] : run.events_of<reports::PodPhaseChange>())
    if (t >= 30 && !e.revision.empty() && !first.count(e.to)) first[e.to] = t;  // the revision's pods
  EXPECT_NEAR(first["Unknown"], 40, 1e-6);
  EXPECT_NEAR(first["Failed"], 60, 1e-6);
  EXPECT_NEAR(first["Ready"], 61.2, 1e-6);
  const auto nf = run.events_of<reports::NodeChange>();
  ASSERT_EQ(nf.size(), 1u);
  EXPECT_EQ(nf[0].second.pods_lost, 1);
  EXPECT_EQ(run.rows("hello-00001").back().ready_pods, 2);
}

// initial-scale 3, min-scale 1 and no traffic: the autoscaler wants 1 pod, so two idle pods go in
// one reconcile. An idle pod drains at once, and its end asks for another reconcile while the
// first is still terminating pods; that nested request must not terminate a pod twice. Each of
// the two pods goes Ready -> Terminating -> Terminated exactly once; one pod stays.
TEST(SimBehaviour, ScaleDownOfIdlePodsTerminatesEachPodOnce) {
  SimInput in = base_input(120);
  in.services.push_back(make_service(
      "hello", 10, {{"autoscaling.knative.dev/initial-scale", "3"}, {"autoscaling.knative.dev/min-scale", "1"}}));
  SimRun run(std::move(in));
  run.to(120);
  std::map<std::string, std::vector<std::string>> phases;
  for (const auto& [t, e] : run.events_of<reports::PodPhaseChange>()) phases[e.pod].push_back(e.to);
  ASSERT_EQ(phases.size(), 3u);
  int terminated = 0;
  for (const auto& [pod, seq] : phases) {
    const auto end = std::find(seq.begin(), seq.end(), "Terminated");
    if (end == seq.end()) continue;
    ++terminated;
    EXPECT_EQ(end + 1, seq.end()) << pod << ": a phase after Terminated";
    EXPECT_EQ(std::count(seq.begin(), seq.end(), "Terminating"), 1) << pod;
    EXPECT_EQ(*(end - 1), "Terminating") << pod;
  }
  EXPECT_EQ(terminated, 2);
  EXPECT_EQ(run.rows("hello-00001").back().pods, 1);
}

// resources.limits.cpu is the pod's quota, not each request's: n requests of 1 CPU-second arrive
// within 1 ms on one pod (8-core node, speed 1). Without a limit each runs on its own core and all
// end after 1 s. With a limit of L cores the pod has ceil(L) slots of L / ceil(L) cores: the last
// request ends after ceil(n / slots) / (L / slots) s, i.e. n / L when n is a multiple of the
// slots (L = 1, n = 4: 4 s; L = 2, n = 4: 2 s; L = 4, n = 4: 1 s; L = 500m, n = 1: 2 s).
// Arrivals are Poisson (n expected), so the expectation uses the count that arrived. Latency
// adds the 4 hops (ingress -> activator -> pod and back, 2 ms) and up to 1 ms of arrival spread.
// served_share is a revision's part of its own Service's requests: two Services with one revision
// each (100 % of their traffic) at different rates both serve 100 % of their Service's requests in
// every interval with requests, not 2/3 and 1/3 of the cluster's.
TEST(SimBehaviour, ServedShareIsPerService) {
  SimInput in = base_input(30);
  in.services.push_back(make_service("a", 0));
  in.services.push_back(make_service("b", 0));
  in.scenario.workloads.push_back(workload("a", constant_rate(20), 0.0, 0.01));
  in.scenario.workloads.push_back(workload("b", constant_rate(10), 0.0, 0.01));
  SimRun run(std::move(in));
  run.to(30);
  for (const char* rev : {"a-00001", "b-00001"}) {
    int with_requests = 0;
    for (const auto& row : run.rows(rev)) {
      if (row.requests == 0) continue;
      ++with_requests;
      EXPECT_DOUBLE_EQ(row.served_share, 1.0) << rev << " at " << row.t_s;
    }
    EXPECT_GE(with_requests, 25) << rev;
  }
}

struct CpuLimitCase {
  const char* limit;  // "" = none
  double value;
  int n;
  double seconds;
};
class CpuLimit : public ::testing::TestWithParam<CpuLimitCase> {};

// One Simulation per process: each case is its own test (gtest_discover_tests runs them apart).
TEST_P(CpuLimit, IsThePodsQuota) {
  const CpuLimitCase& c = GetParam();
  SimInput in = base_input(20, 1);
  auto svc = make_service("hello", 0, {{"autoscaling.knative.dev/min-scale", "1"}});
  if (*c.limit)
    svc.spec.configuration.revision_template.spec.containers[0].resources.limits.cpu = core::api::Quantity{c.limit, c.value};
  in.services.push_back(svc);
  models::ArrivalSpec steps;
  steps.kind = models::ArrivalSpec::Kind::kSteps;
  steps.steps = {{0, 0}, {9.999, c.n * 1000.0}, {10.0, 0}};  // n requests within the last ms before 10 s
  in.scenario.workloads.push_back(workload("hello", steps, 1.0, 0.0));
  SimRun run(std::move(in));
  run.to(20);
  run.sim->finish();
  const auto& st = run.sim->stats();
  const auto n = st.total_arrivals();
  ASSERT_GE(n, c.n == 1 ? 1 : 2) << "too few arrivals for a meaningful case";
  ASSERT_EQ(st.total_succeeded(), n);
  double seconds = 1.0;
  if (c.value > 0) {
    const double slots = std::ceil(c.value);
    seconds = std::ceil(static_cast<double>(n) / slots) / (c.value / slots);
  }
  if (n == c.n) {
    EXPECT_DOUBLE_EQ(seconds, c.seconds);  // the hand-worked figure above
  }
  EXPECT_NEAR(st.latency().max(), seconds + 0.002, 0.0012);
}

INSTANTIATE_TEST_SUITE_P(SimBehaviour, CpuLimit,
                         ::testing::Values(CpuLimitCase{"", 0, 4, 1.0}, CpuLimitCase{"1", 1, 4, 4.0},
                                           CpuLimitCase{"2", 2, 4, 2.0}, CpuLimitCase{"4", 4, 4, 1.0},
                                           CpuLimitCase{"500m", 0.5, 1, 2.0}),
                         [](const ::testing::TestParamInfo<CpuLimitCase>& i) {
                           std::string l = *i.param.limit ? i.param.limit : "none";
                           return "limit_" + l + "_requests_" + std::to_string(i.param.n);
                         });

}  // namespace
}  // namespace knsim::sim::testing

namespace knsim::sim::testing {
namespace {

// A node's cores are shared once its CPU phases need more than it has (sim/pod_cpu.cpp): n
// requests of 1 CPU-second arrive within 1 ms on one pod of a 2-core node (no CPU limit). The
// first two run at one core each, computed by knsim; the third takes the node over its capacity,
// so all move into SimGrid, which shares the 2 cores among the n: every request ends after about
// max(1, n / 2) s (n = 4: 2 s; n = 2: 1 s, the node never saturates). Latency adds the 4 hops
// (2 ms) and up to 1 ms of arrival spread.
class NodeSaturation : public ::testing::TestWithParam<int> {};

TEST_P(NodeSaturation, SharesTheCoresAmongAllPhases) {
  const int want_n = GetParam();
  SimInput in = base_input(20, 1);
  in.scenario.cluster.node_pools[0].cpu = 2;
  in.services.push_back(make_service("hello", 0, {{"autoscaling.knative.dev/min-scale", "1"}}));
  models::ArrivalSpec steps;
  steps.kind = models::ArrivalSpec::Kind::kSteps;
  steps.steps = {{0, 0}, {9.999, want_n * 1000.0}, {10.0, 0}};
  in.scenario.workloads.push_back(workload("hello", steps, 1.0, 0.0));
  SimRun run(std::move(in));
  run.to(20);
  run.sim->finish();
  const auto& st = run.sim->stats();
  const auto n = st.total_arrivals();
  ASSERT_GE(n, 1);
  ASSERT_EQ(st.total_succeeded(), n);
  const double seconds = std::max(1.0, static_cast<double>(n) / 2);
  EXPECT_NEAR(st.latency().max(), seconds + 0.002, 0.002) << n << " requests";
  EXPECT_NEAR(st.latency().min(), seconds + 0.002, 0.002) << "all end together (" << n << " requests)";
}

INSTANTIATE_TEST_SUITE_P(SimBehaviour, NodeSaturation, ::testing::Values(2, 4, 6),
                         [](const ::testing::TestParamInfo<int>& i) { return "requests_" + std::to_string(i.param); });

// Requests that time out while their node is saturated leave its shared CPU at once. A 2-core
// node, 1.2 CPU-second requests, timeoutSeconds 3: a burst at t = 10 (6 requests) shares the
// cores, a third of a core each, and times out at 13 with 0.2 CPU-second left each. A second
// burst at 13.5 (k = 4 requests) then has the node to itself: its requests end together after
// 4 x 1.2 / 2 = 2.4 s. Had the first burst stayed in the node's share until its end, the second
// would share the node with it and take 3 s (and time out).
TEST(SimBehaviour, TimedOutPhasesLeaveTheSaturatedNodesShare) {
  SimInput in = base_input(20, 1);
  in.scenario.cluster.node_pools[0].cpu = 2;
  in.services.push_back(make_service("hello", 0, {{"autoscaling.knative.dev/min-scale", "1"}}));
  in.services[0].spec.configuration.revision_template.spec.timeout_seconds = 3;
  models::ArrivalSpec steps;
  steps.kind = models::ArrivalSpec::Kind::kSteps;
  steps.steps = {{0, 0}, {9.999, 8000.0}, {10.0, 0}, {13.499, 1000.0}, {13.5, 0}};  // Poisson: 6, then 4 (seed 7)
  in.scenario.workloads.push_back(workload("hello", steps, 1.2, 0.0));
  SimRun run(std::move(in));
  run.to(20);
  run.sim->finish();
  const auto& st = run.sim->stats();
  const auto failures = run.events_of<reports::RequestFailureSummary>();
  std::int64_t timed_out = 0;
  for (const auto& [t, f] : failures) {
    EXPECT_EQ(f.reason, "timeout");
    EXPECT_NEAR(t, 13.0, 0.5) << "the first burst times out at 13";
    timed_out += f.count;
  }
  ASSERT_GE(timed_out, 3) << "the first burst saturates the node";
  const auto k = st.total_succeeded();
  ASSERT_EQ(k, 4);
  EXPECT_EQ(st.total_arrivals(), timed_out + k);
  const double seconds = static_cast<double>(k) * 1.2 / 2;
  EXPECT_NEAR(st.latency().min(), seconds + 0.002, 0.002) << k << " requests of the second burst";
  EXPECT_NEAR(st.latency().max(), seconds + 0.002, 0.002) << k << " requests of the second burst";
}

}  // namespace
}  // namespace knsim::sim::testing
