#pragma once
// A small Kubernetes REST client over libcurl: GET, paginated LIST (limit/continue, restarted from
// scratch on 410 Expired), one WATCH connection at a time (see reflector.hpp for the loop), server-side
// apply with dryRun, and discovery. Every request passes the client-side rate limit (client-go's
// defaults: QPS 5, burst 10) and carries the current credentials; a 401 refreshes them once
// (token file re-read, exec plugin re-run) and retries. Errors name the permission or the cause.
// REST paths and semantics: docs/spec/adapter.md.
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapter/http/http_client.hpp"
#include "adapter/kube/credentials.hpp"
#include "adapter/kube/kubeconfig.hpp"
#include "adapter/kube/rate_limiter.hpp"
#include "adapter/kube/watch_decoder.hpp"

namespace knsim::adapter {

// An HTTP answer the API server gave instead of success: its metav1.Status and what it means.
class KubeError : public std::runtime_error {
 public:
  KubeError(long status, std::string reason, const std::string& what)
      : std::runtime_error(what), status_(status), reason_(std::move(reason)) {}
  long status() const { return status_; }
  const std::string& reason() const { return reason_; }   // metav1.Status reason (Expired, Conflict, ...)

 private:
  long status_;
  std::string reason_;
};

struct KubeClientOptions {
  double qps = 5;        // client-go rest.Config defaults
  int burst = 10;
  std::string user_agent = "knsim";
  long request_timeout_s = 30;
};

struct ListResult {
  std::vector<nlohmann::json> items;   // each with kind and apiVersion filled in
  std::string resource_version;        // the list's metadata.resourceVersion (watch from here)
  int pages = 0;
  int restarts = 0;                    // 410 Expired continue tokens met
};

// One watch connection's end.
struct WatchResult {
  std::string last_resource_version;   // resume from here
  bool gone = false;                   // 410: the resourceVersion is too old, re-list
  bool stopped = false;                // the handler asked to stop
  int events = 0;
};

// The Knative API groups and versions the server has.
struct Discovery {
  std::map<std::string, std::vector<std::string>> groups;   // group -> versions (preferred first)
  bool has(const std::string& group, const std::string& version) const;
  bool serving() const { return has("serving.knative.dev", "v1"); }
  bool eventing() const { return has("eventing.knative.dev", "v1"); }
};

class KubeClient {
 public:
  using Transport = std::function<HttpResponse(const HttpRequest&, const TlsSettings&)>;
  using Clock = std::function<double()>;          // Unix seconds
  using Sleeper = std::function<void(double)>;    // seconds

  explicit KubeClient(ClusterAccess access, KubeClientOptions options = {});
  KubeClient(ClusterAccess access, KubeClientOptions options, Transport transport, Clock clock, Sleeper sleeper);

  // GET a path (e.g. /api/v1/nodes); throws KubeError/TransportError.
  nlohmann::json get(const std::string& path);
  // GET a path whose answer is not JSON (e.g. a pod proxy's protobuf): the raw answer, any status,
  // after the rate limit and with the credentials; throws only TransportError.
  HttpResponse get_raw(const std::string& path, const std::string& accept, long timeout_s);
  // GET, nullopt on 404.
  std::optional<nlohmann::json> get_if_exists(const std::string& path);
  // Every page of a list; `query` is extra query text (e.g. "labelSelector=..."), without '?'.
  ListResult list(const std::string& path, const std::string& query = "", int limit = 500);
  // One watch connection from `resource_version` with bookmarks; `on_event` returns false to stop.
  WatchResult watch(const std::string& path, const std::string& resource_version,
                    const std::function<bool(const WatchEvent&)>& on_event, int timeout_seconds = 300);
  // Server-side apply (PATCH application/apply-patch+yaml, fieldManager, force=false unless asked).
  nlohmann::json apply(const std::string& path, const nlohmann::json& body, const std::string& field_manager,
                       bool dry_run, bool force = false);
  Discovery discover();

  const ClusterAccess& access() const { return credentials_.access(); }
  CredentialSource& credentials() { return credentials_; }
  int requests() const { return requests_; }
  double waited_for_rate_limit() const { return waited_s_; }
  const std::vector<std::string>& warnings() const { return warnings_; }   // Warning: headers seen

 private:
  HttpResponse send(HttpRequest request, const std::string& verb);
  TlsSettings tls_for(const AuthMaterial& auth) const;
  std::string url_of(const std::string& path_and_query) const;

  CredentialSource credentials_;
  KubeClientOptions options_;
  Transport transport_;
  Clock clock_;
  Sleeper sleeper_;
  RateLimiter limiter_;
  int requests_ = 0;
  double waited_s_ = 0;
  std::vector<std::string> warnings_;
};

// "list" on "serving.knative.dev/services in namespace demo" for a path (for 403 messages).
std::string permission_of(const std::string& verb, const std::string& path);

// Throws the KubeError an unsuccessful answer stands for (401/403/404/409/410/422/5xx).
[[noreturn]] void throw_kube_error(const HttpResponse& r, const std::string& verb, const std::string& path);

// Unix seconds now (system clock): the adapter runs in wall-clock time.
double unix_now();

}  // namespace knsim::adapter
