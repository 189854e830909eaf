// Credentials per request (see credentials.hpp). Exec plugin protocol: docs/spec/adapter.md.
#include "adapter/kube/credentials.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

namespace knsim::adapter {
namespace {

constexpr double kTokenFileRereadSeconds = 60;   // client-go's cachingTokenSource period

// Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's algorithm.
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string exec_info(const ExecConfig& exec, const ClusterAccess& cluster, bool interactive) {
  nlohmann::json info = {{"apiVersion", exec.api_version},
                         {"kind", "ExecCredential"},
                         {"spec", {{"interactive", interactive}}}};
  if (exec.provide_cluster_info) {
    nlohmann::json c = {{"server", cluster.server}, {"insecure-skip-tls-verify", cluster.insecure_skip_tls_verify}};
    if (!cluster.ca_pem.empty()) c["certificate-authority-data"] = base64_encode(cluster.ca_pem);
    if (!cluster.tls_server_name.empty()) c["tls-server-name"] = cluster.tls_server_name;
    if (!cluster.proxy_url.empty()) c["proxy-url"] = cluster.proxy_url;
    info["spec"]["cluster"] = c;
  }
  return info.dump();
}

}  // namespace

std::optional<double> parse_rfc3339(const std::string& t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6) return std::nullopt;
  std::size_t i = static_cast<std::size_t>(n);
  double frac = 0;
  if (i < t.size() && t[i] == '.') {
    double scale = 0.1;
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, scale /= 10) frac += (t[i] - '0') * scale;
  }
  double offset = 0;
  if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) {
    ++i;
  } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-')) {
    int oh = 0, om = 0;
    if (std::sscanf(t.c_str() + i + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
    offset = (t[i] == '+' ? 1 : -1) * (oh * 3600.0 + om * 60.0);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != t.size() || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  const double days = static_cast<double>(days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)));
  return days * 86400 + h * 3600 + mi * 60 + s + frac - offset;
}

std::string base64_encode(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(kAlphabet[(v >> k) & 63]);
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

ExecCredential parse_exec_credential(const std::string& text, const std::string& api_version) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw CredentialError("exec plugin: its output is not a JSON ExecCredential");
  }
  if (!j.is_object() || j.value("kind", "") != "ExecCredential") {
    throw CredentialError("exec plugin: its output is not an ExecCredential (kind)");
  }
  if (j.value("apiVersion", "") != api_version) {
    throw CredentialError("exec plugin: answered apiVersion \"" + j.value("apiVersion", "") + "\", asked for \"" +
                          api_version + "\"");
  }
  const auto status = j.find("status");
  if (status == j.end() || !status->is_object()) throw CredentialError("exec plugin: ExecCredential has no status");
  ExecCredential c;
  c.token = status->value("token", "");
  c.client_cert_pem = status->value("clientCertificateData", "");
  c.client_key_pem = status->value("clientKeyData", "");
  if (c.token.empty() && (c.client_cert_pem.empty() || c.client_key_pem.empty())) {
    throw CredentialError("exec plugin: status has neither token nor clientCertificateData + clientKeyData");
  }
  if (c.client_cert_pem.empty() != c.client_key_pem.empty()) {
    throw CredentialError("exec plugin: clientCertificateData and clientKeyData must come together");
  }
  const std::string exp = status->value("expirationTimestamp", "");
  if (!exp.empty()) {
    c.expiry_unix = parse_rfc3339(exp);
    if (!c.expiry_unix) throw CredentialError("exec plugin: status.expirationTimestamp \"" + exp + "\" is not RFC 3339");
  }
  return c;
}

ExecCredential run_exec_plugin(const ExecConfig& exec, const ClusterAccess& cluster) {
  const bool interactive = exec.interactive_mode != "Never" && isatty(STDIN_FILENO) != 0 &&
                           (exec.interactive_mode == "Always" || exec.interactive_mode == "IfAvailable" ||
                            exec.api_version.find("v1beta1") != std::string::npos);
  if (exec.interactive_mode == "Always" && !interactive) {
    throw CredentialError("exec plugin " + exec.command + ": interactiveMode Always but stdin is not a terminal");
  }
  const std::string info = exec_info(exec, cluster, interactive);
  int out[2];
  if (pipe(out) != 0) throw CredentialError(std::string("exec plugin: pipe: ") + std::strerror(errno));
  const pid_t pid = fork();
  if (pid < 0) throw CredentialError(std::string("exec plugin: fork: ") + std::strerror(errno));
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    if (!interactive) {
      const int devnull = open("/dev/null", O_RDONLY);
      if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    }
    for (const auto& [k, v] : exec.env) setenv(k.c_str(), v.c_str(), 1);
    setenv("KUBERNETES_EXEC_INFO", info.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(exec.command.c_str()));
    for (const auto& a : exec.args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(exec.command.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string stdout_text;
  char buf[4096];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    stdout_text.append(buf, static_cast<std::size_t>(n));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    throw CredentialError("exec plugin " + exec.command + " could not be run" +
                          (exec.install_hint.empty() ? "" : ": " + exec.install_hint));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw CredentialError("exec plugin " + exec.command + " failed (exit " +
                          std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
  return parse_exec_credential(stdout_text, exec.api_version);
}

CredentialSource::CredentialSource(ClusterAccess access, Clock clock, ExecRunner runner)
    : access_(std::move(access)), clock_(std::move(clock)), runner_(std::move(runner)) {}

void CredentialSource::read_token_file() {
  std::ifstream in(access_.token_file, std::ios::binary);
  if (!in) throw CredentialError("cannot read the token file " + access_.token_file);
  std::ostringstream s;
  s << in.rdbuf();
  std::string t = s.str();
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
  file_token_ = t;
  file_token_read_at_ = clock_();
  ++token_file_reads_;
}

AuthMaterial CredentialSource::current() {
  AuthMaterial m;
  m.client_cert_pem = access_.client_cert_pem;
  m.client_key_pem = access_.client_key_pem;
  if (access_.exec) {
    const double now = clock_();
    if (!exec_cached_ || (exec_cached_->expiry_unix && *exec_cached_->expiry_unix <= now)) {
      exec_cached_ = runner_(*access_.exec, access_);
      ++exec_runs_;
    }
    if (!exec_cached_->token.empty()) m.authorization = "Bearer " + exec_cached_->token;
    if (!exec_cached_->client_cert_pem.empty()) {
      m.client_cert_pem = exec_cached_->client_cert_pem;
      m.client_key_pem = exec_cached_->client_key_pem;
    }
    return m;
  }
  if (!access_.token_file.empty()) {
    if (clock_() - file_token_read_at_ >= kTokenFileRereadSeconds) read_token_file();
    if (!file_token_.empty()) m.authorization = "Bearer " + file_token_;
  } else if (!access_.token.empty()) {
    m.authorization = "Bearer " + access_.token;
  } else if (!access_.username.empty()) {
    m.authorization = "Basic " + base64_encode(access_.username + ":" + access_.password);
  }
  return m;
}

bool CredentialSource::refresh_after_unauthorized() {
  if (access_.exec) {
    exec_cached_.reset();
    return true;
  }
  if (!access_.token_file.empty()) {
    const std::string before = file_token_;
    read_token_file();
    return file_token_ != before;
  }
  return false;
}

}  // namespace knsim::adapter
