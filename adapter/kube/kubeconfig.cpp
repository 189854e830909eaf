// kubeconfig loading and merging (client-go clientcmd rules; docs/spec/adapter.md "kubeconfig").
#include "adapter/kube/kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace knsim::adapter {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& p, const std::string& what) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw KubeconfigError("cannot read " + what + " " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One named entry (cluster, user or context) and the file it came from.
struct Entry {
  YAML::Node node;
  fs::path file;
};

struct Merged {
  std::map<std::string, Entry> clusters, users, contexts;
  std::string current_context;
  fs::path current_context_file;
};

std::string where(const fs::path& file, const YAML::Node& n, const std::string& field) {
  const int line = n.IsDefined() ? n.Mark().line + 1 : 0;
  return file.string() + (line > 0 ? ":" + std::to_string(line) : "") + ": " + field;
}

std::string str(const YAML::Node& map, const char* key, const fs::path& file, const std::string& path) {
  const YAML::Node v = map[key];
  if (!v || v.IsNull()) return "";
  if (!v.IsScalar()) throw KubeconfigError(where(file, v, path + "." + key) + ": must be a string");
  return v.as<std::string>();
}

bool boolean(const YAML::Node& map, const char* key, const fs::path& file, const std::string& path) {
  const YAML::Node v = map[key];
  if (!v || v.IsNull()) return false;
  try {
    return v.as<bool>();
  } catch (const YAML::Exception&) {
    throw KubeconfigError(where(file, v, path + "." + key) + ": must be true or false");
  }
}

void merge_list(const YAML::Node& root, const char* key, const char* inner, const fs::path& file,
                std::map<std::string, Entry>& into) {
  const YAML::Node list = root[key];
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) throw KubeconfigError(where(file, list, key) + ": must be a list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    const std::string name = str(list[i], "name", file, path);
    if (name.empty()) throw KubeconfigError(where(file, list[i], path + ".name") + ": is required");
    const YAML::Node body = list[i][inner];
    if (!body || !body.IsMap()) throw KubeconfigError(where(file, list[i], path + "." + inner) + ": must be a map");
    into.emplace(name, Entry{body, file});  // emplace keeps the first: the first file wins
  }
}

void merge_file(const fs::path& file, Merged& m) {
  YAML::Node root;
  try {
    root = YAML::Load(read_file(file, "kubeconfig"));
  } catch (const YAML::Exception& e) {
    throw KubeconfigError(file.string() + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  if (root.IsNull()) return;  // an empty file is allowed (kubectl treats it as empty config)
  if (!root.IsMap()) throw KubeconfigError(file.string() + ": a kubeconfig must be a YAML map");
  merge_list(root, "clusters", "cluster", file, m.clusters);
  merge_list(root, "users", "user", file, m.users);
  merge_list(root, "contexts", "context", file, m.contexts);
  const std::string cc = str(root, "current-context", file, "");
  if (m.current_context.empty() && !cc.empty()) {
    m.current_context = cc;
    m.current_context_file = file;
  }
}

fs::path resolve(const fs::path& file, const std::string& p) {
  if (p.empty()) return {};
  const fs::path path(p);
  return path.is_absolute() ? path : (file.parent_path() / path).lexically_normal();
}

// A *-data field (base64 PEM) or a path field, never both.
std::string pem(const YAML::Node& n, const char* path_key, const char* data_key, const Entry& e,
                const std::string& field) {
  const std::string file_value = str(n, path_key, e.file, field);
  const std::string data_value = str(n, data_key, e.file, field);
  if (!data_value.empty()) {
    try {
      return base64_decode(data_value);
    } catch (const std::invalid_argument&) {
      throw KubeconfigError(where(e.file, n[data_key], field + "." + data_key) + ": not valid base64");
    }
  }
  if (!file_value.empty()) return read_file(resolve(e.file, file_value), field + "." + path_key);
  return "";
}

ExecConfig read_exec(const YAML::Node& n, const Entry& e, const std::string& field) {
  ExecConfig x;
  x.api_version = str(n, "apiVersion", e.file, field);
  if (x.api_version != "client.authentication.k8s.io/v1" && x.api_version != "client.authentication.k8s.io/v1beta1") {
    throw KubeconfigError(where(e.file, n["apiVersion"], field + ".apiVersion") + ": \"" + x.api_version +
                          "\" is not supported (want client.authentication.k8s.io/v1 or v1beta1)");
  }
  x.command = str(n, "command", e.file, field);
  if (x.command.empty()) throw KubeconfigError(where(e.file, n, field + ".command") + ": is required");
  // clientcmd resolves a command containing a path separator against the kubeconfig's folder;
  // a bare name is looked up on PATH.
  if (x.command.find('/') != std::string::npos) x.command = resolve(e.file, x.command).string();
  if (const YAML::Node args = n["args"]; args && args.IsSequence()) {
    for (const auto& a : args) x.args.push_back(a.as<std::string>());
  }
  if (const YAML::Node env = n["env"]; env && env.IsSequence()) {
    for (const auto& v : env) x.env.emplace_back(v["name"].as<std::string>(""), v["value"].as<std::string>(""));
  }
  x.provide_cluster_info = boolean(n, "provideClusterInfo", e.file, field);
  x.interactive_mode = str(n, "interactiveMode", e.file, field);
  if (x.api_version == "client.authentication.k8s.io/v1" && x.interactive_mode.empty()) {
    throw KubeconfigError(where(e.file, n, field + ".interactiveMode") +
                          ": is required for client.authentication.k8s.io/v1 (Never, IfAvailable or Always)");
  }
  x.install_hint = str(n, "installHint", e.file, field);
  return x;
}

void read_user(const Entry& e, const std::string& name, ClusterAccess& a) {
  const YAML::Node& u = e.node;
  const std::string field = "users[" + name + "].user";
  if (u["auth-provider"]) {
    throw KubeconfigError(where(e.file, u["auth-provider"], field + ".auth-provider") +
                          ": auth-provider plugins were removed from client-go; use an exec credential plugin");
  }
  a.client_cert_pem = pem(u, "client-certificate", "client-certificate-data", e, field);
  a.client_key_pem = pem(u, "client-key", "client-key-data", e, field);
  if (a.client_cert_pem.empty() != a.client_key_pem.empty()) {
    throw KubeconfigError(where(e.file, u, field) + ": client-certificate and client-key must be given together");
  }
  a.token = str(u, "token", e.file, field);
  const std::string token_file = str(u, "tokenFile", e.file, field);
  if (!token_file.empty()) a.token_file = resolve(e.file, token_file).string();
  a.username = str(u, "username", e.file, field);
  a.password = str(u, "password", e.file, field);
  if (const YAML::Node x = u["exec"]; x && !x.IsNull()) a.exec = read_exec(x, e, field + ".exec");
}

void read_cluster(const Entry& e, const std::string& name, ClusterAccess& a) {
  const YAML::Node& c = e.node;
  const std::string field = "clusters[" + name + "].cluster";
  a.server = str(c, "server", e.file, field);
  if (a.server.empty()) throw KubeconfigError(where(e.file, c, field + ".server") + ": is required");
  if (a.server.rfind("https://", 0) != 0 && a.server.rfind("http://", 0) != 0) {
    throw KubeconfigError(where(e.file, c["server"], field + ".server") + ": \"" + a.server +
                          "\" is not an http(s) URL");
  }
  while (a.server.size() > 8 && a.server.back() == '/') a.server.pop_back();
  a.ca_pem = pem(c, "certificate-authority", "certificate-authority-data", e, field);
  a.insecure_skip_tls_verify = boolean(c, "insecure-skip-tls-verify", e.file, field);
  if (a.insecure_skip_tls_verify && !a.ca_pem.empty()) {
    // client-go refuses this combination ("specifying a root certificates file with the insecure flag is not allowed").
    throw KubeconfigError(where(e.file, c, field) +
                          ": certificate-authority and insecure-skip-tls-verify cannot both be set");
  }
  a.tls_server_name = str(c, "tls-server-name", e.file, field);
  a.proxy_url = str(c, "proxy-url", e.file, field);
}

}  // namespace

std::string ClusterAccess::describe() const {
  std::string s = server;
  if (!context.empty()) s += " (context " + context + ")";
  return s + " from " + origin;
}

ClusterAccess load_kubeconfig_files(const std::vector<fs::path>& files, const std::string& context) {
  Merged m;
  std::string names;
  for (const auto& f : files) {
    merge_file(f, m);
    names += (names.empty() ? "" : ":") + f.string();
  }
  const std::string ctx_name = context.empty() ? m.current_context : context;
  if (ctx_name.empty()) throw KubeconfigError(names + ": no current-context set and no --context given");
  const auto ctx = m.contexts.find(ctx_name);
  if (ctx == m.contexts.end()) throw KubeconfigError(names + ": context \"" + ctx_name + "\" not found");
  const std::string field = "contexts[" + ctx_name + "].context";
  const std::string cluster_name = str(ctx->second.node, "cluster", ctx->second.file, field);
  const std::string user_name = str(ctx->second.node, "user", ctx->second.file, field);
  ClusterAccess a;
  a.context = ctx_name;
  a.origin = "kubeconfig " + names;
  const std::string ns = str(ctx->second.node, "namespace", ctx->second.file, field);
  if (!ns.empty()) a.namespace_name = ns;
  const auto cl = m.clusters.find(cluster_name);
  if (cl == m.clusters.end()) {
    throw KubeconfigError(where(ctx->second.file, ctx->second.node, field + ".cluster") + ": cluster \"" +
                          cluster_name + "\" not found");
  }
  read_cluster(cl->second, cluster_name, a);
  if (!user_name.empty()) {
    const auto u = m.users.find(user_name);
    if (u == m.users.end()) {
      throw KubeconfigError(where(ctx->second.file, ctx->second.node, field + ".user") + ": user \"" + user_name +
                            "\" not found");
    }
    read_user(u->second, user_name, a);
  }
  return a;
}

ClusterAccess in_cluster_access(const std::string& host, const std::string& port, const fs::path& sa_dir) {
  ClusterAccess a;
  const bool v6 = host.find(':') != std::string::npos;
  a.server = "https://" + (v6 ? "[" + host + "]" : host) + ":" + port;
  a.ca_pem = read_file(sa_dir / "ca.crt", "in-cluster CA");
  a.token_file = (sa_dir / "token").string();
  if (!fs::exists(a.token_file)) throw KubeconfigError("in-cluster: no service account token at " + a.token_file);
  std::ifstream ns(sa_dir / "namespace");
  std::string n;
  if (ns && std::getline(ns, n) && !n.empty()) a.namespace_name = n;
  a.origin = "in-cluster service account";
  a.in_cluster = true;
  return a;
}

KubeconfigOptions options_from_environment(std::string kubeconfig_flag, std::string context_flag) {
  KubeconfigOptions o;
  o.kubeconfig = std::move(kubeconfig_flag);
  o.context = std::move(context_flag);
  if (const char* v = std::getenv("KUBECONFIG")) o.kubeconfig_env = std::string(v);
  if (const char* v = std::getenv("HOME")) o.home = v;
  if (const char* v = std::getenv("KUBERNETES_SERVICE_HOST")) o.service_host = v;
  if (const char* v = std::getenv("KUBERNETES_SERVICE_PORT")) o.service_port = v;
  return o;
}

ClusterAccess resolve_cluster_access(const KubeconfigOptions& o) {
  if (!o.kubeconfig.empty()) {
    if (!fs::exists(o.kubeconfig)) throw KubeconfigError("--kubeconfig " + o.kubeconfig + ": no such file");
    return load_kubeconfig_files({o.kubeconfig}, o.context);
  }
  if (o.kubeconfig_env && !o.kubeconfig_env->empty()) {
    std::vector<fs::path> files;
    std::stringstream list(*o.kubeconfig_env);
    for (std::string item; std::getline(list, item, ':');) {
      if (!item.empty() && fs::exists(item)) files.emplace_back(item);  // missing entries are skipped
    }
    if (files.empty()) throw KubeconfigError("KUBECONFIG=" + *o.kubeconfig_env + ": none of these files exists");
    return load_kubeconfig_files(files, o.context);
  }
  if (!o.home.empty() && fs::exists(fs::path(o.home) / ".kube" / "config")) {
    return load_kubeconfig_files({fs::path(o.home) / ".kube" / "config"}, o.context);
  }
  if (!o.service_host.empty() && !o.service_port.empty()) {
    return in_cluster_access(o.service_host, o.service_port, o.service_account_dir);
  }
  throw KubeconfigError(
      "no kubeconfig: give --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, or run inside a pod");
}

std::string base64_decode(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned int acc = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int v = value(c);
    if (v < 0 || padding) throw std::invalid_argument("not base64");
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace knsim::adapter
