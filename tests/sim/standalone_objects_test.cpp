// Standalone Configurations and Routes end to end: YAML -> load_scenario -> Simulation ->
// summary.json. A Service's traffic naming a revision of a standalone Configuration, a standalone
// Route naming configurations and revisions, and an unrouted Configuration scaling to zero.
// One run per process (one SimGrid engine): every TEST is its own process under ctest.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "manifests/scenario_bundle.hpp"
#include "sim/run_driver.hpp"
#include "manifests/sim_input_builder.hpp"
#include "sim/simulation.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::sim {
namespace {

std::filesystem::path scratch() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = test::binary_dir() / "standalone-scratch" / (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

manifests::ScenarioBundle load(const std::filesystem::path& dir, const std::string& yaml) {
  const auto file = dir / "scenario.yaml";
  std::ofstream(file) << yaml;
  manifests::Diagnostics diags;
  manifests::ScenarioBundle b = manifests::load_scenario(file, diags);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  return b;
}

nlohmann::json run_yaml(const std::string& yaml) {
  const auto dir = scratch();
  RunOptions opt;
  opt.out_dir = dir / "out";
  opt.quiet = true;
  std::ostringstream out, err;
  const RunResult r = run_simulation(manifests::make_sim_input(load(dir, yaml)), opt, out, err);
  EXPECT_TRUE(r.error.empty()) << r.error;
  std::ifstream sj(opt.out_dir / "summary.json");
  return nlohmann::json::parse(sj);
}

// The run leaves its Simulation and SimGrid engine alive; end the process as knsim does.
void end_process() {
  std::fflush(stdout);
  std::_Exit(::testing::Test::HasFailure() ? 1 : 0);
}

nlohmann::json revision(const nlohmann::json& summary, const std::string& name) {
  for (const auto& r : summary["revisions"])
    if (r["name"] == name) return r;
  ADD_FAILURE() << "no revision " << name << " in " << summary["revisions"].dump();
  return nlohmann::json::object({{"requests", 0}, {"share", 0.0}});
}

// Every request accounted for, none without a route, and `rev`'s share of routed requests within
// 5 binomial standard deviations of `p` (n = 30,000: sd(0.7) = 0.0026, tolerance 0.013).
void expect_split(const nlohmann::json& s, const std::string& rev, double p) {
  const auto& req = s["requests"];
  EXPECT_EQ(req["total"].get<long>(), req["succeeded"].get<long>() + req["failed"].get<long>());
  EXPECT_EQ(req["failed_by_reason"]["no_route"].get<long>(), 0);
  const double n = static_cast<double>(req["total"].get<long>());
  EXPECT_GT(n, 25000);
  const double share = revision(s, rev)["share"].get<double>();
  EXPECT_NEAR(share, p, 5 * std::sqrt(p * (1 - p) / n)) << s["revisions"].dump();
}

const char* kScenario = R"(
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: standalone}
spec:
  duration: 5m
  seed: 11
  cluster:
    nodePools:
      - {name: worker, count: 2, cpu: 8, memory: 32Gi}
  workloads:
    - name: web
      service: TARGET
      arrivals: {poisson: {rate: 100}}
      request: {cpu: 5ms, wait: 20ms}
)";

std::string scenario(const std::string& target) {
  std::string s = kScenario;
  s.replace(s.find("TARGET"), 6, target);
  return s;
}

TEST(StandaloneObjects, ServiceTrafficToAStandaloneConfigurationsRevisionSplits70To30) {
  const auto s = run_yaml(R"(
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: shop}
spec:
  template:
    metadata: {name: shop-v2}
    spec: {containerConcurrency: 20, containers: [{image: "shop:2"}]}
  traffic: [{revisionName: shop-old-v1, percent: 70}, {revisionName: shop-v2, percent: 30}]
---
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata: {name: shop-old}
spec:
  template:
    metadata: {name: shop-old-v1}
    spec: {containerConcurrency: 20, containers: [{image: "shop:1"}]}
---
)" + scenario("shop"));
  expect_split(s, "shop-old-v1", 0.7);
  expect_split(s, "shop-v2", 0.3);
  EXPECT_EQ(revision(s, "shop-old-v1")["service"], "shop-old");
  end_process();
}

TEST(StandaloneObjects, StandaloneRouteSplitsBetweenAConfigurationAndARevision) {
  const auto s = run_yaml(R"(
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata: {name: blue}
spec:
  template:
    spec: {containerConcurrency: 10, containers: [{image: "blue:1"}]}
---
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata: {name: green}
spec:
  template:
    metadata: {name: green-v1}
    spec: {containerConcurrency: 10, containers: [{image: "green:1"}]}
---
apiVersion: serving.knative.dev/v1
kind: Route
metadata: {name: front}
spec:
  traffic: [{configurationName: blue, percent: 50}, {revisionName: green-v1, percent: 50}]
---
)" + scenario("front"));
  expect_split(s, "blue-00001", 0.5);
  expect_split(s, "green-v1", 0.5);
  end_process();
}

// A revision no Route references keeps routingState pending (pkg/reconciler/configuration/resources/
// revision.go; only the labeler moves it to active or reserve): reachability Unknown (pa.go), and
// with min-scale 0 it still scales to zero once idle.
TEST(StandaloneObjects, UnroutedConfigurationIsPendingAndScalesToZero) {
  const auto dir = scratch();
  const auto b = load(dir, R"(
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: shop}
spec:
  template:
    spec: {containerConcurrency: 20, containers: [{image: "shop:2"}]}
---
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata: {name: idle}
spec:
  template:
    spec: {containerConcurrency: 20, containers: [{image: "idle:1"}]}
---
)" + scenario("shop"));
  Simulation sim(manifests::make_sim_input(b), nullptr);
  for (int t = 1; t <= 20; ++t) sim.run_until(t);  // 1 s slices, as knsim runs
  const auto idle = sim.find_revision("idle-00001");
  ASSERT_TRUE(idle.has_value());
  EXPECT_EQ(idle->serving.routing_state, core::api::RoutingState::kPending);
  EXPECT_EQ(idle->control.pa().spec.reachability, core::api::Reachability::kUnknown);
  EXPECT_EQ(idle->serving.traffic_percent, 0);
  EXPECT_GE(idle->deployment.endpoints.size(), 1u);  // initial scale 1, Ready at t = 0
  // stable window 60 s + scale-to-zero grace period 30 s, then the pod terminates.
  for (int t = 21; t <= 180; ++t) sim.run_until(t);
  const auto later = sim.find_revision("idle-00001");  // a view is valid until revisions are added
  EXPECT_EQ(later->deployment.replicas, 0);
  EXPECT_TRUE(later->deployment.endpoints.empty());
  EXPECT_TRUE(later->deployment.pods.empty());
  const auto shop = sim.find_revision("shop-00001");
  ASSERT_TRUE(shop.has_value());
  EXPECT_EQ(shop->control.pa().spec.reachability, core::api::Reachability::kReachable);
  EXPECT_GE(shop->deployment.replicas, 1);
  end_process();
}

// Timeline: a standalone Route applied at 1m and deleted at 3m. Constant 10 req/s for 4m: the
// 600 requests before the apply and the 600 after the delete have no route; the 1,200 in between
// go to the Configuration's revision (scaled to zero while unrouted, then a cold start).
TEST(StandaloneObjects, TimelineAppliesAndDeletesAStandaloneRoute) {
  const auto s = run_yaml(R"(
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata: {name: blue}
spec:
  template:
    spec: {containerConcurrency: 10, containers: [{image: "blue:1"}]}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: timeline-route}
spec:
  duration: 4m
  seed: 3
  cluster:
    nodePools:
      - {name: worker, count: 1, cpu: 8, memory: 32Gi}
  workloads:
    - name: web
      service: front
      arrivals: {constant: {rate: 10}}
      request: {cpu: 5ms, wait: 20ms}
  timeline:
    - at: 1m
      apply:
        apiVersion: serving.knative.dev/v1
        kind: Route
        metadata: {name: front}
        spec:
          traffic: [{configurationName: blue, percent: 100}]
    - at: 3m
      delete: {kind: Route, name: front}
)");
  const auto& req = s["requests"];
  EXPECT_EQ(req["total"].get<long>(), req["succeeded"].get<long>() + req["failed"].get<long>());
  EXPECT_NEAR(req["total"].get<double>(), 2400, 2);
  EXPECT_NEAR(req["failed_by_reason"]["no_route"].get<double>(), 1200, 15);
  EXPECT_NEAR(req["succeeded"].get<double>(), 1200, 15);
  EXPECT_NEAR(revision(s, "blue-00001")["requests"].get<double>(), 1200, 15);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
