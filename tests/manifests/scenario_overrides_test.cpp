// `knsim run --set scenario.FIELD=VALUE` (manifests/scenario_overrides.hpp): node pools can be
// swept like any setting, with the scenario file's bounds, and a timeline that names a node the
// smaller pool no longer has is an error instead of a silently ignored failure.
#include "manifests/scenario_overrides.hpp"

#include <gtest/gtest.h>

#include "manifests/limits.hpp"
#include "manifests/scenario_bundle.hpp"
#include "manifests/sim_input_builder.hpp"
#include "tests/manifests/manifest_test_util.hpp"

namespace knsim::manifests {
namespace {

using testing::has_diag;
using testing::write_file;

// Two pools (worker: 3 nodes, big.pool: 1 node) and a timeline failing worker-2 and recovering it.
constexpr const char* kScenario = R"(apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers: [{image: hello}]
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: pools}
spec:
  duration: 1m
  cluster:
    nodePools:
      - {name: worker, count: 3, cpu: 8, memory: 32Gi}
      - {name: big.pool, count: 1, cpu: 32, memory: 128Gi}
  workloads:
    - {service: hello, arrivals: {poisson: {rate: 5}}}
  timeline:
    - {at: 20s, failNode: worker-2}
    - {at: 40s, recoverNode: worker-2}
)";

ScenarioBundle load() {
  Diagnostics d;
  ScenarioBundle b = load_scenario(write_file("pools.yaml", kScenario), d);
  EXPECT_FALSE(d.has_errors()) << d.to_string();
  return b;
}

struct Good {
  std::string set;
  std::size_t pool;
  int count;
  double cpu;
  std::uint64_t memory;
  double speed;
};

TEST(ScenarioOverrides, NodePoolFieldsAreSet) {
  const Good cases[] = {
      {"scenario.nodePools.worker.count=5", 0, 5, 8, 32ull << 30, 1.0},
      {"scenario.nodePools.worker.count=3", 0, 3, 8, 32ull << 30, 1.0},
      {"scenario.nodePools.worker.cpu=7500m", 0, 3, 7.5, 32ull << 30, 1.0},
      {"scenario.nodePools.worker.memory=16Gi", 0, 3, 8, 16ull << 30, 1.0},
      {"scenario.nodePools.worker.memory=64GiB", 0, 3, 8, 64ull << 30, 1.0},
      {"scenario.nodePools.worker.speed=1.25", 0, 3, 8, 32ull << 30, 1.25},
      {"scenario.nodePools.big.pool.count=4", 1, 4, 32, 128ull << 30, 1.0},  // a pool name with a dot
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.set);
    ScenarioBundle b = load();
    Diagnostics d;
    apply_overrides(b, {c.set}, d);
    ASSERT_FALSE(d.has_errors()) << d.to_string();
    const auto& p = b.scenario.cluster.node_pools.at(c.pool);
    EXPECT_EQ(p.count, c.count);
    EXPECT_EQ(p.cpu, c.cpu);
    EXPECT_EQ(p.memory_bytes, c.memory);
    EXPECT_EQ(p.speed, c.speed);
    // The simulator gets the changed pools.
    EXPECT_EQ(make_sim_input(b).scenario.cluster.node_pools.at(c.pool).count, c.count);
  }
}

struct Bad {
  std::string set;
  std::string file, field, message;
};

TEST(ScenarioOverrides, BadNodePoolOverridesNameTheProblem) {
  const std::string pools_file = (testing::scratch_dir() / "pools.yaml").string();
  const Bad cases[] = {
      {"scenario.nodePools.wroker.count=2", "--set", "scenario.nodePools.wroker.count=2",
       "no node pool \"wroker\" in spec.cluster.nodePools (pools: worker, big.pool); did you mean \"worker\"?"},
      {"scenario.nodePools.worker.count=0", "--set", "scenario.nodePools.worker.count=0",
       "nodePools.worker.count: must be in [1, 100000], got 0"},
      {"scenario.nodePools.worker.count=2.5", "--set", "scenario.nodePools.worker.count=2.5",
       "nodePools.worker.count: not an integer: '2.5'"},
      {"scenario.nodePools.worker.count=100000", "--set", "scenario.nodePools",
       "100001 nodes in all pools; the limit is 100000"},
      {"scenario.nodePools.worker.cpu=0", "--set", "scenario.nodePools.worker.cpu=0",
       "nodePools.worker.cpu: must be greater than 0"},
      {"scenario.nodePools.worker.cpu=8x", "--set", "scenario.nodePools.worker.cpu=8x",
       "nodePools.worker.cpu: not a Kubernetes quantity"},
      {"scenario.nodePools.worker.memory=lots", "--set", "scenario.nodePools.worker.memory=lots",
       "nodePools.worker.memory: "},
      {"scenario.nodePools.worker.speed=-1", "--set", "scenario.nodePools.worker.speed=-1",
       "nodePools.worker.speed: must be greater than 0"},
      {"scenario.nodePools.worker.gpus=1", "--set", "scenario.nodePools.worker.gpus=1",
       "nodePools.worker.gpus: unknown field (count, cpu, memory or speed can be set)"},
      {"scenario.nodePools.worker=3", "--set", "scenario.nodePools.worker=3",
       "expected scenario.nodePools.POOL.FIELD"},
      {"scenario.replicas=3", "--set", "scenario.replicas=3",
       "scenario.replicas: only seed, duration, sampleInterval and nodePools.POOL.{count,cpu,memory,speed}"},
      // worker-2 no longer exists: both timeline actions are reported at their line of the file.
      {"scenario.nodePools.worker.count=2", pools_file, "spec.timeline.failNode",
       "failNode worker-2 at 20s: no such node after --set scenario.nodePools (nodes: worker-0 ... worker-1, big.pool-0)"},
      {"scenario.nodePools.worker.count=1", pools_file, "spec.timeline.recoverNode",
       "recoverNode worker-2 at 40s: no such node after --set scenario.nodePools (nodes: worker-0, big.pool-0)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.set);
    ScenarioBundle b = load();
    Diagnostics d;
    apply_overrides(b, {c.set}, d);
    ASSERT_TRUE(d.has_errors());
    bool found = false;
    for (const auto& x : d.items())
      found |= x.file == c.file && x.field == c.field && x.message.find(c.message) != std::string::npos;
    EXPECT_TRUE(found) << d.to_string();
  }
}

TEST(ScenarioOverrides, TimelineErrorsCarryTheirLine) {
  ScenarioBundle b = load();
  Diagnostics d;
  apply_overrides(b, {"scenario.nodePools.worker.count=2"}, d);
  // failNode worker-2 is on line 21 of the file; recoverNode worker-2 still fails too.
  EXPECT_TRUE(has_diag(d, 21, "spec.timeline.failNode", "failNode worker-2 at 20s")) << d.to_string();
  EXPECT_TRUE(has_diag(d, 22, "spec.timeline.recoverNode", "recoverNode worker-2 at 40s")) << d.to_string();
  EXPECT_EQ(d.error_count(), 2u);
}

TEST(ScenarioOverrides, LaterOverridesWinAndTheTimelineIsCheckedAfterAll) {
  // count=2 would drop worker-2, but count=4 after it brings it back: no error.
  ScenarioBundle b = load();
  Diagnostics d;
  apply_overrides(b, {"scenario.nodePools.worker.count=2", "scenario.nodePools.worker.count=4"}, d);
  EXPECT_FALSE(d.has_errors()) << d.to_string();
  EXPECT_EQ(b.scenario.cluster.node_pools[0].count, 4);
}

TEST(ScenarioOverrides, SeedDurationAndSampleInterval) {
  ScenarioBundle b = load();
  Diagnostics d;
  apply_overrides(b, {"scenario.seed=7", "scenario.duration=2m", "scenario.sampleInterval=5s"}, d);
  ASSERT_FALSE(d.has_errors()) << d.to_string();
  EXPECT_EQ(b.scenario.seed, 7u);
  EXPECT_EQ(b.scenario.duration, 120.0);
  EXPECT_EQ(b.scenario.sample_interval, 5.0);
  Diagnostics bad;
  apply_overrides(b, {"scenario.seed=-1", "scenario.duration=0s", "scenario.sampleInterval=soon"}, bad);
  EXPECT_TRUE(has_diag(bad, 0, "scenario.seed=-1", "seed: not an unsigned integer"));
  EXPECT_TRUE(has_diag(bad, 0, "scenario.duration=0s", "duration: expected a positive duration"));
  EXPECT_TRUE(has_diag(bad, 0, "scenario.sampleInterval=soon", "sampleInterval: expected a positive duration"));
}

}  // namespace
}  // namespace knsim::manifests
