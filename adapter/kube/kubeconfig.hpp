#pragma once
// Which cluster to talk to and how to authenticate, resolved the way client-go's clientcmd does
// (docs/spec/adapter.md "kubeconfig"):
//   --kubeconfig FILE, else $KUBECONFIG (a ':'-separated list merged: for clusters, users and
//   contexts the FIRST file defining a name wins, current-context from the first file setting it,
//   missing files skipped), else ~/.kube/config, else the in-cluster service account when
//   KUBERNETES_SERVICE_HOST/PORT are set. Relative paths inside a file resolve against that file's
//   directory. `--context` picks a context; its namespace (else "default") is the default namespace.
// Credentials are kept in memory only; describe() never includes them.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace knsim::adapter {

// users[].user.exec (client.authentication.k8s.io/v1 or v1beta1).
struct ExecConfig {
  std::string api_version;
  std::string command;                                     // resolved (see kubeconfig.cpp)
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  bool provide_cluster_info = false;
  std::string interactive_mode;                            // Never | IfAvailable | Always
  std::string install_hint;
};

// Everything needed to reach one API server as one user.
struct ClusterAccess {
  std::string server;                  // https://host:port[/prefix]
  std::string ca_pem;                  // certificate-authority(-data); empty = system store
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
  std::string client_cert_pem;         // client-certificate(-data)
  std::string client_key_pem;          // client-key(-data)
  std::string token;                   // bearer token (static)
  std::string token_file;              // bearer token re-read from this file (tokenFile, in-cluster)
  std::string username, password;      // basic auth (legacy)
  std::optional<ExecConfig> exec;
  std::string namespace_name = "default";
  std::string context;                 // context name, "" for in-cluster
  std::string origin;                  // "kubeconfig FILE" / "in-cluster service account" (no secrets)
  bool in_cluster = false;

  // One line for messages and import headers: server, context, origin. Never credentials.
  std::string describe() const;
};

// Bad kubeconfig: names the file and the field path.
class KubeconfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KubeconfigOptions {
  std::string kubeconfig;                 // --kubeconfig ("" = not given)
  std::string context;                    // --context ("" = current-context)
  std::optional<std::string> kubeconfig_env;   // $KUBECONFIG
  std::string home;                       // $HOME
  // In-cluster: $KUBERNETES_SERVICE_HOST/PORT and the service account folder.
  std::string service_host, service_port;
  std::filesystem::path service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
};

// Reads the options from the process environment (KUBECONFIG, HOME, KUBERNETES_SERVICE_*).
KubeconfigOptions options_from_environment(std::string kubeconfig_flag, std::string context_flag);

// Resolves as described above. Throws KubeconfigError.
ClusterAccess resolve_cluster_access(const KubeconfigOptions& options);

// Loads and merges the given files (in order) and resolves `context` ("" = current-context).
ClusterAccess load_kubeconfig_files(const std::vector<std::filesystem::path>& files, const std::string& context);

// The in-cluster configuration: https://HOST:PORT (IPv6 in []), ca.crt, token file, namespace.
ClusterAccess in_cluster_access(const std::string& host, const std::string& port,
                                const std::filesystem::path& service_account_dir);

// Standard base64 (RFC 4648, padding optional, whitespace ignored). Throws std::invalid_argument.
std::string base64_decode(const std::string& text);

}  // namespace knsim::adapter
