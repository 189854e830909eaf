// `knsim optimize` end to end: on step-load (3 simulated minutes) it finds settings at least as good
// as the best point of the exhaustive grid over the same space, in fewer runs; its --set line
// reproduces the figures; an impossible constraint exits 1; bad input exits 2; a rerun resumes.
#include <gtest/gtest.h>

#include <limits>

#include <nlohmann/json.hpp>

#include "plan/sweep_table.hpp"
#include "tests/plan/plan_cli_support.hpp"

namespace knsim::plan::test {
namespace {

const std::string kFixed = " --set scenario.duration=3m --jobs 2 --quiet";
const std::string kTarget = "shop.autoscaling.knative.dev/target";
const std::string kWindow = "config-autoscaler.stable-window";

TEST(OptimizeCommand, AtLeastAsGoodAsTheExhaustiveGridInFewerRuns) {
  const auto dir = temp_dir("opt");
  // The grid: 10 targets x 2 windows = 20 points, one seed each.
  const auto grid = run("sweep " + scenario("step-load.yaml") + " --param " + kTarget + "=1,2,3,4,5,6,7,8,9,10 --param " + kWindow +
                        "=20s,60s" + kFixed + " --out " + (dir / "grid").string());
  ASSERT_EQ(grid.code, 0) << grid.err;
  std::string error;
  const auto g = read_results_csv(dir / "grid" / "results.csv", &error);
  ASSERT_TRUE(g) << error;
  ASSERT_EQ(g->rows.size(), 20u);
  double grid_best = std::numeric_limits<double>::infinity();
  std::size_t feasible = 0;
  for (const auto& r : g->rows)
    if (r.metrics.get("latency_p99_ms") <= 2000) {
      ++feasible;
      grid_best = std::min(grid_best, r.metrics.get("cost_pod_seconds"));
    }
  // The constraint must bite for the test to mean something: some points meet it, some do not.
  ASSERT_GT(feasible, 0u);
  ASSERT_LT(feasible, 20u);

  const std::string opt_args = "optimize " + scenario("step-load.yaml") + " --param " + kTarget + "=1..10:1 --param " + kWindow +
                               "=20s..60s:40s --minimize cost_pod_seconds --constraint 'latency_p99_ms<=2000' --budget 14" + kFixed +
                               " --out " + (dir / "opt").string();
  const auto o = run(opt_args);
  ASSERT_EQ(o.code, 0) << o.err << o.out;
  EXPECT_NE(o.out.find("best settings"), std::string::npos) << o.out;
  const auto t = read_results_csv(dir / "opt" / "results.csv", &error);
  ASSERT_TRUE(t) << error;
  EXPECT_LT(t->rows.size(), g->rows.size()) << "fewer runs than the grid";
  EXPECT_LE(t->rows.size(), 14u) << "within the budget";
  double opt_best = std::numeric_limits<double>::infinity();
  for (const auto& r : t->rows)
    if (r.metrics.get("latency_p99_ms") <= 2000) opt_best = std::min(opt_best, r.metrics.get("cost_pod_seconds"));
  EXPECT_LE(opt_best, grid_best);
  // The printed best is that point, and its --set line reproduces its figures.
  const auto line_at = o.out.find("reproduce: knsim run ");
  ASSERT_NE(line_at, std::string::npos);
  const std::string line = o.out.substr(line_at + 21, o.out.find('\n', line_at) - line_at - 21);
  const auto single = dir / "single";
  ASSERT_EQ(run("run " + line + " --quiet --out " + single.string()).code, 0) << line;
  const auto j = nlohmann::json::parse(slurp(single / "summary.json"));
  double cost = 0;
  for (const auto& r : j["revisions"]) cost += r["pod_seconds"].get<double>();
  EXPECT_EQ(cost, opt_best) << line;
  for (const char* f : {"summary.csv", "pareto.csv", "report.html"}) EXPECT_TRUE(fs::exists(dir / "opt" / f)) << f;

  // A rerun resumes from the finished runs: same files, same answer.
  const std::string results = slurp(dir / "opt" / "results.csv");
  const auto again = run(opt_args);
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out, o.out);
  EXPECT_EQ(slurp(dir / "opt" / "results.csv"), results);
  fs::remove_all(dir);
}

TEST(OptimizeCommand, ImpossibleConstraintExits1WithTheClosestPoint) {
  const auto dir = temp_dir("opt-impossible");
  const auto o = run("optimize " + scenario("scale-to-zero.yaml") + " --param config-autoscaler.stable-window=6s..60s:6s"
                     " --constraint 'latency_p99_ms<=1' --budget 4 --set scenario.duration=2m --jobs 2 --quiet --out " + dir.string());
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_NE(o.out.find("NO point met every constraint"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("constraint latency_p99_ms<=1: NOT met"), std::string::npos) << o.out;
  fs::remove_all(dir);
}

TEST(OptimizeCommand, ShippedPlanRuns) {
  const auto dir = temp_dir("opt-shipped");
  const auto o = run("optimize --plan " + (knsim::test::source_dir() / "scenarios" / "plans" / "step-load-optimize.yaml").string() +
                     " --seeds 1 --budget 3 --set scenario.duration=1m --jobs 2 --quiet --out " + dir.string());
  EXPECT_EQ(o.code, 0) << o.err << o.out;
  EXPECT_NE(o.out.find("3 runs of a budget of 3"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("constraint failed_ratio<=0.01: met"), std::string::npos) << o.out;
  fs::remove_all(dir);
}

TEST(OptimizeCommand, BadInputExits2) {
  const std::string s = scenario("scale-to-zero.yaml");
  const std::string p = " --param config-autoscaler.stable-window=6s..60s:6s";
  const struct {
    std::string args, want;
  } cases[] = {
      {s + " --param config-autoscaler.stable-window=6s,60s", "LOW..HIGH"},
      {s + " --param config-autoscaler.stable-window=60s..6s", "LOW must be below HIGH"},
      {s + p + " --minimize cheapness", "unknown metric"},
      {s + p + " --constraint 'latency_p99_ms<300'", "METRIC<=VALUE"},
      {s + p + " --constraint 'p99<=300'", "unknown metric 'p99'"},
      {s + p + " --constraint 'latency_p99_ms<=fast'", "must be a number"},
      {s + p + " --seeds 3 --budget 2", "less than one point"},
      {s + " --param sleepy.autoscaling.knative.dev/target=-10..10:5", "sleepy.autoscaling.knative.dev/target=-10"},
  };
  for (const auto& c : cases) {
    const auto out = temp_dir("opt-bad");
    const auto r = run("optimize " + c.args + " --out " + out.string());
    EXPECT_EQ(r.code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.want), std::string::npos) << c.args << "\nstderr: " << r.err;
    EXPECT_FALSE(fs::exists(out / "runs")) << c.args;
    fs::remove_all(out);
  }
}

}  // namespace
}  // namespace knsim::plan::test
