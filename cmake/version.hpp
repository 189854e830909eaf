#pragma once
// The project version and the git commit it was built from (generated at build time).
#include <string>

namespace knsim {
std::string version();         // "0.1.0"
std::string git_commit();      // short hash, "-dirty" when the tree had changes, or "unknown"
std::string version_string();  // "knsim 0.1.0 (commit abc123)"
}  // namespace knsim
