#pragma once
// Test support: starts tests/adapter/fake_apiserver.py (a loopback HTTPS Kubernetes API server) with
// a PKI made by tests/adapter/make_certs.sh (openssl CLI), writes kubeconfigs for it, and talks to
// its /_test endpoints. The server is killed (by its pid) when the FakeCluster goes away.
// run_command captures stderr too (tests/support/cli.hpp's run_cli drops it).
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapter/http/http_client.hpp"
#include "tests/support/cli.hpp"     // slurp, scratch, knsim_exe (one copy for every test folder)
#include "tests/support/files.hpp"   // read_text, write_text
#include "tests/support/test_paths.hpp"

namespace knsim::test {

// The system's Python with python3-kubernetes and PyYAML (Debian's), not a pyenv shim on PATH.
inline std::string system_python() { return "/usr/bin/python3"; }

// A loopback server started as a child process (args[0] is the executable's path) that prints
// "PORT <n>" as its first line on stdout; it dies with the test process (PR_SET_PDEATHSIG).
struct ChildServer {
  pid_t pid = -1;
  int port = 0;
};
inline ChildServer start_child_server(std::vector<std::string> args, const std::string& what) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);   // never outlive the test process
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char ch;
  while (read(out[0], &ch, 1) == 1 && ch != '\n') line.push_back(ch);
  close(out[0]);
  if (line.rfind("PORT ", 0) != 0) throw std::runtime_error(what + " did not start: " + line);
  return {pid, std::stoi(line.substr(5))};
}
// Ends a child started above (by its pid) and reaps it.
inline void stop_child(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

struct FakeClusterOptions {
  bool eventing = true;
  std::string fixture;   // default tests/data/adapter/cluster.json
};

class FakeCluster {
 public:

  static constexpr const char* kToken = "tok-3f9c2a71-knsim-test";

  explicit FakeCluster(const std::filesystem::path& dir, FakeClusterOptions o = {}) : dir_(dir) {
    const auto src = source_dir();
    if (std::system(("bash " + (src / "tests/adapter/make_certs.sh").string() + " " + (dir_ / "pki").string()).c_str()) != 0) {
      throw std::runtime_error("make_certs.sh failed (is openssl installed? scripts/ensure_deps.sh)");
    }
    write_text(dir_ / "tokens", std::string(kToken) + "\n");
    const std::string fixture = o.fixture.empty() ? (src / "tests/data/adapter/cluster.json").string() : o.fixture;
    const auto pki = dir_ / "pki";
    std::vector<std::string> args = {system_python(), (src / "tests/adapter/fake_apiserver.py").string(),
                                     "--cert", (pki / "server.crt").string(), "--key", (pki / "server.key").string(),
                                     "--client-ca", (pki / "ca.crt").string(), "--tokens", (dir_ / "tokens").string(),
                                     "--fixture", fixture};
    if (!o.eventing) args.push_back("--no-eventing");
    const ChildServer child = start_child_server(std::move(args), "fake_apiserver.py");
    pid_ = child.pid;
    port_ = child.port;
  }
  ~FakeCluster() { stop_child(pid_); }
  FakeCluster(const FakeCluster&) = delete;
  FakeCluster& operator=(const FakeCluster&) = delete;

  std::string server() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::filesystem::path pki(const std::string& f) const { return dir_ / "pki" / f; }
  std::filesystem::path dir() const { return dir_; }
  std::filesystem::path tokens_file() const { return dir_ / "tokens"; }

  // A kubeconfig with one context "test" whose user has the given YAML body (indented 4).
  std::filesystem::path kubeconfig(const std::string& name, const std::string& user_yaml,
                                   const std::string& cluster_extra = "", bool with_ca = true) const {
    std::string y = "apiVersion: v1\nkind: Config\ncurrent-context: test\nclusters:\n- name: fake\n  cluster:\n"
                    "    server: " + server() + "\n";
    if (with_ca) y += "    certificate-authority: pki/ca.crt\n";
    y += cluster_extra;
    y += "contexts:\n- name: test\n  context: {cluster: fake, user: u, namespace: demo}\nusers:\n- name: u\n  user:\n" +
         user_yaml;
    const auto p = dir_ / name;
    write_text(p, y);
    return p;
  }
  std::filesystem::path token_kubeconfig() const {
    return kubeconfig("kubeconfig", std::string("    token: ") + kToken + "\n");
  }

  // POST /_test/... (no auth; loopback only).
  nlohmann::json admin(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) const {
    adapter::HttpRequest r;
    r.method = path == "/_test/requests" ? "GET" : "POST";
    r.url = server() + path;
    r.body = body.dump();
    r.headers = {"Content-Type: application/json"};
    adapter::TlsSettings tls;
    tls.ca_pem = slurp(pki("ca.crt"));
    const auto resp = adapter::http_send(r, tls);
    return nlohmann::json::parse(resp.body);
  }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// Runs a command line with sh, capturing stdout and stderr (into files under dir).
struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};
inline CommandResult run_command(const std::string& cmd, const std::filesystem::path& dir) {
  const auto o = dir / "cmd.out", e = dir / "cmd.err";
  const int rc = std::system((cmd + " >" + o.string() + " 2>" + e.string()).c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = slurp(o);
  r.err = slurp(e);
  return r;
}

}  // namespace knsim::test
