#pragma once
// A plan file (`knsim sweep --plan PLAN.yaml`, `knsim optimize --plan PLAN.yaml`): the flags of a
// sweep or an optimisation written down, so a planning study is a file under version control.
//
//   kind: SweepPlan                      # or OptimizePlan; optional, checked when present
//   scenario: ../step-load.yaml          # relative to the plan file; a SCENARIO argument overrides it
//   seeds: 3                             # N seeds (scenario seed, +1, ...) or a list [7, 8, 9]
//   set:                                 # fixed --set overrides, applied before the parameters
//     scenario.duration: 10m
//   params:                              # KEY: values (sweep) or KEY: "LOW..HIGH[:STEP]" (optimize)
//     hello.autoscaling.knative.dev/target: [10, 50, 100]
//     config-autoscaler.stable-window: [30s, 60s]
//   minimize: cost_pod_seconds           # optimize only
//   constraints: ["latency_p99_ms<=300"] # optimize only
//   budget: 40                           # optimize only: at most this many runs
// Values are taken as written (`10` stays "10"); unknown fields are errors naming line and field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "manifests/diagnostics.hpp"

namespace knsim::plan {

struct PlanFile {
  std::string kind;                      // "SweepPlan", "OptimizePlan" or "" when absent
  std::optional<std::string> scenario;   // resolved against the plan's folder
  std::optional<std::uint64_t> seed_count;
  std::vector<std::uint64_t> seed_list;  // when `seeds` is a list
  std::vector<std::string> sets;         // "KEY=VALUE"
  std::vector<std::string> params;       // "KEY=V1,V2" or "KEY=LOW..HIGH:STEP", as --param takes them
  std::optional<std::string> minimize;
  std::vector<std::string> constraints;
  std::optional<std::uint64_t> budget;
};

// Reads PLAN.yaml; every problem goes to `diags` (file, line, field).
PlanFile read_plan_file(const std::string& path, manifests::Diagnostics& diags);

}  // namespace knsim::plan
