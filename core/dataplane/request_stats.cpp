// queue_proxy_stat (pkg/queue/protobuf_stats_reporter.go); RequestStats itself is inline in request_stats.hpp.
#include "core/dataplane/request_stats.hpp"

namespace knsim::core::dataplane {

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
