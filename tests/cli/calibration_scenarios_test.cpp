// docs/calibration.md, "knsim run" column: the shipped scenario of each row, run by the knsim
// executable with the Scenario's cluster defaults, gives the value the table states (within its
// band). tests/models/calibration_test.cpp checks the same rows on the core models alone; this
// checks that the simulator really uses them. If a default or the wiring changes a value, this
// fails and the table must be revisited with the change.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cli.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using knsim::test::run_cli;
using knsim::test::shipped_scenario;

struct ScenarioRun {
  std::vector<json> events;  // events.jsonl
  json summary;              // summary.json
};

// Runs a shipped scenario into a scratch folder and reads what it wrote.
ScenarioRun run_scenario(const std::string& scenario) {
  const fs::path out = knsim::test::scratch(scenario);
  ScenarioRun r;
  EXPECT_EQ(run_cli("run " + shipped_scenario(scenario + ".yaml") + " --out " + out.string()), 0) << scenario;
  std::ifstream in(out / "events.jsonl");
  for (std::string line; std::getline(in, line);) r.events.push_back(json::parse(line));
  r.summary = json::parse(knsim::test::slurp(out / "summary.json"));
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? -1 : v[v.size() / 2];
}

// Dirigent's cold-start sweep (docs/calibration.md rows 1-3): cold starts that began in each phase
// of cold-start-storm.yaml (1/s from 10 s, 2/s from 150 s, 5/s from 300 s).
TEST(CalibrationRun, ColdStartStormFollowsDirigentsCurve) {
  std::map<int, std::vector<double>> by_phase;
  for (const auto& e : run_scenario("cold-start-storm").events) {
    if (e["kind"] != "cold_start") continue;
    const double began = e["t_s"].get<double>() - e["delay_s"].get<double>();
    const int phase = began < 140 ? 1 : began < 290 ? 2 : 5;
    by_phase[phase].push_back(e["delay_s"].get<double>());
  }
  ASSERT_GE(by_phase[1].size(), 100u);
  ASSERT_GE(by_phase[2].size(), 200u);
  EXPECT_GE(median(by_phase[1]), 1.5);  // published ~1.8 s
  EXPECT_LE(median(by_phase[1]), 2.1);
  EXPECT_GE(median(by_phase[2]), 2.1);  // published ~2.5 s
  EXPECT_LE(median(by_phase[2]), 2.9);
  EXPECT_GT(median(by_phase[5]), 5.0);  // published: saturated, > 5 s
}

// Row "time until the pods of a failed node are replaced" and "requests failing while a dead node
// is unnoticed": worker-0 fails at 60 s; NotReady at 110 s (grace 50 s), evicted at 410 s
// (toleration 300 s); requests to its pods fail until the activator's last dial gives up.
TEST(CalibrationRun, NodeFailureTakesGraceThenToleration) {
  std::map<std::string, double> first;  // first time of each phase on worker-0 after the failure
  double first_failure = -1, last_failure = -1;
  const ScenarioRun run = run_scenario("node-failure-eviction");
  for (const auto& e : run.events) {
    const double t = e["t_s"].get<double>();
    if (e["kind"] == "pod_phase" && e["node"] == "worker-0" && t >= 60 && !first.count(e["to"]))
      first[e["to"].get<std::string>()] = t;
    if (e["kind"] == "request_failures" && e["reason"] == "node_failure") {
      if (first_failure < 0) first_failure = t;
      last_failure = t;
    }
  }
  EXPECT_DOUBLE_EQ(first["Unknown"], 110);
  EXPECT_DOUBLE_EQ(first["Failed"], 410);
  EXPECT_DOUBLE_EQ(first_failure, 60);
  EXPECT_GE(last_failure, 110) << "requests to the dead node's pods and activator fail until NotReady";
  EXPECT_LT(last_failure, 135) << "~20 s of dial backoff after NotReady at most";
  EXPECT_GT(run.summary["requests"]["failed_by_reason"]["node_failure"].get<int>(), 20);
}

// Row "terminating time of a scaled-down pod": every pod scaled down in drain.yaml is Terminating
// for drainSleepDuration (30 s) exactly (it had no request left at the scale-down).
TEST(CalibrationRun, ScaledDownPodsDrainForThirtySeconds) {
  std::map<std::string, double> terminating;
  int drained = 0;
  for (const auto& e : run_scenario("drain").events) {
    if (e["kind"] != "pod_phase") continue;
    const std::string pod = e["pod"];
    if (e["to"] == "Terminating") terminating[pod] = e["t_s"].get<double>();
    if (e["to"] == "Terminated") {
      ASSERT_TRUE(terminating.count(pod)) << pod;
      EXPECT_NEAR(e["t_s"].get<double>() - terminating[pod], 30.0, 1e-6) << pod;
      ++drained;
    }
  }
  EXPECT_GE(drained, 1);
}

// Row "HPA scale-up after a load step": with the replica calculator, the HPA climbs 3 -> 7 (the
// scale-up limit) -> 10 -> 15 -> 21 after the step at 120 s; averaging over Ready pods gave 14
// at the second step.
TEST(CalibrationRun, HpaStepCountsNewPodsAsIdle) {
  std::vector<int> desired;
  for (const auto& e : run_scenario("hpa-step").events)
    if (e["kind"] == "autoscaler_decision" && e["t_s"].get<double>() > 120) desired.push_back(e["desired_pods"]);
  ASSERT_GE(desired.size(), 3u);
  EXPECT_EQ(desired[0], 7);   // ScaleUpLimit: the policy allows max(+100 %, +4 pods) per 15 s
  EXPECT_EQ(desired[1], 10);  // the 4 new pods count at 0 % CPU: 7 -> 10, not 14
  EXPECT_EQ(desired[2], 15);
}

}  // namespace
