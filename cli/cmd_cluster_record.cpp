// `knsim cluster record` (placeholder registration replaced below when implemented).
#include "cli/cluster_common.hpp"

namespace knsim::cli {
void register_cluster_record(CLI::App* cluster, ExitCode& exit_code) { (void)cluster; (void)exit_code; }
}  // namespace knsim::cli
