#pragma once
// Helpers of the plan tests that run the real knsim executable (binary_dir()/cli/knsim).
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/test_paths.hpp"

namespace knsim::plan::test {

namespace fs = std::filesystem;

inline std::string knsim() { return (knsim::test::binary_dir() / "cli" / "knsim").string(); }
inline std::string scenario(const std::string& name) { return (knsim::test::source_dir() / "scenarios" / name).string(); }

struct Result {
  int code = -1;
  std::string out, err;
};

// Runs `<env> knsim ARGS`, capturing stdout and stderr.
inline Result run(const std::string& args, const std::string& env = "") {
  static int n = 0;
  const fs::path err_file = fs::temp_directory_path() / ("knsim-plan-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".err");
  const std::string cmd = env + (env.empty() ? "" : " ") + knsim() + " " + args + " 2>" + err_file.string();
  Result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  while (auto k = std::fread(buf, 1, sizeof buf, p)) r.out.append(buf, k);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::stringstream s;
  s << in.rdbuf();
  r.err = s.str();
  fs::remove(err_file);
  return r;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("knsim-plan-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

}  // namespace knsim::plan::test
