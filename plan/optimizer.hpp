#pragma once
// `knsim optimize`: the settings that minimise a metric (mean over seeds) subject to constraints
// on other metrics, within a budget of simulations.
//
// Method (deterministic: same input, same runs, same answer):
//  1. Global phase, NLopt's DIRECT-L (GN_DIRECT_L, Gablonsky & Kelley's locally biased DIRECT) on the
//     unit cube, each coordinate mapped to its parameter's range and snapped to its STEP grid. An
//     infeasible point scores kInfeasible * (1 + violation) (a barrier far above any feasible
//     objective; violation = sum over constraints of the relative excess over the limit), so the
//     search keeps to feasible regions and still ranks infeasible points by how far they are out.
//     At most 60 % of the budget goes here.
//  2. Local phase, compass search (generalised pattern search; Kolda, Lewis & Torczon, SIAM Review
//     45(3), 2003) on the grid from the best point so far: try +-s grid steps along each parameter,
//     move on improvement, halve s down to one grid step; stops at a grid-local optimum or the budget.
// A point is evaluated once (results cached by its settings), with every seed, `jobs` runs at a
// time; the budget counts simulations (points x seeds). Points are compared feasible first, then by
// objective, then by violation.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plan/param_space.hpp"
#include "plan/sweep.hpp"
#include "plan/sweep_table.hpp"

namespace knsim::plan {

struct Constraint {
  std::string metric;
  bool at_most = true;  // METRIC<=LIMIT (true) or METRIC>=LIMIT
  double limit = 0;
  std::string text() const;
};

// "latency_p99_ms<=300" or "failed_ratio >= 0"; nullopt with *error on a malformed text.
std::optional<Constraint> parse_constraint(const std::string& text, std::string* error);

struct OptimizeSpec {
  std::string scenario;
  std::vector<std::string> sets;
  std::vector<RangeParam> params;
  std::vector<std::uint64_t> seeds;
  std::string minimize = "cost_pod_seconds";
  std::vector<Constraint> constraints;
  std::size_t budget = 40;  // simulations
};

struct Evaluation {
  std::size_t point = 0;     // its number in results.csv
  Point settings;
  PointSummary summary;
  bool feasible = false;
  double objective = 0;      // mean of `minimize`
  double violation = 0;      // 0 when feasible
};

struct OptimizeOutcome {
  SweepTable table;                 // every run made (results.csv)
  std::vector<Evaluation> evals;    // every point, in evaluation order
  std::optional<std::size_t> best;  // index into evals: the best point (feasible if any was)
  std::size_t runs = 0, reused = 0;
  std::vector<std::string> failures;
  std::size_t global_points = 0;    // points evaluated by the global phase
};

// sweep.json-like identity of an optimisation (resume reuses finished runs when it is equal).
nlohmann::ordered_json optimize_identity(const OptimizeSpec& spec);

// `a` better than `b`: feasible first, then smaller objective, then smaller violation.
bool better(const Evaluation& a, const Evaluation& b);

// Runs the search and writes results.csv, summary.csv, pareto.csv, report.html into exec.out.
// Throws std::runtime_error on an I/O problem.
OptimizeOutcome run_optimize(const OptimizeSpec& spec, const ExecOptions& exec);

}  // namespace knsim::plan
