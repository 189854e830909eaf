#pragma once
// Shared by the `knsim cluster ...` commands: connection flags, client construction and how
// adapter errors map to messages and exit codes (1: the cluster or network failed, including
// 401/403, unreachable and TLS; 2: invalid input such as a bad kubeconfig or flag).
// Credentials are never printed: messages come from ClusterAccess::describe() and KubeError texts.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "adapter/kube/kube_client.hpp"
#include "cli/commands.hpp"

namespace knsim::cli {

struct ConnectionFlags {
  std::string kubeconfig;
  std::string context;
};

void add_connection_flags(CLI::App* cmd, ConnectionFlags& flags);

// Resolves the kubeconfig and builds a client; warns on stderr for insecure-skip-tls-verify.
std::unique_ptr<adapter::KubeClient> connect(const ConnectionFlags& flags);
std::unique_ptr<adapter::KubeClient> connect(const ConnectionFlags& flags, const adapter::KubeClientOptions& options);

// Runs `body`, turning adapter exceptions into one clear line on stderr and an exit code.
int run_cluster_command(const std::string& name, const std::function<int()>& body);

// Now as RFC 3339 UTC ("2026-12-05T14:20:00Z").
std::string utc_now_text();

}  // namespace knsim::cli
