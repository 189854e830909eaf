// Kubernetes REST over libcurl (see kube_client.hpp; docs/spec/adapter.md "REST paths", "List and watch").
#include "adapter/kube/kube_client.hpp"

#include <chrono>
#include <sstream>
#include <thread>

namespace knsim::adapter {
using nlohmann::json;
namespace {

bool ok(long status) { return status >= 200 && status < 300; }

// Splits "https://host:port/prefix" into its parts (port defaulted from the scheme).
struct ServerUrl {
  std::string scheme, host, port, prefix;
};
ServerUrl split_server(const std::string& server) {
  ServerUrl u;
  const auto colon_slash = server.find("://");
  u.scheme = server.substr(0, colon_slash);
  std::string rest = server.substr(colon_slash + 3);
  const auto slash = rest.find('/');
  if (slash != std::string::npos) {
    u.prefix = rest.substr(slash);
    rest = rest.substr(0, slash);
  }
  const auto bracket = rest.rfind(']');
  const auto colon = rest.rfind(':');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    u.host = rest.substr(0, colon);
    u.port = rest.substr(colon + 1);
  } else {
    u.host = rest;
    u.port = u.scheme == "https" ? "443" : "80";
  }
  return u;
}

std::string status_causes(const json& status) {
  std::string out;
  if (!status.contains("details") || !status["details"].is_object()) return out;
  const json& d = status["details"];
  if (!d.contains("causes") || !d["causes"].is_array()) return out;
  for (const auto& c : d["causes"]) {
    out += "\n  - " + c.value("field", std::string("")) + (c.contains("field") ? ": " : "") + c.value("message", "");
  }
  return out;
}

}  // namespace

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool Discovery::has(const std::string& group, const std::string& version) const {
  const auto g = groups.find(group);
  if (g == groups.end()) return false;
  for (const auto& v : g->second) {
    if (v == version) return true;
  }
  return false;
}

std::string permission_of(const std::string& verb, const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream s(path.substr(0, path.find('?')));
  for (std::string p; std::getline(s, p, '/');) {
    if (!p.empty()) parts.push_back(p);
  }
  std::string group;
  std::size_t i = 0;
  if (!parts.empty() && parts[0] == "api") {
    i = 2;   // api/v1
  } else if (parts.size() >= 3 && parts[0] == "apis") {
    group = parts[1];
    i = 3;   // apis/group/version
  } else {
    return verb + " on " + path;
  }
  std::string ns;
  if (i + 1 < parts.size() && parts[i] == "namespaces" && i + 2 < parts.size()) {
    ns = parts[i + 1];
    i += 2;
  }
  if (i >= parts.size()) return verb + " on " + path;
  std::string what = (group.empty() ? "" : group + "/") + parts[i];
  if (i + 2 < parts.size()) what += "/" + parts[i + 2];   // subresource (status, scale)
  if (i + 1 < parts.size()) what += " \"" + parts[i + 1] + "\"";
  return "\"" + verb + "\" on " + what + (ns.empty() ? " (cluster scope)" : " in namespace " + ns);
}

void throw_kube_error(const HttpResponse& r, const std::string& verb, const std::string& path) {
  const json status = json::parse(r.body, nullptr, false);
  std::string message, reason;
  if (status.is_object()) {
    message = status.value("message", "");
    reason = status.value("reason", "");
  }
  const std::string said = message.empty() ? "" : " (server: " + message + ")";
  const std::string perm = permission_of(verb, path);
  switch (r.status) {
    case 401:
      throw KubeError(401, reason.empty() ? "Unauthorized" : reason,
                      "401 Unauthorized: the API server did not accept the credentials for " + perm +
                          " (expired or wrong token, client certificate not trusted, or exec plugin output)");
    case 403:
      throw KubeError(403, reason.empty() ? "Forbidden" : reason,
                      "403 Forbidden: missing permission " + perm + said +
                          "; see docs/adapter.md for the ClusterRole knsim needs");
    case 404:
      throw KubeError(404, "NotFound", "404 Not Found: " + path + said);
    case 409:
      throw KubeError(409, reason.empty() ? "Conflict" : reason, "409 Conflict on " + path + said + status_causes(status));
    case 410:
      throw KubeError(410, reason.empty() ? "Expired" : reason, "410 Gone on " + path + said);
    default:
      throw KubeError(r.status, reason,
                      "HTTP " + std::to_string(r.status) + " for " + perm + said + status_causes(status));
  }
}

KubeClient::KubeClient(ClusterAccess access, KubeClientOptions options)
    : KubeClient(std::move(access), std::move(options), http_send, unix_now,
                 [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); }) {}

KubeClient::KubeClient(ClusterAccess access, KubeClientOptions options, Transport transport, Clock clock,
                       Sleeper sleeper)
    : credentials_(std::move(access), clock),
      options_(std::move(options)),
      transport_(std::move(transport)),
      clock_(std::move(clock)),
      sleeper_(std::move(sleeper)),
      limiter_(options_.qps, options_.burst) {}

std::string KubeClient::url_of(const std::string& path_and_query) const {
  const ClusterAccess& a = credentials_.access();
  if (a.tls_server_name.empty()) return a.server + path_and_query;
  const ServerUrl u = split_server(a.server);
  return u.scheme + "://" + a.tls_server_name + ":" + u.port + u.prefix + path_and_query;
}

TlsSettings KubeClient::tls_for(const AuthMaterial& auth) const {
  const ClusterAccess& a = credentials_.access();
  TlsSettings t;
  t.ca_pem = a.ca_pem;
  t.insecure_skip_verify = a.insecure_skip_tls_verify;
  t.client_cert_pem = auth.client_cert_pem;
  t.client_key_pem = auth.client_key_pem;
  t.proxy_url = a.proxy_url;
  if (!a.tls_server_name.empty()) {
    // Verify against tls-server-name, connect to the server's real address (CURLOPT_CONNECT_TO).
    const ServerUrl u = split_server(a.server);
    t.tls_server_name = a.tls_server_name + ":" + u.port + ":" + u.host + ":" + u.port;
  }
  return t;
}

HttpResponse KubeClient::send(HttpRequest request, const std::string& verb) {
  const std::vector<std::string> base_headers = request.headers;
  for (int attempt = 0;; ++attempt) {
    const double wait = limiter_.reserve(clock_());
    if (wait > 0) {
      sleeper_(wait);
      waited_s_ += wait;
    }
    const AuthMaterial auth = credentials_.current();
    request.headers = base_headers;
    request.headers.push_back("User-Agent: " + options_.user_agent);
    if (!auth.authorization.empty()) request.headers.push_back("Authorization: " + auth.authorization);
    ++requests_;
    HttpResponse r = transport_(request, tls_for(auth));
    if (const auto w = r.headers.find("warning"); w != r.headers.end()) warnings_.push_back(w->second);
    if (r.status == 401 && attempt == 0 && credentials_.refresh_after_unauthorized()) continue;
    (void)verb;
    return r;
  }
}

json KubeClient::get(const std::string& path) {
  HttpRequest req;
  req.url = url_of(path);
  req.headers = {"Accept: application/json"};
  req.timeout_s = options_.request_timeout_s;
  const HttpResponse r = send(req, "get");
  if (!ok(r.status)) throw_kube_error(r, "get", path);
  json j = json::parse(r.body, nullptr, false);
  if (j.is_discarded()) throw KubeError(r.status, "BadResponse", "the answer to GET " + path + " is not JSON");
  return j;
}

HttpResponse KubeClient::get_raw(const std::string& path, const std::string& accept, long timeout_s) {
  HttpRequest req;
  req.url = url_of(path);
  req.headers = {"Accept: " + accept};
  req.timeout_s = timeout_s;
  return send(req, "get");
}

std::optional<json> KubeClient::get_if_exists(const std::string& path) {
  try {
    return get(path);
  } catch (const KubeError& e) {
    if (e.status() == 404) return std::nullopt;
    throw;
  }
}

ListResult KubeClient::list(const std::string& path, const std::string& query, int limit) {
  constexpr int kMaxRestarts = 5;
  ListResult out;
  for (;;) {
    out.items.clear();
    out.pages = 0;
    std::string cont;
    bool restart = false;
    do {
      std::string q = "?limit=" + std::to_string(limit);
      if (!cont.empty()) q += "&continue=" + url_escape(cont);
      if (!query.empty()) q += "&" + query;
      HttpRequest req;
      req.url = url_of(path + q);
      req.headers = {"Accept: application/json"};
      req.timeout_s = options_.request_timeout_s;
      const HttpResponse r = send(req, "list");
      if (r.status == 410 && !cont.empty() && out.restarts < kMaxRestarts) {
        // The continue token expired (etcd compacted past it): start the list again.
        ++out.restarts;
        restart = true;
        break;
      }
      if (!ok(r.status)) throw_kube_error(r, "list", path);
      json page = json::parse(r.body, nullptr, false);
      if (page.is_discarded() || !page.is_object()) throw KubeError(r.status, "BadResponse", "LIST " + path + ": not JSON");
      ++out.pages;
      std::string kind = page.value("kind", "");
      if (kind.size() > 4 && kind.substr(kind.size() - 4) == "List") kind.resize(kind.size() - 4);
      const std::string api_version = page.value("apiVersion", "");
      for (auto& item : page["items"]) {
        if (!item.contains("kind")) item["kind"] = kind;   // list items usually lack kind/apiVersion
        if (!item.contains("apiVersion")) item["apiVersion"] = api_version;
        out.items.push_back(std::move(item));
      }
      const json& meta = page["metadata"];
      cont = meta.is_object() ? meta.value("continue", "") : "";
      out.resource_version = meta.is_object() ? meta.value("resourceVersion", "") : "";
    } while (!cont.empty());
    if (!restart) return out;
  }
}

WatchResult KubeClient::watch(const std::string& path, const std::string& resource_version,
                              const std::function<bool(const WatchEvent&)>& on_event, int timeout_seconds) {
  WatchResult out;
  out.last_resource_version = resource_version;
  WatchDecoder decoder;
  std::string error;
  std::string q = "?watch=1&allowWatchBookmarks=true&timeoutSeconds=" + std::to_string(timeout_seconds);
  if (!resource_version.empty()) q += "&resourceVersion=" + url_escape(resource_version);
  HttpRequest req;
  req.url = url_of(path + q);
  req.headers = {"Accept: application/json"};
  req.timeout_s = timeout_seconds + 30;
  req.on_data = [&](const char* data, std::size_t n) {
    for (WatchEvent& e : decoder.feed(data, n)) {
      if (e.type == "ERROR") {
        if (e.object.value("code", 0) == 410) {
          out.gone = true;
        } else {
          error = e.object.value("message", std::string("watch error"));
        }
        return false;
      }
      const json& meta = e.object["metadata"];
      if (meta.is_object() && meta.contains("resourceVersion")) out.last_resource_version = meta["resourceVersion"];
      if (e.type == "BOOKMARK") continue;
      ++out.events;
      if (!on_event(e)) {
        out.stopped = true;
        return false;
      }
    }
    return true;
  };
  const HttpResponse r = send(req, "watch");
  if (r.status == 410) {
    out.gone = true;
    return out;
  }
  if (!ok(r.status)) throw_kube_error(r, "watch", path);
  if (!error.empty()) throw KubeError(500, "WatchError", "watch " + path + ": " + error);
  return out;
}

json KubeClient::apply(const std::string& path, const json& body, const std::string& field_manager, bool dry_run,
                       bool force) {
  std::string q = "?fieldManager=" + url_escape(field_manager) + "&force=" + (force ? "true" : "false");
  if (dry_run) q += "&dryRun=All";
  HttpRequest req;
  req.method = "PATCH";
  req.url = url_of(path + q);
  req.headers = {"Accept: application/json", "Content-Type: application/apply-patch+yaml"};
  req.body = body.dump();   // JSON is YAML
  req.timeout_s = options_.request_timeout_s;
  const HttpResponse r = send(req, "patch");
  if (!ok(r.status)) throw_kube_error(r, "patch", path);
  return json::parse(r.body, nullptr, false);
}

Discovery KubeClient::discover() {
  Discovery d;
  const json groups = get("/apis");
  for (const auto& g : groups.value("groups", json::array())) {
    std::vector<std::string> versions;
    const std::string preferred = g.contains("preferredVersion") ? g["preferredVersion"].value("version", "") : "";
    if (!preferred.empty()) versions.push_back(preferred);
    for (const auto& v : g.value("versions", json::array())) {
      const std::string ver = v.value("version", "");
      if (ver != preferred) versions.push_back(ver);
    }
    d.groups[g.value("name", "")] = versions;
  }
  return d;
}

}  // namespace knsim::adapter
