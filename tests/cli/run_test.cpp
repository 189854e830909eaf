// `knsim run` end to end: shipped scenarios run and write every output; bad input exits 2;
// the same scenario and seed give byte-identical outputs (summary.json without its two wall-clock
// fields, timeseries.csv, events.jsonl, report.html); --set overrides; --stream protocol lines.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/cli.hpp"

namespace knsim::cli {
namespace {

namespace fs = std::filesystem;

std::string knsim() { return knsim::test::knsim_exe(); }
std::string scenario(const std::string& name) { return knsim::test::shipped_scenario(name); }
int run(const std::string& args, std::string* out = nullptr) { return knsim::test::run_cli(args, out); }
using knsim::test::slurp;

fs::path temp_dir(const std::string& name) {
  auto d = fs::temp_directory_path() / ("knsim-run-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

// summary.json without wall_seconds / simulated_requests_per_wall_second (the only wall-clock values).
std::string summary_without_wall(const fs::path& p) {
  auto j = nlohmann::ordered_json::parse(slurp(p));
  j.erase("wall_seconds");
  j.erase("simulated_requests_per_wall_second");
  return j.dump(1);
}

TEST(RunCommand, DefaultScenarioWritesEveryOutput) {
  const auto dir = temp_dir("default");
  std::string out;
  ASSERT_EQ(run("run " + scenario("default.yaml") + " --out " + dir.string(), &out), 0);
  for (const char* f : {"summary.json", "timeseries.csv", "events.jsonl", "report.html"})
    EXPECT_TRUE(fs::exists(dir / f) && fs::file_size(dir / f) > 0) << f;
  EXPECT_NE(out.find("report.html"), std::string::npos);
  const auto j = nlohmann::json::parse(slurp(dir / "summary.json"));
  const auto& req = j["requests"];
  EXPECT_GT(req["total"].get<long>(), 10000);
  EXPECT_EQ(req["total"].get<long>(), req["succeeded"].get<long>() + req["failed"].get<long>());
  EXPECT_EQ(j["scenario"], "default");
  const std::string csv = slurp(dir / "timeseries.csv");
  EXPECT_EQ(csv.rfind("t_s,revision,desired_pods,ready_pods,pods,observed_stable,observed_panic,panic,mode,ebc,requests,concurrency,traffic_percent", 0), 0u);
  fs::remove_all(dir);
}

TEST(RunCommand, EveryShippedScenarioRuns) {
  for (const auto& e : fs::directory_iterator(knsim::test::source_dir() / "scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    const auto dir = temp_dir("all-" + e.path().stem().string());
    EXPECT_EQ(run("run " + e.path().string() + " --quiet --set scenario.duration=2m --out " + dir.string()), 0)
        << e.path();
    EXPECT_TRUE(fs::exists(dir / "summary.json")) << e.path();
    fs::remove_all(dir);
  }
}

TEST(RunCommand, SameSeedGivesByteIdenticalOutputs) {
  const auto a = temp_dir("det-a"), b = temp_dir("det-b");
  ASSERT_EQ(run("run " + scenario("step-load.yaml") + " --quiet --set scenario.duration=4m --out " + a.string()), 0);
  ASSERT_EQ(run("run " + scenario("step-load.yaml") + " --quiet --set scenario.duration=4m --out " + b.string()), 0);
  EXPECT_EQ(summary_without_wall(a / "summary.json"), summary_without_wall(b / "summary.json"));
  for (const char* f : {"timeseries.csv", "events.jsonl", "report.html"}) EXPECT_TRUE(slurp(a / f) == slurp(b / f)) << f;
  // A different seed changes the run.
  const auto c = temp_dir("det-c");
  ASSERT_EQ(run("run " + scenario("step-load.yaml") + " --quiet --seed 99 --set scenario.duration=4m --out " + c.string()), 0);
  EXPECT_FALSE(slurp(a / "timeseries.csv") == slurp(c / "timeseries.csv"));
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST(RunCommand, SetOverridesAConfigMapKeyAndAnAnnotation) {
  const auto dir = temp_dir("set");
  ASSERT_EQ(run("run " + scenario("default.yaml") + " --quiet --out " + dir.string() +
                " --set config-autoscaler.stable-window=30s --set hello.autoscaling.knative.dev/target=3"),
            0);
  const auto j = nlohmann::json::parse(slurp(dir / "summary.json"));
  EXPECT_EQ(j["config"]["config-autoscaler"]["stable-window"], "30s");
  EXPECT_EQ(j["config"]["service-annotations"]["hello"]["autoscaling.knative.dev/target"], "3");
  // target 3 * 0.7 = 2.1 per pod: the timeseries' target column shows it.
  EXPECT_NE(slurp(dir / "timeseries.csv").find(",2.1,"), std::string::npos);
  fs::remove_all(dir);
}

TEST(RunCommand, BadInputExitsTwo) {
  const auto dir = temp_dir("bad");
  EXPECT_EQ(run("run /nonexistent/scenario.yaml --out " + dir.string()), 2);
  EXPECT_EQ(run("run " + scenario("default.yaml") + " --out " + dir.string() + " --set config-autoscaler.stable-window=2s"), 2);
  EXPECT_EQ(run("run " + scenario("default.yaml") + " --out " + dir.string() + " --set nosuchservice.autoscaling.knative.dev/target=5"), 2);
  EXPECT_EQ(run("run " + scenario("default.yaml") + " --out " + dir.string() + " --set garbage"), 2);
  fs::remove_all(dir);
}

TEST(RunCommand, StreamSpeaksTheProtocol) {
  const auto dir = temp_dir("stream");
  std::string out;
  ASSERT_EQ(run("run " + scenario("default.yaml") + " --stream --set scenario.duration=20s --out " + dir.string() +
                    " < /dev/null",
                &out),
            0);
  std::istringstream lines(out);
  std::string line, first, last;
  int samples = 0, nodes = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    if (first.empty()) first = j["type"];
    last = j["type"];
    if (j["type"] == "sample") ++samples;
    if (j["type"] == "node") ++nodes;
  }
  EXPECT_EQ(first, "hello");
  EXPECT_EQ(last, "done");
  EXPECT_EQ(samples, 20);  // one revision, 20 one-second samples
  EXPECT_EQ(nodes, 60);    // three nodes
  fs::remove_all(dir);
}

TEST(RunCommand, StreamStepPausesAndQuitWritesOutputs) {
  const auto dir = temp_dir("step");
  std::string out;
  const std::string cmd = "(printf 'step 4\\n'; sleep 1; printf 'quit\\n') | " + knsim() + " run " +
                          scenario("default.yaml") + " --stream --start-paused --out " + dir.string() + " 2>/dev/null";
  ASSERT_EQ(knsim::test::run_shell(cmd, &out), 0);
  EXPECT_NE(out.find("\"type\":\"paused\",\"t_s\":0.0"), std::string::npos);
  EXPECT_NE(out.find("\"type\":\"paused\",\"t_s\":4.0"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "summary.json"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace knsim::cli
