// `knsim sweep` end to end with the real executable: each results.csv row equals what `knsim run`
// with the same --set and --seed reports (read here from its summary.json and timeseries.csv
// independently of plan/run_metrics), resume, bad input (exit 2, nothing run), plan files.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "plan/sweep_table.hpp"
#include "tests/plan/plan_cli_support.hpp"

namespace knsim::plan::test {
namespace {

const std::string kSweep = " --param config-autoscaler.stable-window=6s,60s --set scenario.duration=6m --seeds 2 --jobs 2 --quiet";

// The nine figures of a finished `knsim run` folder, computed here from its files.
std::vector<double> figures_of(const fs::path& dir) {
  const auto j = nlohmann::json::parse(slurp(dir / "summary.json"));
  double pod_seconds = 0;
  for (const auto& r : j["revisions"]) pod_seconds += r["pod_seconds"].get<double>();
  const double total = j["requests"]["total"].get<double>(), failed = j["requests"]["failed"].get<double>();
  std::istringstream csv(slurp(dir / "timeseries.csv"));
  std::string line;
  std::getline(csv, line);  // t_s,revision,desired_pods,ready_pods,pods,...
  EXPECT_EQ(line.rfind("t_s,revision,desired_pods,ready_pods,pods,", 0), 0u);
  std::map<std::string, double> pods_at;
  while (std::getline(csv, line)) {
    std::vector<std::string> c;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) c.push_back(cell);
    pods_at[c[0]] += std::stod(c[4]);
  }
  double max_pods = 0;
  for (const auto& [t, p] : pods_at) max_pods = std::max(max_pods, p);
  return {pod_seconds,
          j["nodes"]["node_seconds"].get<double>(),
          total,
          failed,
          total > 0 ? failed / total : 0,
          j["latency_ms"]["p50"].get<double>(),
          j["latency_ms"]["p99"].get<double>(),
          j["cold_start_requests"].get<double>(),
          max_pods};
}

// `knsim run SCENARIO --seed <row's> <sets><row's value>` reports exactly the row's figures.
// `sets` ends with the swept key's "--set KEY=".
void expect_single_run(const ResultRow& row, const std::string& name, const std::string& sets) {
  SCOPED_TRACE("point " + std::to_string(row.point) + " seed " + std::to_string(row.seed));
  const auto single = temp_dir("single-p" + std::to_string(row.point) + "-s" + std::to_string(row.seed));
  ASSERT_EQ(run("run " + scenario(name) + " --quiet --seed " + std::to_string(row.seed) + sets + row.values[0] +
                " --out " + single.string())
                .code,
            0);
  const auto f = figures_of(single);
  for (std::size_t m = 0; m < kMetricNames.size(); ++m) EXPECT_EQ(row.metrics.values[m], f[m]) << kMetricNames[m];
  fs::remove_all(single);
}

TEST(SweepCommand, EveryRowEqualsASingleKnsimRun) {
  const auto out = temp_dir("rows");
  const auto r = run("sweep " + scenario("scale-to-zero.yaml") + kSweep + " --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("4 runs (0 reused"), std::string::npos) << r.out;
  std::string error;
  const auto table = read_results_csv(out / "results.csv", &error);
  ASSERT_TRUE(table) << error;
  EXPECT_EQ(table->keys, std::vector<std::string>{"config-autoscaler.stable-window"});
  ASSERT_EQ(table->rows.size(), 4u);
  // Points in --param order, seeds from the scenario's seed (3): (6s,3) (6s,4) (60s,3) (60s,4).
  const std::pair<std::string, std::uint64_t> want[] = {{"6s", 3}, {"6s", 4}, {"60s", 3}, {"60s", 4}};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& row = table->rows[i];
    EXPECT_EQ(row.point, i / 2);
    EXPECT_EQ(row.values[0], want[i].first);
    EXPECT_EQ(row.seed, want[i].second);
    expect_single_run(row, "scale-to-zero.yaml", " --set scenario.duration=6m --set config-autoscaler.stable-window=");
  }
  // The settings matter (a shorter stable window scales to zero sooner), so rows are not all alike.
  EXPECT_LT(table->rows[0].metrics.get("cost_pod_seconds"), table->rows[2].metrics.get("cost_pod_seconds"));
  for (const char* f : {"summary.csv", "pareto.csv", "report.html", "sweep.json"}) EXPECT_TRUE(fs::exists(out / f)) << f;
  const std::string html = slurp(out / "report.html");
  EXPECT_NE(html.find("Cost against p99 latency"), std::string::npos);
  EXPECT_NE(html.find("stable-window=6s"), std::string::npos);  // a Pareto point's label
  fs::remove_all(out);
}

// Issue 16: the node count is swept like any setting (scenario.nodePools.POOL.count), and each row
// is still exactly the single run with the same --set.
TEST(SweepCommand, NodeCountsSweepLikeAnySettingAndRowsEqualSingleRuns) {
  const auto out = temp_dir("nodes");
  const std::string fixed = " --set scenario.duration=3m";
  const auto r = run("sweep " + scenario("step-load.yaml") + " --param scenario.nodePools.worker.count=1,2" + fixed +
                     " --seeds 1 --jobs 2 --quiet --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  std::string error;
  const auto table = read_results_csv(out / "results.csv", &error);
  ASSERT_TRUE(table) << error;
  EXPECT_EQ(table->keys, std::vector<std::string>{"scenario.nodePools.worker.count"});
  ASSERT_EQ(table->rows.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& row = table->rows[i];
    EXPECT_EQ(row.values[0], std::to_string(i + 1));
    expect_single_run(row, "step-load.yaml", fixed + " --set scenario.nodePools.worker.count=");
  }
  // Two nodes are up twice as long as one over the same 3 minutes.
  EXPECT_EQ(table->rows[1].metrics.get("node_seconds"), 2 * table->rows[0].metrics.get("node_seconds"));
  fs::remove_all(out);
  // A pool the scenario does not have: exit 2 before running, naming the pool and the known ones.
  const auto bad = run("sweep " + scenario("step-load.yaml") + " --param scenario.nodePools.workers.count=1,2 --out " +
                       out.string());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("no node pool \"workers\" in spec.cluster.nodePools (pools: worker)"), std::string::npos)
      << bad.err;
  EXPECT_FALSE(fs::exists(out / "runs"));
}

TEST(SweepCommand, ResumesWhereItStoppedAndRefusesAnotherSweep) {
  const auto out = temp_dir("resume");
  const std::string args = "sweep " + scenario("scale-to-zero.yaml") + kSweep + " --out " + out.string();
  ASSERT_EQ(run(args).code, 0);
  const std::string results = slurp(out / "results.csv"), report = slurp(out / "report.html");
  // An interrupted sweep: one run never finished (its half-written folder left behind), no tables yet.
  fs::remove_all(out / "runs" / "p0001-s4");
  fs::create_directories(out / "runs" / "p0001-s4.partial");
  for (const char* f : {"results.csv", "summary.csv", "pareto.csv", "report.html"}) fs::remove(out / f);
  const auto again = run(args);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("4 runs (3 reused"), std::string::npos) << again.out;
  EXPECT_FALSE(fs::exists(out / "runs" / "p0001-s4.partial"));
  EXPECT_EQ(slurp(out / "results.csv"), results);
  EXPECT_EQ(slurp(out / "report.html"), report);
  // Another sweep into the same folder is refused before running anything.
  const auto other = run("sweep " + scenario("scale-to-zero.yaml") +
                         " --param config-autoscaler.stable-window=6s,30s --set scenario.duration=6m --seeds 2 --quiet --out " +
                         out.string());
  EXPECT_EQ(other.code, 2);
  EXPECT_NE(other.err.find("holds a different sweep"), std::string::npos) << other.err;
  fs::remove_all(out);
}

TEST(SweepCommand, BadInputExits2BeforeRunningAnything) {
  const std::string s2z = scenario("scale-to-zero.yaml");
  const struct {
    std::string args, want;
  } cases[] = {
      {s2z + " --param stable-window", "expected KEY=V1,V2"},
      {s2z, "no --param"},
      {"--param a=1,2", "no SCENARIO"},
      {s2z + " --param nosuch.autoscaling.knative.dev/target=1,2", "no Service named 'nosuch'"},
      {s2z + " --param sleepy.autoscaling.knative.dev/target=10,-5", "sleepy.autoscaling.knative.dev/target=-5"},
      {s2z + " --param config-autoscaler.stable-window=30s,banana", "invalid duration \"banana\""},
      {s2z + " --param scenario.seed=1,2", "--seeds"},
      {s2z + " --param a=1 --param a=2", "given twice"},
      {s2z + " --param config-autoscaler.stable-window=30s --seeds 0", "--seeds"},
      {s2z + " --param config-autoscaler.stable-window=30s --jobs 0", "--jobs"},
      {s2z + " --param config-autoscaler.stable-window=30s --set scenario.duration=-1m", "duration"},
      {"/nonexistent/scenario.yaml --param a=1", "/nonexistent/scenario.yaml"},
      {s2z + " --param config-autoscaler.stable-window=30s --k8s-job /tmp/x.yaml --shards 5", "more than the 1 runs"},
      {"--plan /nonexistent/plan.yaml", "/nonexistent/plan.yaml"},
  };
  for (const auto& c : cases) {
    const auto out = temp_dir("bad");
    const auto r = run("sweep " + c.args + " --out " + out.string());
    EXPECT_EQ(r.code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.want), std::string::npos) << c.args << "\nstderr: " << r.err;
    EXPECT_FALSE(fs::exists(out / "runs")) << c.args;
    fs::remove_all(out);
  }
}

TEST(SweepCommand, PlanFileGivesTheSameSweepAsFlags) {
  const auto dir = temp_dir("plan");
  fs::create_directories(dir);
  std::ofstream(dir / "plan.yaml") << "kind: SweepPlan\nscenario: " << scenario("scale-to-zero.yaml")
                                   << "\nseeds: 2\nset:\n  scenario.duration: 6m\nparams:\n"
                                      "  config-autoscaler.stable-window: [6s, 60s]\n";
  const auto a = run("sweep --plan " + (dir / "plan.yaml").string() + " --jobs 2 --quiet --out " + (dir / "a").string());
  ASSERT_EQ(a.code, 0) << a.err;
  const auto b = run("sweep " + scenario("scale-to-zero.yaml") + kSweep + " --out " + (dir / "b").string());
  ASSERT_EQ(b.code, 0) << b.err;
  for (const char* f : {"results.csv", "summary.csv", "pareto.csv", "report.html"})
    EXPECT_EQ(slurp(dir / "a" / f), slurp(dir / "b" / f)) << f;
  // A bad plan names file, line and field.
  std::ofstream(dir / "bad.yaml") << "scenario: x.yaml\nseeds: many\nparms: {}\n";
  const auto bad = run("sweep --plan " + (dir / "bad.yaml").string());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("bad.yaml:2: seeds: expected an unsigned integer"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("bad.yaml:3: parms: unknown field"), std::string::npos) << bad.err;
  fs::remove_all(dir);
}

TEST(SweepCommand, ShippedPlanRuns) {
  const auto out = temp_dir("shipped");
  const auto r = run("sweep --plan " + (knsim::test::source_dir() / "scenarios" / "plans" / "step-load-sweep.yaml").string() +
                     " --set scenario.duration=3m --seeds 1 --jobs 2 --quiet --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  std::string error;
  const auto table = read_results_csv(out / "results.csv", &error);
  ASSERT_TRUE(table) << error;
  EXPECT_GE(table->rows.size(), 4u);
  fs::remove_all(out);
}

}  // namespace
}  // namespace knsim::plan::test
