#include "tests/support/test_paths.hpp"

#include <cstdlib>

namespace knsim::test {

std::filesystem::path source_dir() { return KNSIM_SOURCE_DIR; }

// KNSIM_SHARED_DIR in the environment overrides the default ../shared (CI lays shared/ beside the clone).
std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("KNSIM_SHARED_DIR")) return env;
  return KNSIM_SHARED_DIR;
}

std::filesystem::path binary_dir() { return KNSIM_BINARY_DIR; }

}  // namespace knsim::test
