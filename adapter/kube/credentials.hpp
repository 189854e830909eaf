#pragma once
// Per-request authentication, the way client-go's transport does it
// (docs/spec/adapter.md "Credentials"):
//  - static bearer token, or a token file re-read at most every 60 s and after every 401 (rotating
//    projected service-account tokens);
//  - client certificate and key (mutual TLS);
//  - exec credential plugins (client.authentication.k8s.io/v1 and v1beta1): the ExecCredential is
//    cached until status.expirationTimestamp (for the whole process without one) and the plugin is
//    re-run once after a 401;
//  - basic auth (legacy).
// Nothing here prints, logs or writes a credential.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "adapter/kube/kubeconfig.hpp"

namespace knsim::adapter {

struct ExecCredential {
  std::string token;
  std::string client_cert_pem, client_key_pem;
  std::optional<double> expiry_unix;   // status.expirationTimestamp, Unix seconds
};

class CredentialError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses the plugin's stdout. `api_version` is the one the kubeconfig asked for; the answer must
// match it (client-go rejects a mismatch). Throws CredentialError (never quoting the token).
ExecCredential parse_exec_credential(const std::string& json_text, const std::string& api_version);

// Runs the plugin: command + args, the kubeconfig env added, KUBERNETES_EXEC_INFO set; stdin is
// passed through only for interactiveMode Always/IfAvailable, stderr always goes to ours.
ExecCredential run_exec_plugin(const ExecConfig& exec, const ClusterAccess& cluster);

// RFC 3339 time ("2026-11-27T03:00:00Z", fractional seconds and offsets allowed) -> Unix seconds.
std::optional<double> parse_rfc3339(const std::string& text);

std::string base64_encode(const std::string& bytes);

// What one request carries.
struct AuthMaterial {
  std::string authorization;           // full header value ("Bearer ...", "Basic ..."), or ""
  std::string client_cert_pem, client_key_pem;
};

class CredentialSource {
 public:
  using Clock = std::function<double()>;   // Unix seconds
  using ExecRunner = std::function<ExecCredential(const ExecConfig&, const ClusterAccess&)>;

  CredentialSource(ClusterAccess access, Clock clock, ExecRunner runner = run_exec_plugin);

  // The material for the next request (runs the exec plugin / re-reads the token file when due).
  AuthMaterial current();
  // After a 401: forget cached tokens. True when a retry can use something new.
  bool refresh_after_unauthorized();

  int exec_runs() const { return exec_runs_; }
  int token_file_reads() const { return token_file_reads_; }
  const ClusterAccess& access() const { return access_; }

 private:
  void read_token_file();

  ClusterAccess access_;
  Clock clock_;
  ExecRunner runner_;
  std::optional<ExecCredential> exec_cached_;
  std::string file_token_;
  double file_token_read_at_ = -1e300;
  int exec_runs_ = 0;
  int token_file_reads_ = 0;
};

}  // namespace knsim::adapter
