// Several activators (scenario cluster.activators) with Knative's subsetting: worked out by hand
// against core/autoscaler's numActivators and activator_subset and core/dataplane's assignSlice.
// Each TEST that runs a Simulation is its own process (one SimGrid engine per process); the
// determinism test runs its two simulations in forked children.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "core/autoscaler/sks_mode.hpp"
#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

using reports::FailureReason;

const char* kTbc = "autoscaling.knative.dev/target-burst-capacity";

// CC 1, target-burst-capacity -1 (the activator always in path: Proxy), exactly one pod (min =
// max = 1, Ready at t = 0), 10 req/s of 1 s non-CPU wait for 10 s: arrivals at 0.1, 0.2, ...,
// 9.9 s = 99 requests. The pod runs one at a time, so 9 end by 10 s (at about 1.1, 2.1, ... 9.1 s)
// whatever the number of activators.
// numActivators = max(2, ceil(1 pod x TotalValue 0.7 / activator-capacity 100)) = 2.
SimInput one_pod_case(int activators, int pods = 1) {
  SimInput in = base_input(10, 1);
  in.scenario.cluster.activators = activators;
  in.services.push_back(make_service("hello", 1, {{kTbc, "-1"},
                                                  {"autoscaling.knative.dev/initial-scale", std::to_string(pods)},
                                                  {"autoscaling.knative.dev/min-scale", std::to_string(pods)},
                                                  {"autoscaling.knative.dev/max-scale", std::to_string(pods)}}));
  in.scenario.workloads.push_back(workload("hello", constant_rate(10), 0.0, 1.0));
  return in;
}

// Runs to `until` in 10 ms steps; returns the most requests a pod's queue-proxy held at once
// (running + waiting in its breaker queue).
std::int64_t run_and_peak_pod_requests(Simulation& sim, double until) {
  std::int64_t peak = 0;
  for (int k = 1; k <= static_cast<int>(std::lround(until * 100)); ++k) {
    sim.run_until(k / 100.0);
    for (std::uint32_t i = 0; i < sim.pods().size(); ++i) {
      if (sim.pods()[i].phase != PodPhase::kReady) continue;
      const auto& qp = sim.pod_proxy(PodId{i}).qp;
      peak = std::max(peak, qp.in_flight() + qp.queued());
    }
  }
  return peak;
}

std::int64_t activator_requests(const RevisionTraffic& r) {
  return std::accumulate(r.activators.begin(), r.activators.end(), std::int64_t{0},
                         [](std::int64_t s, const RevisionActivator& a) { return s + a.requests; });
}

// N = 1 is the former single activator: subset {activator-0} at index 0 of 1, every request goes
// through it, and its throttler (1 slot on the one pod) never sends the pod more than CC = 1.
TEST(SimActivators, OneActivatorNeverSendsAPodMoreThanCC) {
  Simulation sim(one_pod_case(1), nullptr);
  const std::int64_t peak = run_and_peak_pod_requests(sim, 10);
  const RevisionTraffic& r = sim.find_revision("hello-00001")->traffic;
  ASSERT_EQ(r.activators.size(), 1u);
  EXPECT_EQ(r.activator_subset, std::vector<int>{0});
  EXPECT_EQ(r.activators[0].subset_index, 0);
  EXPECT_EQ(sim.find_revision("hello-00001")->control.sks().spec.num_activators, 2);
  EXPECT_EQ(sim.find_revision("hello-00001")->control.sks().status.effective_mode, core::api::SksMode::kProxy);
  EXPECT_EQ(r.activators[0].throttler.capacity(), 1);
  EXPECT_EQ(peak, 1);
  EXPECT_EQ(r.activators[0].requests, sim.arrivals());
  EXPECT_EQ(sim.arrivals(), 99);
  EXPECT_EQ(sim.stats().total_succeeded(), 9);
}

// N = 3, numActivators 2: the subset is 2 of the 3 activators (rendezvous hash of
// "default/hello-00001"), indices 0 and 1 of 2. One pod, n = 2 > P = 1: each subset activator
// takes pod i mod 1 = 0 with CC = 1 slot, so the pod gets 2 requests at once (1 runs, 1 waits in
// its queue-proxy); the third activator receives nothing.
TEST(SimActivators, TwoSubsetActivatorsShareOnePodAndDoubleItsLoad) {
  Simulation sim(one_pod_case(3), nullptr);
  const std::int64_t peak = run_and_peak_pod_requests(sim, 10);
  const RevisionTraffic& r = sim.find_revision("hello-00001")->traffic;
  ASSERT_EQ(r.activators.size(), 3u);
  const auto want_names = core::autoscaler::activator_subset({"activator-0", "activator-1", "activator-2"}, 2,
                                                             "default/hello-00001");
  ASSERT_EQ(want_names.size(), 2u);
  ASSERT_EQ(r.activator_subset.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    const int ai = r.activator_subset[k];
    EXPECT_EQ("activator-" + std::to_string(ai), want_names[k]);
    const RevisionActivator& a = r.activators[static_cast<std::size_t>(ai)];
    EXPECT_EQ(a.subset_index, static_cast<int>(k));
    EXPECT_EQ(a.throttler.assigned_pods(), 1u);
    EXPECT_EQ(a.throttler.capacity(), 1);
    EXPECT_GT(a.requests, 10) << "uniform choice: about 50 each";
  }
  const int outside = 3 - r.activator_subset[0] - r.activator_subset[1];  // indices sum to 0+1+2
  EXPECT_EQ(r.activators[static_cast<std::size_t>(outside)].subset_index, -1);
  EXPECT_EQ(r.activators[static_cast<std::size_t>(outside)].requests, 0);
  EXPECT_EQ(activator_requests(r), sim.arrivals());
  EXPECT_EQ(sim.arrivals(), 99);
  EXPECT_EQ(sim.stats().total_succeeded(), 9);
  EXPECT_EQ(peak, 2);
}

// Two pods (IPs 10.244.0.2 and .3), N = 3, numActivators max(2, ceil(1.4 / 100)) = 2: assignSlice
// gives subset activator 0 the first pod and activator 1 the second, one slot each (outside the
// subset, index -1, each would take both pods with 2 slots and could send one pod 2 requests).
// So no pod ever holds more than CC = 1 request.
TEST(SimActivators, SubsetActivatorsTakeDisjointSlicesOfThePods) {
  Simulation sim(one_pod_case(3, 2), nullptr);
  const std::int64_t peak = run_and_peak_pod_requests(sim, 10);
  const RevisionTraffic& r = sim.find_revision("hello-00001")->traffic;
  ASSERT_EQ(sim.find_revision("hello-00001")->deployment.endpoints.size(), 2u);
  ASSERT_EQ(r.activator_subset.size(), 2u);
  for (int ai : r.activator_subset) {
    const RevisionActivator& a = r.activators[static_cast<std::size_t>(ai)];
    EXPECT_EQ(a.throttler.assigned_pods(), 1u);
    EXPECT_EQ(a.throttler.capacity(), 1);
    EXPECT_GT(a.requests, 10);
  }
  EXPECT_EQ(peak, 1);
  EXPECT_EQ(sim.stats().total_succeeded(), 18);  // two pods in parallel: 9 each
}

// A busy run with N = 3: CC 1, up to 4 pods, activator-capacity 1 so that numActivators grows with
// the ready pods (1 pod: max(2, ceil(0.7)) = 2; 3 or 4 pods: ceil(2.1) / ceil(2.8) = 3) and the
// subset changes mid-run; overload (200 req/s of 20 ms CPU + 200 ms wait, 5 s timeout) and a node
// failure at 60 s, which takes activator-0 and activator-2 (placed on worker-0) with it: until
// worker-0 is NotReady (110 s) the ingress's requests to them fail at once. Every arrival ends
// exactly once; every other request went through an activator.
SimInput busy_case() {
  SimInput in = base_input(120, 2);
  in.scenario.cluster.activators = 3;
  in.scenario.cluster.activator_pods = models::ActivatorPodSpec{};  // 300m each: spread over the nodes
  in.autoscaler.activator_capacity = 1;
  in.services.push_back(make_service("hello", 1, {{"autoscaling.knative.dev/max-scale", "4"}, {kTbc, "-1"}}));
  auto w = workload("hello", constant_rate(200), 0.02, 0.2);
  w.request.timeout = 5.0;
  in.scenario.workloads.push_back(w);
  in.scenario.timeline.push_back({});
  in.scenario.timeline.back().at = 60;
  in.scenario.timeline.back().kind = models::TimelineAction::Kind::kFailNode;
  in.scenario.timeline.back().node = "worker-0";
  return in;
}

TEST(SimActivators, BusyRunWithThreeActivatorsConservesRequests) {
  SimRun run(busy_case());
  std::size_t widest_subset = 0;
  for (double t = 1; t <= 120; t += 1) {
    run.to(t);
    widest_subset = std::max(widest_subset, run.sim->find_revision("hello-00001")->traffic.activator_subset.size());
  }
  run.sim->finish();
  const auto& st = run.sim->stats();
  EXPECT_EQ(st.total_arrivals(), st.total_succeeded() + st.total_failed());
  std::int64_t by_reason = 0;
  for (std::size_t k = 0; k < reports::kFailureReasonCount; ++k) by_reason += st.failed_by(static_cast<FailureReason>(k));
  EXPECT_EQ(by_reason, st.total_failed());
  EXPECT_GT(st.failed_by(FailureReason::kNodeFailure) + st.failed_by(FailureReason::kTimeout), 0);
  EXPECT_GT(st.total_succeeded(), 0);
  EXPECT_NEAR(static_cast<double>(st.total_arrivals()), 200.0 * 120, 2);
  const RevisionTraffic& r = run.sim->find_revision("hello-00001")->traffic;
  // Proxy all along (TBC -1): through an activator, or failed at a dead one (node_failure).
  EXPECT_LE(activator_requests(r), st.total_arrivals());
  EXPECT_GE(activator_requests(r) + st.failed_by(FailureReason::kNodeFailure), st.total_arrivals());
  EXPECT_EQ(run.sim->activator_pods()[0].node, 0);
  EXPECT_EQ(run.sim->activator_pods()[2].node, 0);
  EXPECT_FALSE(run.sim->activator_pods()[0].ready);
  EXPECT_EQ(widest_subset, 3u) << "numActivators never reached 3";
  for (const auto& a : r.activators) {
    EXPECT_GT(a.requests, 0);
    EXPECT_EQ(a.throttler.in_flight(), 0);  // every slot given back
    EXPECT_EQ(a.throttler.queued(), 0);
  }
}

// Runs the busy case in a forked child and returns everything it produced as text (every event as
// its JSON line, every sample's numbers as hex floats, the totals).
std::string busy_run_digest_in_child() {
  int fd[2];
  if (pipe(fd) != 0) return "pipe failed";
  const pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    std::ostringstream out;
    {
      SimRun run(busy_case());
      run.to(120);
      run.sim->finish();
      for (const auto& e : run.events.events()) out << reports::event_to_json(e).dump() << '\n';
      char buf[64];
      for (const auto& s : run.samples) {
        out << s.revision;
        for (double v : {s.t_s, s.desired_pods, s.ready_pods, s.pods, s.observed_stable, s.observed_panic, s.ebc,
                         s.requests, s.concurrency, s.latency_p50_ms, s.latency_p99_ms, s.failures}) {
          std::snprintf(buf, sizeof buf, " %a", v);
          out << buf;
        }
        out << '\n';
      }
      out << run.sim->stats().total_succeeded() << ' ' << run.sim->stats().total_failed() << '\n';
    }
    const std::string text = out.str();
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = write(fd[1], text.data() + done, text.size() - done);
      if (n <= 0) _exit(3);
      done += static_cast<std::size_t>(n);
    }
    close(fd[1]);
    _exit(0);
  }
  close(fd[1]);
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = read(fd[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "child failed";
  return text;
}

TEST(SimActivators, SameSeedGivesTheSameRunWithThreeActivators) {
  const std::string a = busy_run_digest_in_child();
  const std::string b = busy_run_digest_in_child();
  ASSERT_GT(a.size(), 10000u) << a;
  EXPECT_TRUE(a == b) << "two runs of the same input differ";
}

}  // namespace
}  // namespace knsim::sim::testing
