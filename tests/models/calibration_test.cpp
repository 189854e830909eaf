// docs/calibration.md, one test per row: the Scenario's cluster defaults (models::ClusterSpec{})
// against the published values, through the same core models the simulator uses. If a default
// changes and moves a value out of its band, this fails and the table must be revisited.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/autoscaler/hpa_autoscaler.hpp"
#include "core/autoscaler/hpa_replica_calculator.hpp"
#include "core/kubernetes/control_plane.hpp"
#include "core/kubernetes/node_lifecycle.hpp"
#include "core/kubernetes/pod_drain.hpp"
#include "core/kubernetes/readiness_probe.hpp"
#include "models/distribution.hpp"
#include "models/scenario_spec.hpp"

namespace {

using namespace knsim;
using core::Rng;

// Dirigent's sweep: evenly spaced cold starts at `rate`/s for 120 s on 17 nodes, each one a
// scale-up by one pod. Cold start = control plane (controllers, API server, scheduler, kubelet
// queues) + scheduling + container start (to listening) + readiness (the later of the pod's Ready
// and the activator's probe) + 4 hops of 0.5 ms. Median over the run, averaged over 8 seeds.
double cold_start_p50(double rate) {
  const models::ClusterSpec c;
  const models::Distribution scheduling(c.pod_startup.scheduling), start(c.pod_startup.container_start);
  double sum = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    core::kubernetes::ControlPlane cp(c.control_plane);
    Rng rng = Rng::derive(seed, "control-plane"), kubelet = Rng::derive(seed, "kubelet");
    std::vector<double> d;
    for (int i = 0; i < static_cast<int>(rate * 120); ++i) {
      const double t = 10 + i / rate;
      const auto created = cp.create_pod(t, rng);
      const double started =
          cp.kubelet_start(static_cast<std::size_t>(i % 17), created.bound + scheduling.sample(kubelet), rng).completed;
      const auto r = core::kubernetes::readiness_times(started, started + start.sample(kubelet), c.pod_startup.readiness_probe);
      d.push_back(std::max(r.pod_ready, r.activator_ready) + 4 * c.hop_latency - t);
    }
    std::sort(d.begin(), d.end());
    sum += d[d.size() / 2];
  }
  return sum / 8;
}

TEST(Calibration, ColdStartAtOnePerSecond) {
  // Published p50 ~1.8 s (Dirigent artifact). knsim's defaults: ~1.83 s.
  const double p50 = cold_start_p50(1);
  EXPECT_GT(p50, 1.5);
  EXPECT_LT(p50, 2.1);
}

TEST(Calibration, ColdStartAtTwoPerSecond) {
  // Published p50 ~2.5 s. knsim's defaults: ~2.65 s.
  const double p50 = cold_start_p50(2);
  EXPECT_GT(p50, 2.1);
  EXPECT_LT(p50, 2.9);
}

TEST(Calibration, ColdStartSaturatesFromThreePerSecond) {
  // Published: p50 > 5 s at 3/s (saturated). knsim's defaults: ~13 s at 3/s, ~59 s at 5/s.
  EXPECT_GT(cold_start_p50(3), 5);
  EXPECT_GT(cold_start_p50(5), 5);
}

TEST(Calibration, FailedNodesPodsReplacedAfterGracePlusToleration) {
  // Kubernetes defaults: NotReady 50 s after the failure, evicted (replaced) 300 s later.
  const models::ClusterSpec c;
  const auto t = core::kubernetes::node_failure_times(180, c.node_lifecycle);
  EXPECT_DOUBLE_EQ(t.not_ready_at, 230);
  EXPECT_DOUBLE_EQ(t.evicted_at, 530);
}

TEST(Calibration, ScaledDownPodTerminatingForDrainSleep) {
  const models::ClusterSpec c;
  EXPECT_DOUBLE_EQ(core::kubernetes::drain_pod({100, std::nullopt, std::nullopt, 300}, c.pod_termination).terminated_at,
                   130);
}

TEST(Calibration, TrafficReachesANewPodWithinAQuarterSecond) {
  // 0.05-0.25 s after the container listens (queue-proxy 50 ms, activator 200 ms).
  const models::ClusterSpec c;
  for (double start : {10.0, 10.01, 10.07, 10.13, 10.19}) {
    const auto r = core::kubernetes::readiness_times(start, start, c.pod_startup.readiness_probe);
    const double used = std::max(r.pod_ready, r.activator_ready) - start;
    EXPECT_GE(used, 0.05 - 1e-9);
    EXPECT_LE(used, 0.25 + 1e-9);
  }
}

TEST(Calibration, HpaScaleUpCountsNewPodsAsIdle) {
  // kpa-vs-hpa at 210 s (2026-12 fidelity review): 3 busy old pods at 172 %, 4 Ready for 13.5 s,
  // target 60 %: Kubernetes' rule gives 9 pods where an average over all Ready pods gave 14.
  using namespace core::autoscaler;
  std::vector<HpaPodSample> pods;
  for (int i = 0; i < 7; ++i) {
    HpaPodSample p;
    p.name = "p" + std::to_string(i);
    const bool old = i < 3;
    p.start_time = old ? 10 : 195;
    p.ready = true;
    p.ready_last_transition = old ? 20 : 196.5;
    p.usage_milli = old ? 860 : 100;
    p.sample_timestamp = 210;
    p.request_milli = 500;
    pods.push_back(p);
  }
  const auto calc = hpa_resource_replicas(7, 60, true, pods, 210);
  HpaAutoscaler hpa(make_hpa_spec(1, 0, "cpu", 60, std::nullopt));
  EXPECT_EQ(hpa.reconcile_recommendation(7, calc.replicas, "ScaleUp", 210).desired, 9);
}

}  // namespace
