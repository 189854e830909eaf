#include "cli/plan_common.hpp"

#include <unistd.h>

#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "manifests/scenario_bundle.hpp"
#include "plan/run_pool.hpp"
#include "manifests/sim_input_builder.hpp"

namespace knsim::cli {

void add_plan_options(CLI::App* cmd, PlanArgs& a, const std::string& param_help) {
  cmd->add_option("SCENARIO", a.scenario, "scenario file or folder (or the plan's `scenario`)");
  cmd->add_option("--plan", a.plan, "plan file (YAML): scenario, seeds, set, params, ... (docs/sweeps.md)");
  cmd->add_option("--param", a.params, param_help)->expected(1)->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--set", a.sets, "fixed override KEY=VALUE applied to every run (as knsim run --set)")
      ->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--seeds", a.seeds, "seeds per point: the scenario's seed, +1, ... (default 1)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{10000}));
  cmd->add_option("--jobs,-j", a.jobs, "simulations at a time (default: the number of cores)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
  cmd->add_option("--out", a.out, "output folder (default out/<command>-<scenario name>/)");
  cmd->add_flag("--quiet", a.quiet, "no progress bar");
}

namespace {

int report(const manifests::Diagnostics& diags, const std::string& what) {
  std::cerr << diags.to_string();
  std::cerr << what << ": " << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors") << "\n";
  return kExitInvalidInput;
}

}  // namespace

int resolve_plan(const PlanArgs& a, const char* command, ResolvedPlan& out) {
  manifests::Diagnostics diags;
  if (!a.plan.empty()) {
    out.file = plan::read_plan_file(a.plan, diags);
    if (diags.has_errors()) return report(diags, a.plan);
  }
  out.scenario = !a.scenario.empty() ? a.scenario : out.file.scenario.value_or("");
  if (out.scenario.empty()) {
    std::cerr << "knsim " << command << ": no SCENARIO (give it as an argument or as `scenario` in --plan)\n";
    return kExitInvalidInput;
  }
  out.sets = out.file.sets;
  out.sets.insert(out.sets.end(), a.sets.begin(), a.sets.end());
  out.params = out.file.params;
  out.params.insert(out.params.end(), a.params.begin(), a.params.end());
  if (out.params.empty()) {
    std::cerr << "knsim " << command << ": no --param (e.g. --param hello.autoscaling.knative.dev/target=10,50)\n";
    return kExitInvalidInput;
  }
  manifests::ScenarioBundle bundle = manifests::load_scenario(out.scenario, diags);
  if (!diags.has_errors()) manifests::apply_overrides(bundle, out.sets, diags);
  if (diags.has_errors()) return report(diags, out.scenario);
  out.scenario_name = bundle.scenario.name;
  if (a.seeds || out.file.seed_list.empty()) {
    const std::uint64_t n = a.seeds.value_or(out.file.seed_count.value_or(1));
    for (std::uint64_t k = 0; k < n; ++k) out.seeds.push_back(bundle.scenario.seed + k);
  } else {
    out.seeds = out.file.seed_list;
  }
  out.jobs = a.jobs.value_or(plan::default_parallelism());
  out.progress = !a.quiet && ::isatty(2);
  return kExitOk;
}

int validate_settings(const ResolvedPlan& r, const std::vector<plan::Setting>& settings) {
  manifests::Diagnostics base_diags;
  const manifests::ScenarioBundle base = manifests::load_scenario(r.scenario, base_diags);
  manifests::Diagnostics diags;
  std::set<std::string> seen;
  for (const auto& s : settings) {
    if (s.key == "scenario.seed") {
      diags.error("--param", 0, s.to_set(), "seeds are chosen with --seeds (or the plan's seeds), not swept");
      continue;
    }
    if (!seen.insert(s.to_set()).second) continue;
    manifests::ScenarioBundle b = base;
    manifests::Diagnostics d;
    std::vector<std::string> sets = r.sets;
    sets.push_back(s.to_set());
    manifests::apply_overrides(b, sets, d);
    for (const auto& item : d.items())
      if (item.severity == manifests::Severity::kError) diags.add(item);
  }
  return diags.has_errors() ? report(diags, "--param") : kExitOk;
}

std::filesystem::path self_executable() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path("knsim") : p;
}

}  // namespace knsim::cli
