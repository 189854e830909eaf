// `knsim cluster apply` (registration filled in when implemented).
#include "cli/cluster_common.hpp"

namespace knsim::cli {
void register_cluster_apply(CLI::App* cluster, ExitCode& exit_code) { (void)cluster; (void)exit_code; }
}  // namespace knsim::cli
