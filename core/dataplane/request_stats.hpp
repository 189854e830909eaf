#pragma once
// Time-weighted request statistics of a queue-proxy or an activator
// (vendor/knative.dev/networking/pkg/http/stats/request.go RequestStats; docs/spec/serving.md 2.1).
// Between events, computed concurrency += in-flight x dt. A report averages over the time since
// the previous report and resets the window; the in-flight level carries over.
//
// Example: one request in flight from t = 0.0 to t = 0.5, report at t = 1.0 ->
// average concurrency 0.5, request count 1.
#include "core/metrics/stat.hpp"
#include "core/time/time.hpp"

namespace knsim::core::dataplane {

struct RequestStatsReport {
  double average_concurrency = 0;
  double average_proxied_concurrency = 0;
  double request_count = 0;
  double proxied_request_count = 0;
};

class RequestStats {
 public:
  explicit RequestStats(Seconds start = 0) : last_change_(start) {}

  // A request arrives (counted before any breaker, so queued requests count). `proxied`: it came
  // through the activator (header Knative-Proxy: activator).
  void on_request_in(Seconds now, bool proxied = false);
  void on_request_out(Seconds now, bool proxied = false);
  // Averages since the previous report, then resets the window.
  RequestStatsReport report(Seconds now);

  double concurrency() const { return concurrency_; }

 private:
  void compute(Seconds now);

  double concurrency_ = 0, proxied_concurrency_ = 0;
  Seconds last_change_ = 0;
  double computed_concurrency_ = 0, computed_proxied_concurrency_ = 0;
  double request_count_ = 0, proxied_request_count_ = 0;
  double seconds_in_use_ = 0;
};

// The queue-proxy's Stat for a report (pkg/queue/protobuf_stats_reporter.go): counts divided by
// the report period (1 s) become rates.
metrics::Stat queue_proxy_stat(const RequestStatsReport& report, const std::string& pod_name, Seconds now,
                               Seconds report_period = 1.0, Seconds process_uptime = 0);

}  // namespace knsim::core::dataplane
