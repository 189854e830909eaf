// knsim run PATH: plays a scenario on the simulated cluster and writes its outputs.
//
//   knsim run PATH [--out DIR] [--seed N] [--set KEY=VALUE ...] [--stream] [--start-paused] [--quiet]
//
// --out      output folder (default out/<scenario name>/)
// --seed     overrides the Scenario's seed
// --set      what-if overrides, validated like the files (manifests/sim_input_builder.hpp):
//              config-autoscaler.stable-window=30s      a ConfigMap key
//              hello.autoscaling.knative.dev/target=50  an annotation on ksvc hello's template
//              scenario.duration=10m                    the Scenario's duration (or seed, sampleInterval)
//              scenario.nodePools.worker.count=4        a node pool's count (or cpu, memory, speed)
// --stream   JSON lines on stdout and commands on stdin (docs/run-stream.md)
// Exit codes: 0 run completed, 2 invalid input (every problem on stderr), 1 anything else.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "manifests/limits.hpp"
#include "manifests/scenario_bundle.hpp"
#include "models/trace.hpp"
#include "sim/run_driver.hpp"
#include "manifests/sim_input_builder.hpp"

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

// Exit code of a run stopped by a signal: 128 + its number, as a shell reports it (130 for Ctrl-C).
int interrupted_exit(const std::string& message, bool stream) {
  std::cerr << "knsim run: " << message << "\n";
  if (stream) stream_error(message);
  return 128 + interrupt_signal();
}

// --set names a ConfigMap knsim reads: any other (config-foo, a typo) would be created and ignored.
// And the Scenario bounds of manifests/limits.hpp hold after `--set scenario.duration=...` too.
void check_sets(const RunArgs& a, const manifests::ScenarioBundle& b, manifests::Diagnostics& diags) {
  static const char* const kConfigMaps[] = {"config-autoscaler", "config-defaults", "config-deployment",
                                            "config-network",    "config-gc",       "config-features",
                                            "config-br-defaults"};
  for (const auto& s : a.sets) {
    if (s.rfind("config-", 0) != 0) continue;
    const std::string name = s.substr(0, s.find_first_of(".="));
    if (std::find(std::begin(kConfigMaps), std::end(kConfigMaps), name) != std::end(kConfigMaps)) continue;
    std::string known;
    for (const char* k : kConfigMaps) known += (known.empty() ? "" : ", ") + std::string(k);
    diags.error("--set", 0, s, "unknown ConfigMap " + name + " (knsim reads " + known + ")");
  }
  const double interval = b.scenario.sample_interval > 0 ? b.scenario.sample_interval : 1.0;
  if (b.scenario.duration > manifests::kMaxDurationSeconds) {
    diags.error("--set", 0, "scenario.duration",
                "at most " + core::format_duration(manifests::kMaxDurationSeconds) + " (knsim's limit on simulated time)");
  } else if (b.scenario.duration / interval > manifests::kMaxSamplesPerSeries) {
    diags.error("--set", 0, "scenario.duration",
                "duration / sampleInterval is over 1000000 samples (knsim's limit): set spec.sampleInterval to at least " +
                    core::format_duration(b.scenario.duration / manifests::kMaxSamplesPerSeries));
  }
}

int run(const RunArgs& a) {
  install_interrupt_handler();
  manifests::Diagnostics diags;
  manifests::ScenarioBundle bundle;
  try {
    bundle = manifests::load_scenario(a.path, diags);
  } catch (const std::bad_alloc&) {
    std::cerr << "knsim run: out of memory while loading " << a.path << "\n";
    return kExitFailure;
  }
  if (interrupt_signal() != 0) return interrupted_exit("interrupted while loading; no outputs written", a.stream);
  if (!diags.has_errors()) manifests::apply_overrides(bundle, a.sets, diags);
  if (!diags.has_errors()) check_sets(a, bundle, diags);
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
  opt.engine_ready = install_interrupt_handler;
  opt.stop_requested = [] { return interrupt_signal() != 0; };
  sim::RunResult r;
  try {
    r = sim::run_simulation(manifests::make_sim_input(bundle), opt, std::cout, std::cerr);
  } catch (const std::bad_alloc&) {
    // Outputs are written all or nothing (reports/writers.hpp): none of this run's are left behind.
    const std::string m = "out of memory while simulating " + a.path + " (no outputs written)";
    std::cerr << "knsim run: " << m << "\n";
    if (a.stream) stream_error(m);
    return kExitFailure;
  } catch (const models::TraceError& e) {
    std::cerr << e.what() << "\n";
    if (a.stream) stream_error(e.what());
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "knsim run: " << e.what() << "\n";
    if (a.stream) stream_error(e.what());
    return kExitFailure;
  }
  if (r.interrupted) return interrupted_exit(r.error, false);  // the stream already has the error line
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
  // Checked as text: "-1" would otherwise wrap to 18446744073709551615.
  const CLI::Validator unsigned_seed(
      [](std::string& v) {
        return v.find_first_not_of("0123456789") == std::string::npos && !v.empty()
                   ? std::string()
                   : "must be an unsigned integer (0 to 18446744073709551615), got " + v;
      },
      "UINT64");
  cmd->add_option("--seed", a->seed, "random seed (overrides the Scenario's)")->check(unsigned_seed);
  cmd->add_option("--set", a->sets,
                  "override KEY=VALUE: config-NAME.KEY (ConfigMap key), SERVICE.ANNOTATION "
                  "(e.g. hello.autoscaling.knative.dev/target=50), scenario.seed / scenario.duration / "
                  "scenario.sampleInterval, scenario.nodePools.POOL.count (or .cpu .memory .speed)")
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
