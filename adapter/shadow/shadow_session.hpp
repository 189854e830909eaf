#pragma once
// `knsim cluster shadow`'s loop (docs/adapter.md "shadow"): a twin of the real KPA beside it, on the
// same live inputs, read-only. Every shadow second t = 0, 1, 2, ... (core/autoscaler/cadence.hpp):
//   1. LIST the namespace's revision pods (label serving.knative.dev/revision);
//   2. on a decider tick (even t) LIST the PodAutoscalers and ServerlessServices: new revisions get
//      a twin, changed annotations update it, a revision whose PA is gone is dropped (said once);
//   3. GET every ready pod's queue-proxy Stat (:9090/metrics, Accept application/protobuf) through
//      the API server's pod proxy or from the pod IP (--scrape direct) and record them with core's
//      scraper; with Prometheus, add the activator's concurrency;
//   4. on a decider tick run the twin (TwinRevision::tick) and emit one ShadowLine per revision,
//      with the real PA status, SKS spec.mode and (with Prometheus) the autoscaler's gauges.
// Lists rather than long watches: a dropped connection or a failed request costs one second's data
// (counted in the summary), never the run. Nothing is ever written to the cluster.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapter/http/http_client.hpp"
#include "adapter/kube/kube_client.hpp"
#include "adapter/prometheus/prometheus_client.hpp"
#include "adapter/shadow/shadow_gauges.hpp"
#include "adapter/shadow/shadow_report.hpp"
#include "adapter/shadow/twin_revision.hpp"

namespace knsim::adapter {

enum class ScrapeMode { kApiServer, kDirect };

struct ShadowOptions {
  std::string namespace_name;
  std::vector<std::string> revisions;   // empty: every KPA-class revision of the namespace
  ScrapeMode scrape = ScrapeMode::kApiServer;
  int metrics_port = 9090;              // queue-proxy's autoscaler metrics port (http-autometric)
  double duration = 0;                  // shadow seconds to run; 0 = until stopped
  double tick_seconds = 1.0;            // wall seconds per shadow second (1; tests use less)
  std::uint64_t seed = 1;               // the pod sample's random stream (only used above 4 pods)
  long scrape_timeout_s = 3;            // Knative's scrape client timeout
};

struct ShadowIo {
  KubeClient* kube = nullptr;
  PrometheusClient* prometheus = nullptr;                    // null: no Prometheus
  std::function<double()> clock;                             // wall seconds
  std::function<void(double)> sleep;                         // seconds
  std::function<HttpResponse(const HttpRequest&)> direct;    // --scrape direct (default: plain http_send)
};

class ShadowSession {
 public:
  using LineSink = std::function<void(const ShadowLine&)>;
  ShadowSession(ShadowIo io, ShadowOptions options, LineSink on_line);

  // Reads config-autoscaler and the Prometheus metric names, and checks that pods and PAs can be
  // listed. Throws KubeError/TransportError when the shadow cannot work at all (e.g. 403 on pods).
  void start();
  // One shadow second (t = seconds()).
  void step();
  // step() until `stop` says so or the duration is reached, pacing to tick_seconds.
  void run(const std::function<bool()>& stop);

  double seconds() const { return static_cast<double>(second_); }
  const ShadowSummary& summary() const { return summary_; }
  // Things the user must know (missing activator share, config fallbacks, dropped revisions),
  // each once, in order; the CLI prints them to stderr as they appear.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  struct ReadyPod {
    std::string name, ip;
  };
  struct Tracked {
    std::unique_ptr<TwinRevision> twin;
    RealDecision real;
    std::vector<ReadyPod> ready;
    bool deleted = false;
  };

  bool list_pods(std::map<std::string, std::vector<ReadyPod>>& by_revision);
  void refresh_autoscalers();
  void scrape(const std::string& name, Tracked& r, ShadowLine& line);
  std::optional<core::metrics::Stat> scrape_pod(const ReadyPod& pod, std::string& why);
  void read_prometheus(bool tick);
  void note(const std::string& text);
  bool wanted(const std::string& revision) const;

  ShadowIo io_;
  ShadowOptions options_;
  LineSink on_line_;
  core::config::AutoscalerConfig config_;
  KnativeMetricNames names_;
  std::map<std::string, RevisionGauges> gauges_;   // "ns/name" -> this second's Prometheus values
  bool prometheus_ok_ = false;
  std::map<std::string, Tracked> revisions_;       // by revision name
  std::int64_t second_ = 0;
  ShadowSummary summary_;
  std::vector<std::string> notes_;
  std::set<std::string> noted_;
  int list_failures_ = 0, prometheus_failures_ = 0;
};

}  // namespace knsim::adapter
