// When a new pod is Ready and when the activator uses it (core/kubernetes/readiness_probe.hpp),
// each row worked by hand: queue-proxy's 50 ms aggressive probe from the container's start, the
// kubelet's period when periodSeconds is set, the activator's 200 ms grid of the run's clock.
#include "core/kubernetes/readiness_probe.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

using namespace knsim::core::kubernetes;

struct Row {
  const char* name;
  double period;  // periodSeconds
  double started, listening;
  double qp_ready, pod_ready, activator_ready;
};

TEST(ReadinessProbe, Table) {
  const std::vector<Row> rows = {
      // Header example: start 10.00, listens 10.93 -> 10.95 (19th 50 ms probe), activator 11.00.
      {"aggressive_mid", 0, 10.0, 10.93, 10.95, 10.95, 11.0},
      // Listens at once: the first probe after the start (10.05), activator tick 10.2.
      {"aggressive_at_once", 0, 10.0, 10.0, 10.05, 10.05, 10.2},
      // Listens exactly on a probe: 10.10 succeeds; activator 10.2.
      {"aggressive_on_tick", 0, 10.0, 10.1, 10.1, 10.1, 10.2},
      // Ready exactly on an activator tick (12.0 + 4 * 0.05 = 12.2 = 61 * 0.2): used at that tick.
      {"aggressive_activator_same_tick", 0, 12.0, 12.2, 12.2, 12.2, 12.2},
      // periodSeconds 1: kubelet probes at 11.0 (>= one period); queue-proxy answers the
      // activator from 10.3 -> activator tick 10.4: traffic before the pod is Ready.
      {"explicit_1s", 1, 10.0, 10.3, 10.3, 11.0, 10.4},
      // periodSeconds 1, listens 2.5 s after start: kubelet probes 11, 12, 13 -> Ready 13.
      {"explicit_1s_slow", 1, 10.0, 12.5, 12.5, 13.0, 12.6},
      // periodSeconds 10, listens at once: Ready at 20 (knsim's old rule start + period).
      {"explicit_10s", 10, 10.0, 10.0, 10.0, 20.0, 10.0},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    ReadinessProbeSettings s;
    s.period_seconds = r.period;
    const auto t = readiness_times(r.started, r.listening, s);
    EXPECT_NEAR(t.queue_proxy_ready, r.qp_ready, 1e-9);
    EXPECT_NEAR(t.pod_ready, r.pod_ready, 1e-9);
    EXPECT_NEAR(t.activator_ready, r.activator_ready, 1e-9);
  }
}

TEST(ReadinessProbe, TrafficWithinAQuarterSecondOfListening) {
  // The range: with the defaults, 0.05-0.25 s after the container listens.
  const ReadinessProbeSettings s;
  for (int i = 0; i < 400; ++i) {
    const double start = 3.0 + 0.013 * i;
    const auto t = readiness_times(start, start, s);
    EXPECT_GE(t.activator_ready - start, 0.05 - 1e-9);
    EXPECT_LE(t.activator_ready - start, 0.25 + 1e-9);
  }
}

TEST(ReadinessProbe, GridTick) {
  EXPECT_NEAR(next_grid_tick(0, 0.2, 0.6, 0), 0.6, 1e-12);  // on the grid despite 0.6 / 0.2 rounding
  EXPECT_NEAR(next_grid_tick(0, 0.2, 0.61, 0), 0.8, 1e-12);
  EXPECT_NEAR(next_grid_tick(5, 1, 5, 1), 6, 1e-12);  // at least one step after the origin
  EXPECT_NEAR(next_grid_tick(5, 1, 5, 0), 5, 1e-12);
  EXPECT_NEAR(next_grid_tick(5, 0, 7, 1), 7, 1e-12);  // no grid: the instant itself
}

}  // namespace
