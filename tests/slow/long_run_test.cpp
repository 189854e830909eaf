// Label "slow": one simulated hour of a canary under load with a node failure, run twice.
// Checks that the outputs agree with each other (summary vs timeseries vs events), that nothing is
// lost (total = succeeded + failed), and that the same seed gives byte-identical files.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cli.hpp"

namespace {

namespace fs = std::filesystem;

// v1 alone for a minute, then v1 70 % / v2 30 % (v2 applied from the timeline), about 200 req/s
// for an hour (720,000 requests), a node lost for 10 minutes.
constexpr const char* kScenario = R"(apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: shop}
spec:
  template:
    metadata:
      name: shop-v1
      annotations: {autoscaling.knative.dev/target: "10"}
    spec:
      containerConcurrency: 20
      containers: [{image: shop:1, resources: {requests: {cpu: 250m, memory: 128Mi}}}]
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: slow-canary-hour}
spec:
  duration: 1h
  seed: 11
  cluster:
    nodePools: [{name: worker, count: 4, cpu: 8, memory: 32Gi}]
  workloads:
    - service: shop
      arrivals: {sinusoid: {mean: 200, amplitude: 120, period: 20m}}
      request: {cpu: {exponential: {mean: 10ms}}, wait: {lognormal: {median: 40ms, p99: 200ms}}}
  timeline:
    - at: 1m
      apply:
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: shop}
        spec:
          template:
            metadata:
              name: shop-v2
              annotations: {autoscaling.knative.dev/target: "10"}
            spec:
              containerConcurrency: 20
              containers: [{image: shop:2, resources: {requests: {cpu: 250m, memory: 128Mi}}}]
          traffic:
            - {revisionName: shop-v1, percent: 70}
            - {revisionName: shop-v2, percent: 30}
    - {at: 20m, failNode: worker-1}
    - {at: 30m, recoverNode: worker-1}
)";

using knsim::test::slurp;

int run_knsim(const std::string& args) { return knsim::test::run_knsim(args).code; }

class LongRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("knsim-slow-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "scenario.yaml") << kScenario;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(LongRun, OutputsAgreeAndRepeatByteForByte) {
  const std::string scenario = (dir_ / "scenario.yaml").string();
  // The scenario as written must be valid (otherwise the run would exit 2, not 1).
  ASSERT_EQ(run_knsim("validate " + scenario), 0);
  ASSERT_EQ(run_knsim("run " + scenario + " --quiet --out " + (dir_ / "a").string()), 0);
  ASSERT_EQ(run_knsim("run " + scenario + " --quiet --out " + (dir_ / "b").string()), 0);

  for (const char* file : {"timeseries.csv", "events.jsonl", "report.html", "nodes.csv"}) {
    EXPECT_EQ(slurp(dir_ / "a" / file), slurp(dir_ / "b" / file)) << file << " differs between two runs";
  }

  const auto summary = nlohmann::json::parse(slurp(dir_ / "a" / "summary.json"));
  const auto& req = summary.at("requests");
  const long total = req.at("total").get<long>();
  EXPECT_EQ(total, req.at("succeeded").get<long>() + req.at("failed").get<long>());
  long by_reason = 0;
  for (const auto& [reason, n] : req.at("failed_by_reason").items()) by_reason += n.get<long>();
  EXPECT_EQ(by_reason, req.at("failed").get<long>());
  // About 200 req/s for 3600 s (the sinusoid averages to its mean over whole periods).
  EXPECT_NEAR(static_cast<double>(total), 720000.0, 720000.0 * 0.01);
  EXPECT_GT(req.at("failed_by_reason").value("node_failure", 0L), 0) << "worker-1 failed with pods on it";

  // Per revision: summary requests == the sum of the timeseries `requests` column; shares ~70/30.
  std::map<std::string, long> from_csv;
  std::istringstream csv(slurp(dir_ / "a" / "timeseries.csv"));
  std::string line;
  std::getline(csv, line);
  ASSERT_EQ(line.rfind("t_s,revision,desired_pods,ready_pods,pods,observed_stable,observed_panic,panic,mode,ebc,"
                       "requests,concurrency,traffic_percent", 0), 0u);
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    ASSERT_GE(cells.size(), 13u) << line;
    from_csv[cells[1]] += std::stol(cells[10]);
  }
  long revision_total = 0;
  for (const auto& rev : summary.at("revisions")) {
    const std::string name = rev.at("name");
    EXPECT_EQ(rev.at("requests").get<long>(), from_csv[name]) << name;
    revision_total += rev.at("requests").get<long>();
  }
  EXPECT_EQ(revision_total, total) << "every request reached a revision (no tags, no unknown routes)";
  const double share_v1 = static_cast<double>(from_csv["shop-v1"]) / static_cast<double>(total);
  // 70 % after the first minute, 100 % before it: about 0.70 + 0.30 * (minute load / total load).
  EXPECT_GT(share_v1, 0.70);
  EXPECT_LT(share_v1, 0.72);

  // events.jsonl: time never goes backwards, and the node failure and recovery are there.
  std::istringstream events(slurp(dir_ / "a" / "events.jsonl"));
  double last_t = 0;
  int node_events = 0;
  while (std::getline(events, line)) {
    const auto e = nlohmann::json::parse(line);
    const double t = e.at("t_s").get<double>();
    EXPECT_GE(t, last_t) << line;
    last_t = t;
    const std::string kind = e.at("kind");
    if (kind == "node_fail" || kind == "node_recover") ++node_events;
  }
  EXPECT_EQ(node_events, 2);
}

}  // namespace
