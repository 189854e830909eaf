#include "cmake/version.hpp"

#include "knsim_version.hpp"

namespace knsim {

std::string version() { return KNSIM_VERSION; }
std::string git_commit() { return KNSIM_GIT_COMMIT; }
std::string version_string() { return std::string("knsim ") + KNSIM_VERSION + " (commit " + KNSIM_GIT_COMMIT + ")"; }

}  // namespace knsim
