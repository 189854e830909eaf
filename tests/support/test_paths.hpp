#pragma once
// Paths the tests read from: the source tree, shared/ (spec vectors, traces) and the build tree.
#include <filesystem>

namespace knsim::test {
std::filesystem::path source_dir();   // the repository root
std::filesystem::path shared_dir();   // ../shared beside the repository (vectors, traces)
std::filesystem::path binary_dir();   // the build tree (knsim executable in binary_dir()/cli)
}  // namespace knsim::test
