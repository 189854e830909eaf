#include "cli/cluster_common.hpp"

#include <ctime>
#include <filesystem>
#include <iostream>

#include "adapter/kube/credentials.hpp"
#include "adapter/kube/kubeconfig.hpp"

namespace knsim::cli {

void add_connection_flags(CLI::App* cmd, ConnectionFlags& flags) {
  cmd->add_option("--kubeconfig", flags.kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG, a ':'-separated list, else ~/.kube/config, else the "
                  "in-cluster service account)");
  cmd->add_option("--context", flags.context, "kubeconfig context (default: current-context)");
}

std::unique_ptr<adapter::KubeClient> connect(const ConnectionFlags& flags) { return connect(flags, {}); }

std::unique_ptr<adapter::KubeClient> connect(const ConnectionFlags& flags, const adapter::KubeClientOptions& options) {
  adapter::ClusterAccess access =
      adapter::resolve_cluster_access(adapter::options_from_environment(flags.kubeconfig, flags.context));
  if (access.insecure_skip_tls_verify) {
    std::cerr << "knsim: WARNING: insecure-skip-tls-verify is set for " << access.server
              << ": the server's certificate is NOT verified, anyone on the path can read and change the traffic\n";
  }
  return std::make_unique<adapter::KubeClient>(std::move(access), options);
}

int run_cluster_command(const std::string& name, const std::function<int()>& body) {
  try {
    return body();
  } catch (const adapter::KubeconfigError& e) {
    std::cerr << "knsim " << name << ": " << e.what() << "\n";
    return kExitInvalidInput;
  } catch (const adapter::CredentialError& e) {
    std::cerr << "knsim " << name << ": credentials: " << e.what() << "\n";
    return kExitFailure;
  } catch (const adapter::KubeError& e) {
    std::cerr << "knsim " << name << ": " << e.what() << "\n";
    return kExitFailure;
  } catch (const adapter::TransportError& e) {
    std::cerr << "knsim " << name << ": " << e.what() << "\n";
    return kExitFailure;
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "knsim " << name << ": " << e.what() << "\n";
    return kExitFailure;
  } catch (const std::runtime_error& e) {
    std::cerr << "knsim " << name << ": " << e.what() << "\n";
    return kExitFailure;
  }
}

std::string utc_now_text() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace knsim::cli
