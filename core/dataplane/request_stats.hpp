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

// Inline: they run for every request in and out and for every pod's report each second.
inline void RequestStats::compute(Seconds now) {
  const Seconds dt = now - last_change_;
  if (dt > 0) {
    seconds_in_use_ += dt;
    computed_concurrency_ += concurrency_ * dt;
    computed_proxied_concurrency_ += proxied_concurrency_ * dt;
    last_change_ = now;
  }
}

inline void RequestStats::on_request_in(Seconds now, bool proxied) {
  compute(now);
  if (proxied) {
    proxied_concurrency_ += 1;
    proxied_request_count_ += 1;
  }
  request_count_ += 1;
  concurrency_ += 1;
}

inline void RequestStats::on_request_out(Seconds now, bool proxied) {
  compute(now);
  if (proxied) proxied_concurrency_ -= 1;
  concurrency_ -= 1;
}

inline RequestStatsReport RequestStats::report(Seconds now) {
  compute(now);
  RequestStatsReport r;
  r.request_count = request_count_;
  r.proxied_request_count = proxied_request_count_;
  if (seconds_in_use_ > 0) {
    r.average_concurrency = computed_concurrency_ / seconds_in_use_;
    r.average_proxied_concurrency = computed_proxied_concurrency_ / seconds_in_use_;
  }
  computed_concurrency_ = computed_proxied_concurrency_ = 0;
  request_count_ = proxied_request_count_ = 0;
  seconds_in_use_ = 0;
  return r;
}

// The queue-proxy's Stat for a report (pkg/queue/protobuf_stats_reporter.go): counts divided by
// the report period (1 s) become rates.
metrics::Stat queue_proxy_stat(const RequestStatsReport& report, const std::string& pod_name, Seconds now,
                               Seconds report_period = 1.0, Seconds process_uptime = 0);

}  // namespace knsim::core::dataplane
