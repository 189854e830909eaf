#pragma once
// Runs simulations as child processes, `parallel` at a time: each job is
//   <knsim> run <args...> --quiet --out <dir>.partial     (stdout and stderr to <dir>.partial/knsim.log)
// and its folder is renamed to <dir> only when the run exits 0, so a folder without ".partial"
// is a complete run (what a resumed sweep skips). One simulation per process because SimGrid
// allows one engine per process. A progress bar with the time left goes to stderr on a terminal.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace knsim::plan {

struct RunJob {
  std::string id;                 // names it in messages, e.g. "p0003-s42"
  std::vector<std::string> args;  // after "run": SCENARIO --seed N --set K=V ...
  std::filesystem::path dir;      // final folder of the run's outputs
};

struct JobOutcome {
  const RunJob* job = nullptr;
  int exit_code = 0;   // the child's exit status; 128+N when killed by signal N; -1 when it could not start
  std::string error;   // the last lines of its log when it failed
};

struct PoolOptions {
  std::filesystem::path knsim;  // the knsim executable
  std::size_t parallel = 1;     // runs at a time (>= 1)
  bool progress = false;        // draw a progress bar on stderr
  std::size_t already_done = 0; // counted as done in the bar (a resumed sweep)
};

// Runs every job; `done` is called in the parent, once per job, as each finishes (in completion
// order). Returns the number of jobs that failed.
std::size_t run_jobs(const std::vector<RunJob>& jobs, const PoolOptions& opt,
                     const std::function<void(const JobOutcome&)>& done);

// "1h02m", "3m05s", "42s": a short duration for the progress bar.
std::string format_eta(double seconds);

// The number of cores (std::thread::hardware_concurrency, at least 1): the default parallelism.
std::size_t default_parallelism();

}  // namespace knsim::plan
