// RequestStats (networking/pkg/http/stats/request.go), see request_stats.hpp.
#include "core/dataplane/request_stats.hpp"

namespace knsim::core::dataplane {

void RequestStats::compute(Seconds now) {
  const Seconds dt = now - last_change_;
  if (dt > 0) {
    seconds_in_use_ += dt;
    computed_concurrency_ += concurrency_ * dt;
    computed_proxied_concurrency_ += proxied_concurrency_ * dt;
    last_change_ = now;
  }
}

void RequestStats::on_request_in(Seconds now, bool proxied) {
  compute(now);
  if (proxied) {
    proxied_concurrency_ += 1;
    proxied_request_count_ += 1;
  }
  request_count_ += 1;
  concurrency_ += 1;
}

void RequestStats::on_request_out(Seconds now, bool proxied) {
  compute(now);
  if (proxied) proxied_concurrency_ -= 1;
  concurrency_ -= 1;
}

RequestStatsReport RequestStats::report(Seconds now) {
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

metrics::Stat queue_proxy_stat(const RequestStatsReport& report, const std::string& pod_name, Seconds now,
                               Seconds report_period, Seconds process_uptime) {
  metrics::Stat s;
  s.time = now;
  s.pod_name = pod_name;
  s.average_concurrency = report.average_concurrency;
  s.average_proxied_concurrency = report.average_proxied_concurrency;
  s.request_count = report.request_count / report_period;
  s.proxied_request_count = report.proxied_request_count / report_period;
  s.process_uptime = process_uptime;
  return s;
}

}  // namespace knsim::core::dataplane
