#pragma once
// What `knsim sweep` and `knsim optimize` share: their common flags, a plan file merged with the
// flags, the scenario loaded and every setting validated (exactly as `knsim run --set` would)
// before any simulation starts, so a typo exits 2 at once instead of failing N runs later.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "plan/param_space.hpp"
#include "plan/plan_file.hpp"

namespace knsim::cli {

struct PlanArgs {
  std::string scenario, plan, out;
  std::vector<std::string> params, sets;
  std::optional<std::uint64_t> seeds;
  std::optional<std::size_t> jobs;
  bool quiet = false;
};

// SCENARIO, --plan, --param, --set, --seeds, --jobs, --out, --quiet.
void add_plan_options(CLI::App* cmd, PlanArgs& a, const std::string& param_help);

struct ResolvedPlan {
  std::string scenario;              // path for `knsim run`
  std::string scenario_name;         // the Scenario's metadata.name
  std::vector<std::string> sets;     // fixed overrides (plan's, then --set's)
  std::vector<std::string> params;   // raw --param texts (plan's, then the flags')
  std::vector<std::uint64_t> seeds;  // explicit list or scenario seed + 0..N-1
  plan::PlanFile file;
  std::size_t jobs = 1;
  bool progress = false;
};

// Merges the plan file and the flags and checks the scenario and the fixed sets. Returns 0, or
// the exit code after printing every problem to stderr (2 for invalid input).
int resolve_plan(const PlanArgs& a, const char* command, ResolvedPlan& out);

// Checks every setting (each alone, after the fixed sets) as `knsim run --set` would: 0, or 2
// after printing the problems.
int validate_settings(const ResolvedPlan& r, const std::vector<plan::Setting>& settings);

// This process's executable (/proc/self/exe): the knsim run for each simulation.
std::filesystem::path self_executable();

}  // namespace knsim::cli
