#pragma once
// Paths the tests read from: the source tree (test data in tests/data, see test_data.hpp) and the
// build tree. Nothing outside the repository is read.
#include <filesystem>

namespace knsim::test {
std::filesystem::path source_dir();   // the repository root
std::filesystem::path binary_dir();   // the build tree (knsim executable in binary_dir()/cli)
}  // namespace knsim::test
