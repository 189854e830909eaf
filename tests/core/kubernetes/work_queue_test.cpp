// Control-plane work queues (core/kubernetes/work_queue.hpp, control_plane.hpp): constant-service
// rows worked by hand, exponential service checked against queueing theory, and the default
// control plane against Dirigent's cold-start curve (docs/calibration.md).
#include "core/kubernetes/control_plane.hpp"
#include "core/kubernetes/work_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using namespace knsim::core::kubernetes;
using knsim::core::Rng;

TEST(WorkQueue, ConstantServiceByHand) {
  // The header's example: rate 2/s (0.5 s), latency 0.1 s; arrivals 0, 0.1, 2.0.
  WorkQueue q({2, 0.1, ServiceTime::kConstant});
  Rng rng(1);
  struct Row { double arrival, started, completed, waited; };
  const std::vector<Row> rows = {{0, 0, 0.6, 0}, {0.1, 0.5, 1.1, 0.4}, {2.0, 2.0, 2.6, 0}};
  for (const Row& r : rows) {
    const auto res = q.submit(r.arrival, rng);
    EXPECT_DOUBLE_EQ(res.started, r.started);
    EXPECT_DOUBLE_EQ(res.completed, r.completed);
    EXPECT_NEAR(res.waited, r.waited, 1e-12);
  }
}

TEST(WorkQueue, UnlimitedRateIsLatencyOnly) {
  WorkQueue q({0, 0.25, ServiceTime::kExponential});
  Rng rng(1);
  for (int i = 0; i < 5; ++i) EXPECT_DOUBLE_EQ(q.submit(1.0, rng).completed, 1.25);
}

TEST(WorkQueue, ExponentialMatchesMM1) {
  // Poisson arrivals at 2/s into an exponential server at 4/s (M/M/1, rho 0.5): mean time in
  // system 1 / (mu - lambda) = 0.5 s. 200,000 items, within 3 %.
  WorkQueue q({4, 0, ServiceTime::kExponential});
  Rng arrivals(7), service(8);
  double t = 0, sum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    t += arrivals.exponential(0.5);
    sum += q.submit(t, service).completed - t;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.015);
}

TEST(WorkQueue, SameSeedSameCompletions) {
  WorkQueue a({3, 0.01, ServiceTime::kExponential}), b({3, 0.01, ServiceTime::kExponential});
  Rng ra(42), rb(42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.submit(i * 0.2, ra).completed, b.submit(i * 0.2, rb).completed);
}

// The header's examples: controllers 2/s, API server, scheduler, kubelet 4/s, constant service.
ControlPlaneSettings by_hand_settings() {
  ControlPlaneSettings s;
  s.knative_controllers = {2, 0, ServiceTime::kConstant};
  s.api_server = s.scheduler = s.kubelet_pod_start = {4, 0, ServiceTime::kConstant};
  return s;
}

TEST(ControlPlane, ChainByHand) {
  ControlPlane cp(by_hand_settings());
  Rng rng(1);
  const auto p1 = cp.create_pod(0, rng);
  EXPECT_DOUBLE_EQ(p1.reconciled, 0.5);
  EXPECT_DOUBLE_EQ(p1.created, 0.75);
  EXPECT_DOUBLE_EQ(p1.bound, 1.0);
  EXPECT_DOUBLE_EQ(cp.kubelet_start(0, p1.bound, rng).completed, 1.25);
  const auto p2 = cp.create_pod(0, rng);
  EXPECT_DOUBLE_EQ(p2.reconciled, 1.0);
  EXPECT_DOUBLE_EQ(p2.created, 1.25);
  EXPECT_DOUBLE_EQ(p2.bound, 1.5);
  EXPECT_DOUBLE_EQ(cp.kubelet_start(0, p2.bound, rng).completed, 1.75);
  // Another node's kubelet is idle: 1.5 + 0.25.
  EXPECT_DOUBLE_EQ(cp.kubelet_start(3, p2.bound, rng).completed, 1.75);
}

// control_plane.hpp's worked example: a scale-up of a Deployment still waiting for the
// controllers absorbs the next one of the same Deployment (client-go's work queue keeps a key
// once); one being processed does not.
TEST(ControlPlane, AScaleUpJoinsTheSameDeploymentsWaitingOne) {
  ControlPlane cp(by_hand_settings());
  Rng rng(1);
  constexpr std::uint64_t kA = 7, kB = 8;
  struct Row { double t; std::uint64_t key; double created; };
  const std::vector<Row> rows = {
      {0.0, kA, 0.75},  // taken at once
      {0.1, kB, 1.25},  // waits for the controllers until 0.5
      {0.2, kA, 1.75},  // A's first is being processed: queued again, taken at 1.0
      {0.3, kA, 1.75},  // A's second still waits: joins it
      {0.9, kA, 1.75},  // still before 1.0: joins
      {1.0, kA, 2.25},  // A's second was taken at 1.0: a new item
  };
  for (const Row& r : rows) {
    const auto p = cp.scale_up(r.t, rng, r.key);
    EXPECT_DOUBLE_EQ(p.created, r.created) << "t=" << r.t;
    EXPECT_DOUBLE_EQ(p.requested, r.t);
  }
  // Unkeyed scale-ups (Dirigent's one pod per function) never join.
  EXPECT_DOUBLE_EQ(cp.scale_up(1.0, rng).created, 2.75);
}

TEST(ControlPlane, OneScaleUpOfManyPodsPaysTheSharedQueuesOnce) {
  // Controllers 2/s and API server 4/s once (0.75), then 3 pods through the scheduler at 4/s:
  // bound at 1.0, 1.25, 1.5 (not 0.75 + 3 * 0.75).
  ControlPlane cp(by_hand_settings());
  Rng rng(1);
  const auto up = cp.scale_up(0, rng);
  EXPECT_DOUBLE_EQ(up.created, 0.75);
  EXPECT_DOUBLE_EQ(cp.schedule(up.created, rng).completed, 1.0);
  EXPECT_DOUBLE_EQ(cp.schedule(up.created, rng).completed, 1.25);
  EXPECT_DOUBLE_EQ(cp.schedule(up.created, rng).completed, 1.5);
}

// Median control-plane delay (request to container start) for evenly spaced cold starts at
// `rate`/s over 120 s on 17 nodes (Dirigent's setup), with the default settings.
double median_delay(double rate, std::uint64_t seed) {
  ControlPlane cp;
  Rng rng = Rng::derive(seed, "control-plane");
  std::vector<double> d;
  const int n = static_cast<int>(rate * 120);
  for (int i = 0; i < n; ++i) {
    const double t = i / rate;
    const auto p = cp.create_pod(t, rng);
    d.push_back(cp.kubelet_start(static_cast<std::size_t>(i % 17), p.bound, rng).completed - t);
  }
  std::sort(d.begin(), d.end());
  return d[d.size() / 2];
}

TEST(ControlPlane, DefaultsSaturateNearThreePerSecond) {
  // The control plane's share of a cold start. Pod start after it (scheduling 20 ms, container
  // start median 0.8 s, readiness ~0.15 s) adds ~1 s, so Dirigent's medians 1.8 s (1/s), 2.5 s
  // (2/s) and > 5 s (3/s) mean about 0.8 s, 1.5 s and > 4 s here. Averaged over 5 seeds.
  auto avg = [](double rate) {
    double s = 0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) s += median_delay(rate, seed);
    return s / 5;
  };
  const double at1 = avg(1), at2 = avg(2), at3 = avg(3), at5 = avg(5);
  EXPECT_GT(at1, 0.5);
  EXPECT_LT(at1, 1.1);
  EXPECT_GT(at2, 1.1);
  EXPECT_LT(at2, 2.0);
  EXPECT_GT(at3, 4.0);
  EXPECT_GT(at5, at3);
}

}  // namespace
