// knsim validate PATH: loads a scenario (file or folder) exactly as `knsim run` does and reports.
// Traces are read in full too (every row parsed as `run` will), so a bad row is found here:
// "trace.csv:4: field 'timestamp': not a number: 'x'".
// Bad input: every problem on stderr as "file:line: field: message", exit 2.
// Good input: warnings on stderr, a short summary on stdout, exit 0.
#include <iostream>
#include <new>
#include <vector>

#include "cli/commands.hpp"
#include "manifests/bundle_summary.hpp"
#include "manifests/scenario_bundle.hpp"
#include "models/trace.hpp"

namespace knsim::cli {
namespace {

// Every trace the scenario replays: workloads, timeline setArrivals and eventing producers.
std::vector<const models::TraceSpec*> traces_of(const models::ScenarioSpec& s) {
  std::vector<const models::TraceSpec*> out;
  auto add = [&](const models::ArrivalSpec& a) {
    if (a.kind == models::ArrivalSpec::Kind::kTrace) out.push_back(&a.trace);
  };
  for (const auto& w : s.workloads) add(w.arrivals);
  for (const auto& t : s.timeline)
    if (t.kind == models::TimelineAction::Kind::kSetArrivals) add(t.arrivals);
  for (const auto& p : s.eventing.producers) add(p.arrivals);
  return out;
}

// Reads each trace as `run` would; returns the number of problems printed.
std::size_t check_traces(const models::ScenarioSpec& s) {
  std::size_t problems = 0;
  models::TraceCache cache;
  for (const models::TraceSpec* t : traces_of(s)) {
    try {
      cache.get(*t);
    } catch (const models::TraceError& e) {
      for (const auto& issue : e.issues()) std::cerr << issue.to_string() << "\n";
      problems += e.issues().size();
    } catch (const std::bad_alloc&) {
      std::cerr << t->file << ": out of memory while reading the trace\n";
      ++problems;
    }
  }
  return problems;
}

}  // namespace

void register_validate(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check a scenario's manifests with Knative's rules");
  auto path = std::make_shared<std::string>();
  cmd->add_option("PATH", *path, "scenario file or folder")->required();
  cmd->callback([path, &exit_code] {
    manifests::Diagnostics diags;
    manifests::ScenarioBundle bundle;
    try {
      bundle = manifests::load_scenario(*path, diags);
    } catch (const std::bad_alloc&) {
      std::cerr << "knsim validate: out of memory while loading " << *path << "\n";
      exit_code.value = kExitFailure;
      return;
    }
    std::cerr << diags.to_string();
    const std::size_t trace_problems = diags.has_errors() ? 0 : check_traces(bundle.scenario);
    if (diags.has_errors() || trace_problems > 0) {
      const std::size_t errors = diags.error_count() + trace_problems;
      std::cerr << *path << ": " << errors << (errors == 1 ? " error" : " errors") << ", " << diags.warning_count()
                << (diags.warning_count() == 1 ? " warning" : " warnings") << "\n";
      exit_code.value = kExitInvalidInput;
      return;
    }
    std::cout << manifests::summarize(bundle);
    std::cout << *path << ": valid (" << diags.warning_count()
              << (diags.warning_count() == 1 ? " warning" : " warnings") << ")\n";
    exit_code.value = kExitOk;
  });
}

}  // namespace knsim::cli
