// knsim run PATH: plays a scenario on the simulated cluster and writes its outputs.
//
//   knsim run PATH [--out DIR] [--seed N] [--set KEY=VALUE ...] [--stream] [--start-paused] [--quiet]
//
// --out      output folder (default out/<scenario name>/)
// --seed     overrides the Scenario's seed
// --set      what-if overrides, validated like the files (sim/scenario_input.hpp):
//              config-autoscaler.stable-window=30s      a ConfigMap key
//              hello.autoscaling.knative.dev/target=50  an annotation on ksvc hello's template
//              scenario.duration=10m                    the Scenario's duration (or seed)
// --stream   JSON lines on stdout and commands on stdin (docs/run-stream.md)
// Exit codes: 0 run completed, 2 invalid input (every problem on stderr), 1 anything else.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "manifests/scenario_bundle.hpp"
#include "models/trace.hpp"
#include "sim/run_driver.hpp"
#include "sim/scenario_input.hpp"

namespace knsim::cli {

namespace {

struct RunArgs {
  std::string path, out;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  bool stream = false, start_paused = false, quiet = false;
};

void stream_error(const std::string& message) {
  std::cout << nlohmann::json{{"type", "error"}, {"message", message}}.dump() << '\n' << std::flush;
}

int run(const RunArgs& a) {
  manifests::Diagnostics diags;
  manifests::ScenarioBundle bundle = manifests::load_scenario(a.path, diags);
  if (!diags.has_errors()) sim::apply_overrides(bundle, a.sets, diags);
  if (diags.has_errors()) {
    std::cerr << diags.to_string();
    std::cerr << a.path << ": " << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors") << "\n";
    if (a.stream) stream_error(diags.to_string());
    return kExitInvalidInput;
  }
  if (!a.quiet && !a.stream) std::cerr << diags.to_string();  // warnings
  if (a.seed) bundle.scenario.seed = *a.seed;
  sim::RunOptions opt;
  opt.out_dir = a.out.empty() ? std::filesystem::path("out") / bundle.scenario.name : std::filesystem::path(a.out);
  opt.stream = a.stream;
  opt.start_paused = a.start_paused;
  opt.quiet = a.quiet;
  opt.progress = !a.quiet && !a.stream && ::isatty(2);
  sim::RunResult r;
  try {
    r = sim::run_simulation(sim::make_sim_input(bundle), opt, std::cout, std::cerr);
  } catch (const models::TraceError& e) {
    std::cerr << e.what() << "\n";
    if (a.stream) stream_error(e.what());
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "knsim run: " << e.what() << "\n";
    if (a.stream) stream_error(e.what());
    return kExitFailure;
  }
  if (!r.error.empty()) {
    std::cerr << "knsim run: " << r.error << "\n";
    return kExitFailure;
  }
  if (!a.stream && !a.quiet) {
    const auto& s = r.summary;
    std::cout << "requests " << s.requests_total << " (succeeded " << s.requests_succeeded << ", failed "
              << s.requests_failed << "), latency p50 " << s.latency_p50_ms << " ms, p99 " << s.latency_p99_ms
              << " ms\n";
    std::cout << "report: " << (opt.out_dir / "report.html").string() << "\n";
  }
  return kExitOk;
}

}  // namespace

void register_run(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("run", "Play a scenario on the simulated cluster and write its report");
  auto a = std::make_shared<RunArgs>();
  cmd->add_option("PATH", a->path, "scenario file or folder")->required();
  cmd->add_option("--out", a->out, "output folder (default out/<scenario name>/)");
  cmd->add_option("--seed", a->seed, "random seed (overrides the Scenario's)");
  cmd->add_option("--set", a->sets,
                  "override KEY=VALUE: config-NAME.KEY (ConfigMap key), SERVICE.ANNOTATION "
                  "(e.g. hello.autoscaling.knative.dev/target=50), scenario.seed / scenario.duration")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_flag("--stream", a->stream, "JSON lines on stdout, commands on stdin (docs/run-stream.md)");
  cmd->add_flag("--start-paused", a->start_paused, "with --stream: wait for a command before starting");
  cmd->add_flag("--quiet", a->quiet, "no progress bar and no report line");
  cmd->callback([a, &exit_code] {
    exit_code.value = run(*a);
    // End the process here: SimGrid 3.32's engine cannot be torn down cleanly with executions
    // still running (it crashes in its static destructors), and everything is written.
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(exit_code.value);
  });
}

}  // namespace knsim::cli
