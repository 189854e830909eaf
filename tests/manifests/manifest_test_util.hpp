#pragma once
// Helpers for the manifests tests: a scratch folder per test, and matching diagnostics by line,
// field and message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "manifests/diagnostics.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::manifests::testing {

// binary_dir()/manifests-scratch/<suite>.<test>/, emptied on first use.
inline std::filesystem::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = knsim::test::binary_dir() / "manifests-scratch" /
                   (std::string(info->test_suite_name()) + "." + info->name());
  static std::filesystem::path made;
  if (made != dir) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    made = dir;
  }
  return dir;
}

inline std::filesystem::path write_file(const std::string& name, const std::string& text) {
  const auto p = scratch_dir() / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

inline std::filesystem::path fixture(const std::string& rel) {
  return knsim::test::source_dir() / "tests" / "data" / "manifests" / rel;
}

// True when some diagnostic has this line (0: any), exactly this field, and a message containing
// `message` (severity error unless `warning`).
inline bool has_diag(const Diagnostics& d, int line, const std::string& field, const std::string& message,
                     bool warning = false) {
  for (const Diagnostic& x : d.items()) {
    if ((line == 0 || x.line == line) && x.field == field && x.message.find(message) != std::string::npos &&
        (x.severity == Severity::kWarning) == warning) {
      return true;
    }
  }
  return false;
}

}  // namespace knsim::manifests::testing
