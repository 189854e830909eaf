#pragma once
// Helpers for tests that run the knsim executable and read what it wrote: one copy instead of one
// per test file. Header-only (every test executable includes test_paths.cpp already).
//   run_shell("cmd", &out)                         runs a shell command, returns its exit code
//   run_cli("run scenarios/x.yaml --out d", &out)  runs binary_dir()/cli/knsim, returns its exit code
//   run_knsim("validate x.yaml")                   the same, capturing exit code, stdout and stderr
//   slurp(path)                                    a whole file as bytes ("" when missing): files.hpp read_text
//   scratch("name")                                an empty, per-process temporary directory
//   test_dir("name")                               a per-test folder, kept between calls of one test
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/support/files.hpp"
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

// Runs `cmd` through the shell; its stdout goes to *out when given. Returns the exit code, or -1
// when the process could not start or did not exit normally (e.g. killed by a signal).
inline int run_shell(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  std::string text;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  const int status = ::pclose(p);
  if (out != nullptr) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs `knsim <args>` through the shell with stderr dropped; stdout goes to *out when given.
// Returns the exit code, or -1 when the process did not exit normally.
inline int run_cli(const std::string& args, std::string* out = nullptr) {
  return run_shell(knsim_exe() + " " + args + " 2>/dev/null", out);
}

// What a knsim process did: its exit code (-1 when it did not exit normally, e.g. killed by a
// signal: a crash) and everything it wrote to stdout and stderr.
struct CliResult {
  int code = -1;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p);
inline std::filesystem::path scratch(const std::string& name);

// Runs `[env] [timeout T] knsim ARGS` (ARGS already quoted for the shell), stdout and stderr
// captured through files. `env` is e.g. "KNSIM_X=1"; `timeout_s` > 0 guards against hangs
// (timeout(1): exit code 124 when it fired).
inline CliResult run_knsim(const std::string& args, const std::string& env = "", int timeout_s = 0) {
  static int n = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("knsim-cli-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::create_directories(dir);
  const auto out = dir / "stdout", err = dir / "stderr";
  std::string cmd = env.empty() ? "" : env + " ";
  if (timeout_s > 0) cmd += "timeout " + std::to_string(timeout_s) + " ";
  cmd += "'" + knsim_exe() + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  CliResult r;
  if (status != -1 && WIFEXITED(status)) r.code = WEXITSTATUS(status);
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove_all(dir);
  return r;
}

inline std::string slurp(const std::filesystem::path& p) { return read_text(p); }

// <tmp>/knsim-test-<name>-<pid>, emptied.
inline std::filesystem::path scratch(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("knsim-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

// binary_dir()/test-scratch/<name>: created when missing, NOT emptied (unlike scratch()), so a test
// can write its inputs and then run knsim on them. Name it after the test (test_dir(__func__) is
// not unique across suites: use "Suite.Test").
inline std::filesystem::path test_dir(const std::string& name) {
  std::string safe = name;
  for (char& c : safe) c = (c == '/' || c == ' ') ? '_' : c;
  const auto d = binary_dir() / "test-scratch" / safe;
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace knsim::test
