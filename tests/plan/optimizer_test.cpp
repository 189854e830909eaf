// plan/optimizer on a known landscape: a fake knsim (Python, written here) turns --set t=.. and
// w=.. into summary.json figures, cost = (t-7)^2 + 2 (w-3)^2 + 10 and p99 = 100 + 20 t, so the
// cheapest point with p99 <= 220 is t = 6, w = 3 (cost 11) on the 20 x 10 grid. DIRECT-L + compass
// search must find exactly it within 40 of the 200 grid runs; constraints parse; points compare
// feasible first.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "plan/optimizer.hpp"

namespace knsim::plan {
namespace {

namespace fs = std::filesystem;

fs::path write_fake(const fs::path& dir) {
  const fs::path fake = dir / "fake-knsim.py";
  std::ofstream(fake) << R"(#!/usr/bin/python3
import json, os, sys
args = sys.argv[1:]
sets = dict(a.split("=", 1) for a in args[args.index("--set") + 1::2] if "=" in a) if "--set" in args else {}
t, w = float(sets["t"]), float(sets["w"])
out = args[args.index("--out") + 1]
cost = (t - 7) ** 2 + 2 * (w - 3) ** 2 + 10
summary = {"requests": {"total": 100, "failed": 0}, "latency_ms": {"p50": 10, "p99": 100 + 20 * t},
           "cold_start_requests": 0, "revisions": [{"pod_seconds": cost}], "nodes": {"node_seconds": 60}}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"))
open(os.path.join(out, "timeseries.csv"), "w").write("t_s,revision,desired_pods,ready_pods,pods\n0,r,1,1,1\n")
)";
  ::chmod(fake.c_str(), 0755);
  return fake;
}

TEST(Optimizer, FindsTheConstrainedOptimumOfAKnownLandscapeWithinBudget) {
  const fs::path dir = fs::temp_directory_path() / ("knsim-optimizer-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "out" / "runs");
  std::string error;
  OptimizeSpec spec;
  spec.scenario = "unused.yaml";
  spec.params = {*parse_range_param("t=1..20:1", &error), *parse_range_param("w=1..10:1", &error)};
  spec.seeds = {1};
  spec.minimize = "cost_pod_seconds";
  spec.constraints = {*parse_constraint("latency_p99_ms<=220", &error)};
  spec.budget = 40;
  const auto o = run_optimize(spec, ExecOptions{write_fake(dir), dir / "out", 2, false});
  ASSERT_TRUE(o.failures.empty()) << o.failures.front();
  ASSERT_TRUE(o.best);
  const auto& best = o.evals[*o.best];
  EXPECT_TRUE(best.feasible);
  EXPECT_EQ(best.settings, (Point{{"t", "6"}, {"w", "3"}}));
  EXPECT_DOUBLE_EQ(best.objective, 11);
  EXPECT_LE(o.runs, 40u);
  EXPECT_EQ(o.table.rows.size(), o.evals.size());  // one seed: one row per point
  EXPECT_GT(o.global_points, 0u);
  // Deterministic: a second search in a fresh folder makes the same runs in the same order.
  fs::create_directories(dir / "again" / "runs");
  const auto o2 = run_optimize(spec, ExecOptions{dir / "fake-knsim.py", dir / "again", 1, false});
  ASSERT_EQ(o2.evals.size(), o.evals.size());
  for (std::size_t i = 0; i < o.evals.size(); ++i) EXPECT_EQ(o2.evals[i].settings, o.evals[i].settings) << i;
  fs::remove_all(dir);
}

TEST(Constraint, ParsesBothDirectionsAndRejectsTheRest) {
  std::string error;
  const auto a = parse_constraint("latency_p99_ms <= 300", &error);
  ASSERT_TRUE(a) << error;
  EXPECT_TRUE(a->at_most);
  EXPECT_EQ(a->limit, 300);
  EXPECT_EQ(a->text(), "latency_p99_ms<=300");
  const auto b = parse_constraint("requests>=0.5", &error);
  ASSERT_TRUE(b);
  EXPECT_FALSE(b->at_most);
  for (const char* bad : {"latency_p99_ms<300", "p99<=3", "latency_p99_ms<=", "latency_p99_ms<=1x", "latency_p99_ms<=nan"})
    EXPECT_FALSE(parse_constraint(bad, &error)) << bad;
}

TEST(Optimizer, FeasibleBeatsInfeasibleThenObjectiveThenViolation) {
  Evaluation f1, f2, i1, i2;
  f1.feasible = f2.feasible = true;
  f1.objective = 5;
  f2.objective = 6;
  i1.objective = 1;
  i1.violation = 0.5;
  i2.objective = 0;
  i2.violation = 2;
  EXPECT_TRUE(better(f1, f2));
  EXPECT_TRUE(better(f2, i1));  // any feasible point beats a cheaper infeasible one
  EXPECT_TRUE(better(i1, i2));  // among infeasible ones, the smaller violation
  EXPECT_FALSE(better(f1, f1));
}

}  // namespace
}  // namespace knsim::plan
