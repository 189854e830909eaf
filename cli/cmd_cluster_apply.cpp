// `knsim cluster apply SCENARIO [--kubeconfig F] [--context C] [--yes]` (docs/adapter.md "apply").
#include <iostream>

#include "adapter/cluster/cluster_apply.hpp"
#include "cli/cluster_common.hpp"

namespace knsim::cli {

void register_cluster_apply(CLI::App* cluster, ExitCode& exit_code) {
  auto* cmd = cluster->add_subcommand(
      "apply", "Show how a scenario's autoscaling settings differ from the cluster's, dry-run them (server-side "
               "apply, dryRun=All); write them only with --yes");
  struct Flags {
    ConnectionFlags connection;
    std::string scenario;
    bool yes = false;
  };
  auto f = std::make_shared<Flags>();
  add_connection_flags(cmd, f->connection);
  cmd->add_option("SCENARIO", f->scenario, "scenario file or folder")->required();
  cmd->add_flag("--yes", f->yes, "write the changes (server-side apply, fieldManager=knsim, force=false)");
  cmd->callback([f, &exit_code] {
    exit_code.value = run_cluster_command("cluster apply", [&] {
      std::vector<nlohmann::json> docs;
      try {
        docs = adapter::read_scenario_documents(f->scenario);
      } catch (const std::runtime_error& e) {
        std::cerr << "knsim cluster apply: " << e.what() << "\n";
        return kExitInvalidInput;
      }
      auto client = connect(f->connection);
      const adapter::ApplyResult r = adapter::apply_settings(*client, docs, f->yes, std::cout);
      return r.all_dry_runs_ok ? kExitOk : kExitFailure;
    });
  });
}

}  // namespace knsim::cli
