#pragma once
// Plays a SimInput from start to end and writes the run's outputs (docs/spec/scenario.md "Outputs"):
// summary.json, timeseries.csv, nodes.csv, events.jsonl, report.html. Optionally speaks the
// `--stream` protocol of docs/run-stream.md on `out` (JSON lines) and reads commands from stdin,
// or draws a progress bar on `err`.
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>

#include "reports/run_summary.hpp"
#include "models/sim_input.hpp"

namespace knsim::sim {

// The simulator's input is built outside sim (manifests/sim_input_builder.hpp) or by tests.
using models::SimInput;

struct RunOptions {
  std::filesystem::path out_dir;
  bool stream = false;        // JSON lines on `out`, commands on stdin (fd 0)
  bool start_paused = false;  // with stream: wait for a command before t = 0
  bool progress = false;      // progress bar on `err` (a terminal)
  bool quiet = false;         // no "report written to" line
  int stdin_fd = 0;           // where stream commands come from
  // Ctrl-C (knsim run): engine_ready is called once the SimGrid engine exists (SimGrid installs its own
  // SIGINT handler, which exits mid-run and crashes in static destructors; the CLI puts its own back
  // here). stop_requested is polled between slices: true ends the run there, writing no outputs.
  std::function<void()> engine_ready;
  std::function<bool()> stop_requested;
};

struct RunResult {
  reports::RunSummary summary;
  std::string error;  // non-empty: the run failed (exit 1)
  bool quit = false;  // stopped by a `quit` command
  bool interrupted = false;  // stopped by stop_requested(): nothing written, error says when
};

// Call at most once per process; the process should end soon after (see run_driver.cpp).
RunResult run_simulation(SimInput input, const RunOptions& options, std::ostream& out, std::ostream& err);

// The resolved configuration recorded in summary.json's `config` (and the stream's hello).
nlohmann::ordered_json resolved_config_json(const SimInput& input);

}  // namespace knsim::sim
