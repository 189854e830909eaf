#pragma once
// The knsim subcommands. Each register_* adds a CLI11 subcommand whose callback sets the exit code.
//
// Exit codes (every subcommand): 0 success, 1 any other failure, 2 invalid input (a flag, a
// manifest, a scenario, a trace), with every problem on stderr naming file, line and field.
#include <CLI/CLI.hpp>

namespace knsim::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitInvalidInput = 2;

// Where a subcommand leaves its exit code; main returns it.
struct ExitCode {
  int value = kExitOk;
};

void register_run(CLI::App& app, ExitCode& exit_code);
void register_validate(CLI::App& app, ExitCode& exit_code);
void register_autoscaler(CLI::App& app, ExitCode& exit_code);
void register_cluster(CLI::App& app, ExitCode& exit_code);   // cmd_cluster*.cpp: import, record, apply
void register_sweep(CLI::App& app, ExitCode& exit_code);     // cli/cmd_sweep.cpp
void register_optimize(CLI::App& app, ExitCode& exit_code);  // cli/cmd_optimize.cpp

}  // namespace knsim::cli
