// kubeconfig resolution and merging (client-go clientcmd rules), table-driven, no server.
#include "adapter/kube/kubeconfig.hpp"

#include <gtest/gtest.h>

#include "adapter/kube/credentials.hpp"
#include "tests/adapter/fake_cluster.hpp"

namespace {
using namespace knsim::adapter;
using knsim::test::scratch;
using knsim::test::write_text;
namespace fs = std::filesystem;

const char* kFirst = R"(apiVersion: v1
kind: Config
current-context: a
clusters:
- name: c1
  cluster: {server: "https://one.example:6443", certificate-authority: certs/ca.pem, proxy-url: "http://proxy.example:3128"}
- name: shared
  cluster: {server: "https://first.example"}
users:
- name: u1
  user: {token: first-token}
- name: shared-user
  user: {tokenFile: tok.txt}
contexts:
- name: a
  context: {cluster: c1, user: u1, namespace: team-a}
- name: s
  context: {cluster: shared, user: shared-user}
)";

const char* kSecond = R"(apiVersion: v1
kind: Config
current-context: b
clusters:
- name: shared
  cluster: {server: "https://second.example", insecure-skip-tls-verify: true}
- name: c2
  cluster: {server: "https://two.example/prefix/", tls-server-name: kubernetes.test}
users:
- name: u2
  user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
- name: shared-user
  user: {token: second}
contexts:
- name: b
  context: {cluster: c2, user: u2}
- name: s
  context: {cluster: c2, user: u2}
)";

struct Files {
  fs::path dir, first, second;
};
Files make_files() {
  Files f;
  f.dir = scratch("kubeconfig");
  f.first = f.dir / "one" / "config";
  f.second = f.dir / "two" / "config";
  write_text(f.first, kFirst);
  write_text(f.second, kSecond);
  write_text(f.dir / "one" / "certs" / "ca.pem", "CA-PEM");
  write_text(f.dir / "one" / "tok.txt", "file-token\n");
  return f;
}

TEST(Kubeconfig, MergeRulesFirstFileWins) {
  const Files f = make_files();
  struct Case {
    std::string context, server, ns, token, token_file_suffix;
  };
  const std::vector<Case> cases = {
      // current-context from the first file that sets it: "a".
      {"", "https://one.example:6443", "team-a", "first-token", ""},
      // context "s" is defined in both: the first file's wins (cluster shared -> first.example).
      {"s", "https://first.example", "default", "", "one/tok.txt"},
      // a context only in the second file; its server's trailing slash is dropped.
      {"b", "https://two.example/prefix", "default", "", ""},
  };
  for (const auto& c : cases) {
    const ClusterAccess a = load_kubeconfig_files({f.first, f.second}, c.context);
    EXPECT_EQ(a.server, c.server) << c.context;
    EXPECT_EQ(a.namespace_name, c.ns) << c.context;
    EXPECT_EQ(a.token, c.token) << c.context;
    if (c.token_file_suffix.empty()) {
      EXPECT_EQ(a.token_file, "") << c.context;
    } else {
      // Relative paths resolve against the folder of the file that holds them.
      EXPECT_EQ(fs::path(a.token_file), f.dir / c.token_file_suffix) << c.context;
    }
  }
  const ClusterAccess a = load_kubeconfig_files({f.first, f.second}, "");
  EXPECT_EQ(a.ca_pem, "CA-PEM");
  EXPECT_EQ(a.proxy_url, "http://proxy.example:3128");
  const ClusterAccess b = load_kubeconfig_files({f.first, f.second}, "b");
  EXPECT_EQ(b.client_cert_pem, "CERT");
  EXPECT_EQ(b.client_key_pem, "KEY");
  EXPECT_EQ(b.tls_server_name, "kubernetes.test");
  // Reversed order: the second file's "shared" cluster and current-context win.
  const ClusterAccess r = load_kubeconfig_files({f.second, f.first}, "");
  EXPECT_EQ(r.context, "b");
  const ClusterAccess rs = load_kubeconfig_files({f.second, f.first}, "s");
  EXPECT_EQ(rs.server, "https://two.example/prefix");
  EXPECT_EQ(rs.describe().find("CERT"), std::string::npos);
}

TEST(Kubeconfig, ResolutionOrder) {
  const Files f = make_files();
  KubeconfigOptions o;
  o.home = (f.dir / "home").string();
  write_text(f.dir / "home" / ".kube" / "config", kSecond);
  // KUBECONFIG list with a missing entry (skipped) beats ~/.kube/config.
  o.kubeconfig_env = (f.dir / "missing").string() + ":" + f.first.string() + ":" + f.second.string();
  EXPECT_EQ(resolve_cluster_access(o).context, "a");
  // --kubeconfig beats KUBECONFIG.
  o.kubeconfig = f.second.string();
  EXPECT_EQ(resolve_cluster_access(o).context, "b");
  // Neither: ~/.kube/config.
  o.kubeconfig.clear();
  o.kubeconfig_env.reset();
  EXPECT_EQ(resolve_cluster_access(o).server, "https://two.example/prefix");
  // --context picks another context.
  o.context = "s";
  EXPECT_EQ(resolve_cluster_access(o).context, "s");
  // No file at all: the in-cluster service account (IPv6 host in brackets).
  o.home = (f.dir / "nohome").string();
  o.context.clear();
  o.service_host = "fd00::1";
  o.service_port = "443";
  o.service_account_dir = f.dir / "sa";
  write_text(f.dir / "sa" / "ca.crt", "SA-CA");
  write_text(f.dir / "sa" / "token", "sa-token-1");
  write_text(f.dir / "sa" / "namespace", "knsim-system");
  const ClusterAccess ic = resolve_cluster_access(o);
  EXPECT_TRUE(ic.in_cluster);
  EXPECT_EQ(ic.server, "https://[fd00::1]:443");
  EXPECT_EQ(ic.ca_pem, "SA-CA");
  EXPECT_EQ(ic.namespace_name, "knsim-system");
  EXPECT_EQ(fs::path(ic.token_file), f.dir / "sa" / "token");
  // Nothing: a clear error.
  o.service_host.clear();
  EXPECT_THROW(resolve_cluster_access(o), KubeconfigError);
}

TEST(Kubeconfig, ErrorsNameFileAndField) {
  const fs::path dir = scratch("kubeconfig-errors");
  struct Case {
    std::string yaml, context, expect;
  };
  const std::string head = "apiVersion: v1\nkind: Config\ncurrent-context: x\n";
  const std::string ctx = "contexts:\n- name: x\n  context: {cluster: c, user: u}\n";
  const std::string cl = "clusters:\n- name: c\n  cluster: {server: \"https://h\"}\n";
  const std::vector<Case> cases = {
      {head + ctx + cl + "users:\n- name: u\n  user: {auth-provider: {name: gcp}}\n", "", "auth-provider"},
      {head + ctx + cl + "users:\n- name: u\n  user: {client-certificate-data: Q0VSVA==}\n", "",
       "client-certificate and client-key must be given together"},
      {head + ctx + "clusters:\n- name: c\n  cluster: {server: \"ftp://h\"}\nusers:\n- name: u\n  user: {}\n", "",
       "clusters[c].cluster.server"},
      {head + ctx + cl + "users:\n- name: u\n  user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}\n",
       "", "v1alpha1"},
      {head + ctx + cl + "users:\n- name: u\n  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}\n", "",
       "interactiveMode"},
      {head + ctx + cl + "users:\n- name: u\n  user: {token: t}\n", "nope", "context \"nope\" not found"},
      {head + ctx + "users:\n- name: u\n  user: {token: t}\n", "", "cluster \"c\" not found"},
      {head + "clusters: {a: 1}\n", "", "clusters: must be a list"},
      {head + ctx + "clusters:\n- name: c\n  cluster: {server: \"https://h\", certificate-authority-data: \"!!\"}\nusers: []\n", "",
       "not valid base64"},
      {"a: [\n", "", "not valid YAML"},
  };
  int i = 0;
  for (const auto& c : cases) {
    const fs::path p = dir / ("k" + std::to_string(i++));
    write_text(p, c.yaml);
    try {
      load_kubeconfig_files({p}, c.context);
      ADD_FAILURE() << "no error for case " << i;
    } catch (const KubeconfigError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(p.string()), std::string::npos) << e.what();
    }
  }
}

TEST(Kubeconfig, ExecConfigCommandResolution) {
  const fs::path dir = scratch("kubeconfig-exec");
  write_text(dir / "cfg",
             "apiVersion: v1\nkind: Config\ncurrent-context: x\nclusters:\n- name: c\n  cluster: {server: \"https://h\"}\n"
             "contexts:\n- name: x\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user:\n    exec:\n"
             "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./bin/plugin\n      args: [get-token, --x]\n"
             "      env: [{name: A, value: b}]\n      provideClusterInfo: true\n");
  const ClusterAccess a = load_kubeconfig_files({dir / "cfg"}, "");
  ASSERT_TRUE(a.exec.has_value());
  EXPECT_EQ(fs::path(a.exec->command), dir / "bin" / "plugin");
  EXPECT_EQ(a.exec->args, (std::vector<std::string>{"get-token", "--x"}));
  EXPECT_EQ(a.exec->env.at(0), (std::pair<std::string, std::string>{"A", "b"}));
  EXPECT_TRUE(a.exec->provide_cluster_info);
}

TEST(Base64, RoundTripAndErrors) {
  for (const std::string s : {"", "a", "ab", "abc", "abcd", "-----BEGIN CERTIFICATE-----\nMII\n"}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_decode("Q0VS\nVA=="), "CERT");
  EXPECT_THROW(base64_decode("Q0V*"), std::invalid_argument);
}

}  // namespace
