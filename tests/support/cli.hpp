#pragma once
// Helpers for tests that run the knsim executable and read what it wrote: one copy instead of one
// per test file. Header-only (every test executable includes test_paths.cpp already).
//   run_cli("run scenarios/x.yaml --out d", &out)  runs binary_dir()/cli/knsim, returns its exit code
//   slurp(path)                                    a whole file as bytes ("" when missing)
//   scratch("name")                                an empty, per-process temporary directory
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/test_paths.hpp"

namespace knsim::test {

// The knsim executable of this build tree, or $KNSIM_BIN when set (e.g. to pin the golden outputs
// of an older build: KNSIM_BIN=/tmp/knsim-old KNSIM_UPDATE_GOLDEN=1 cli_tests --gtest_filter=...).
inline std::string knsim_exe() {
  if (const char* bin = std::getenv("KNSIM_BIN"); bin != nullptr && *bin != '\0') return bin;
  return (binary_dir() / "cli" / "knsim").string();
}

// A shipped scenario's path (scenarios/<name>).
inline std::string shipped_scenario(const std::string& name) { return (source_dir() / "scenarios" / name).string(); }

// Runs `knsim <args>` through the shell with stderr dropped; stdout goes to *out when given.
// Returns the exit code, or -1 when the process did not exit normally.
inline int run_cli(const std::string& args, std::string* out = nullptr) {
  const std::string cmd = knsim_exe() + " " + args + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  std::string text;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  const int status = ::pclose(p);
  if (out != nullptr) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// <tmp>/knsim-test-<name>-<pid>, emptied.
inline std::filesystem::path scratch(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("knsim-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace knsim::test
