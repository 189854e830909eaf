#include "tests/support/test_paths.hpp"

namespace knsim::test {

std::filesystem::path source_dir() { return KNSIM_SOURCE_DIR; }

std::filesystem::path binary_dir() { return KNSIM_BINARY_DIR; }

}  // namespace knsim::test
