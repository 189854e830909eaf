#pragma once
// Helpers of the plan tests that run the real knsim executable (binary_dir()/cli/knsim).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/cli.hpp"

namespace knsim::plan::test {

namespace fs = std::filesystem;

inline std::string knsim() { return knsim::test::knsim_exe(); }
inline std::string scenario(const std::string& name) { return knsim::test::shipped_scenario(name); }

using Result = knsim::test::CliResult;
using knsim::test::slurp;

// Runs `<env> knsim ARGS`, capturing stdout and stderr.
inline Result run(const std::string& args, const std::string& env = "") { return knsim::test::run_knsim(args, env); }

inline fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("knsim-plan-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

}  // namespace knsim::plan::test
