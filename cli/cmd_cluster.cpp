// `knsim cluster import` (and the `cluster` command group; record and apply are in
// cmd_cluster_record.cpp and cmd_cluster_apply.cpp). docs/adapter.md.
#include <filesystem>
#include <iostream>

#include "adapter/cluster/cluster_import.hpp"
#include "cli/cluster_common.hpp"
#include "cli/commands.hpp"

namespace knsim::cli {
namespace {

struct ImportFlags {
  ConnectionFlags connection;
  std::vector<std::string> namespaces;
  bool all_namespaces = false;
  std::string out;
};

int import_command(const ImportFlags& f) {
  auto client = connect(f.connection);
  adapter::ImportOptions o;
  o.namespaces = f.namespaces;
  o.all_namespaces = f.all_namespaces;
  o.imported_at = utc_now_text();
  const adapter::ImportedCluster c = adapter::read_cluster(*client, o);
  adapter::write_scenario_folder(c, f.out);
  for (const auto& w : c.warnings) std::cerr << "knsim cluster import: warning: " << w << "\n";
  std::cout << "imported from " << client->access().describe() << " into " << f.out << ": " << c.serving.size()
            << " serving objects, " << c.config_maps.size() << " ConfigMaps, " << c.eventing.size()
            << " eventing objects" << (c.eventing_installed ? "" : " (Knative Eventing is not installed)") << ", "
            << c.revisions.size() << " serving revisions\n";
  return kExitOk;
}

void register_import(CLI::App* cluster, ExitCode& exit_code) {
  auto* cmd = cluster->add_subcommand("import", "Write a scenario folder from a live cluster's Knative setup (read only)");
  auto f = std::make_shared<ImportFlags>();
  add_connection_flags(cmd, f->connection);
  cmd->add_option("-n,--namespace", f->namespaces, "namespace to import (repeatable; default: the context's)");
  cmd->add_flag("-A,--all-namespaces", f->all_namespaces, "import every namespace");
  cmd->add_option("--out", f->out, "folder to write (created)")->required();
  cmd->callback([f, &exit_code] {
    if (f->all_namespaces && !f->namespaces.empty()) {
      std::cerr << "knsim cluster import: --namespace and --all-namespaces exclude each other\n";
      exit_code.value = kExitInvalidInput;
      return;
    }
    exit_code.value = run_cluster_command("cluster import", [&] { return import_command(*f); });
  });
}

}  // namespace

void register_cluster_record(CLI::App* cluster, ExitCode& exit_code);
void register_cluster_apply(CLI::App* cluster, ExitCode& exit_code);
void register_cluster_compare(CLI::App* cluster, ExitCode& exit_code);
void register_cluster_shadow(CLI::App* cluster, ExitCode& exit_code);

void register_cluster(CLI::App& app, ExitCode& exit_code) {
  auto* cluster = app.add_subcommand("cluster", "Connect to a real Kubernetes cluster running Knative (docs/adapter.md)");
  cluster->require_subcommand(1);
  register_import(cluster, exit_code);
  register_cluster_record(cluster, exit_code);
  register_cluster_apply(cluster, exit_code);
  register_cluster_compare(cluster, exit_code);
  register_cluster_shadow(cluster, exit_code);
}

}  // namespace knsim::cli
