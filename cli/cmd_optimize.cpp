// knsim optimize: the cheapest settings that meet an SLO, searched within a budget of runs.
//
//   knsim optimize SCENARIO --param KEY=LOW..HIGH[:STEP] ... [--minimize METRIC]
//                  [--constraint 'METRIC<=VALUE' ...] [--budget RUNS] [--seeds N] [--jobs J] [--out DIR]
//   knsim optimize --plan PLAN.yaml [...]
// Method and files: plan/optimizer.hpp (NLopt DIRECT-L, then a compass search on the grid), the
// same files as knsim sweep for every run made. Prints the best settings, their figures with 95 %
// confidence intervals and the --set line that reproduces them.
// Exit codes: 0 a point meeting every constraint was found, 1 none was (the least-violating one is
// printed) or the runs failed, 2 invalid input (nothing was run).
#include <cmath>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/plan_common.hpp"
#include "plan/optimizer.hpp"

namespace knsim::cli {

namespace {

namespace fs = std::filesystem;

struct OptimizeArgs {
  PlanArgs plan;
  std::string minimize;
  std::vector<std::string> constraints;
  std::optional<std::size_t> budget;
};

// A figure rounded for reading: 3 decimals, 6 below 1 (ratios like failed_ratio 0.000159).
std::string rounded(double v) {
  const double scale = std::abs(v) < 1 ? 1e6 : 1e3;
  return plan::format_value(std::round(v * scale) / scale);
}

std::string interval_text(const plan::Interval& iv) {
  std::string s = rounded(iv.mean);
  if (iv.low) s += " (95% CI " + rounded(*iv.low) + " .. " + rounded(*iv.high) + ")";
  return s;
}

int make_spec(const OptimizeArgs& a, plan::OptimizeSpec& spec, ResolvedPlan& r) {
  if (int rc = resolve_plan(a.plan, "optimize", r); rc != kExitOk) return rc;
  std::vector<plan::Setting> checks;
  for (const auto& text : r.params) {
    std::string error;
    auto p = plan::parse_range_param(text, &error);
    if (!p) {
      std::cerr << "knsim optimize: " << error << "\n";
      return kExitInvalidInput;
    }
    for (const auto& q : spec.params)
      if (q.key == p->key) {
        std::cerr << "knsim optimize: --param " << p->key << " given twice\n";
        return kExitInvalidInput;
      }
    checks.push_back({p->key, p->format(p->low)});
    checks.push_back({p->key, p->format(p->snap(p->high))});
    spec.params.push_back(std::move(*p));
  }
  if (int rc = validate_settings(r, checks); rc != kExitOk) return rc;
  spec.minimize = !a.minimize.empty() ? a.minimize : r.file.minimize.value_or("cost_pod_seconds");
  if (!plan::metric_index(spec.minimize)) {
    std::cerr << "knsim optimize: --minimize " << spec.minimize << ": unknown metric (one of " << plan::metric_list() << ")\n";
    return kExitInvalidInput;
  }
  std::vector<std::string> cs = r.file.constraints;
  cs.insert(cs.end(), a.constraints.begin(), a.constraints.end());
  for (const auto& text : cs) {
    std::string error;
    auto c = plan::parse_constraint(text, &error);
    if (!c) {
      std::cerr << "knsim optimize: " << error << "\n";
      return kExitInvalidInput;
    }
    spec.constraints.push_back(*c);
  }
  spec.scenario = r.scenario;
  spec.sets = r.sets;
  spec.seeds = r.seeds;
  spec.budget = a.budget.value_or(r.file.budget.value_or(40));
  if (spec.budget < spec.seeds.size()) {
    std::cerr << "knsim optimize: --budget " << spec.budget << " is less than one point (" << spec.seeds.size() << " seeds)\n";
    return kExitInvalidInput;
  }
  return kExitOk;
}

int optimize(const OptimizeArgs& a) {
  plan::OptimizeSpec spec;
  ResolvedPlan r;
  if (int rc = make_spec(a, spec, r); rc != kExitOk) return rc;
  plan::ExecOptions exec{self_executable(),
                         a.plan.out.empty() ? fs::path("out") / ("optimize-" + r.scenario_name) : fs::path(a.plan.out),
                         r.jobs, r.progress};
  if (auto err = plan::claim_out_dir(exec.out, plan::optimize_identity(spec)); !err.empty()) {
    std::cerr << "knsim optimize: " << err << "\n";
    return kExitInvalidInput;
  }
  const auto o = plan::run_optimize(spec, exec);
  for (const auto& f : o.failures) std::cerr << "failed: " << f << "\n";
  std::cout << o.evals.size() << " points, " << o.runs << " runs of a budget of " << spec.budget << " ("
            << o.global_points << " points by DIRECT-L, " << o.evals.size() - o.global_points << " by compass search)\n";
  if (!o.best) {
    std::cout << "no point could be evaluated\n";
    return kExitFailure;
  }
  const auto& b = o.evals[*o.best];
  std::cout << (b.feasible ? "best settings" : "NO point met every constraint; the closest") << " (point " << b.point << "):\n";
  std::string set_line;
  for (const auto& s : b.settings) {
    std::cout << "  " << s.key << " = " << s.value << "\n";
    set_line += " --set " + s.to_set();
  }
  for (const auto& m : plan::kMetricNames) std::cout << "  " << m << ": " << interval_text(b.summary.get(m)) << "\n";
  for (const auto& c : spec.constraints)
    std::cout << "  constraint " << c.text() << ": " << (b.summary.runs && ((c.at_most && b.summary.get(c.metric).mean <= c.limit) ||
                                                                            (!c.at_most && b.summary.get(c.metric).mean >= c.limit))
                                                             ? "met"
                                                             : "NOT met")
              << "\n";
  std::cout << "reproduce: knsim run " << spec.scenario;
  for (const auto& s : spec.sets) std::cout << " --set " << s;
  std::cout << set_line << "\n";
  std::cout << "results: " << (exec.out / "results.csv").string() << "\nreport: " << (exec.out / "report.html").string() << "\n";
  return b.feasible ? kExitOk : kExitFailure;
}

}  // namespace

void register_optimize(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("optimize", "Find the settings minimising a metric under constraints, within a budget of runs");
  auto a = std::make_shared<OptimizeArgs>();
  add_plan_options(cmd, a->plan, "KEY=LOW..HIGH[:STEP]: a range to search, KEY as in knsim run --set (e.g. "
                                 "shop.autoscaling.knative.dev/target=5..100:5)");
  cmd->add_option("--minimize", a->minimize, "metric to minimise (default cost_pod_seconds): " + plan::metric_list());
  cmd->add_option("--constraint", a->constraints, "METRIC<=VALUE or METRIC>=VALUE on the mean over seeds, e.g. latency_p99_ms<=300")
      ->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--budget", a->budget, "at most this many simulations (points x seeds; default 40)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->callback([a, &exit_code] { exit_code.value = optimize(*a); });
}

}  // namespace knsim::cli
