#pragma once
// One metric report for a revision (pkg/autoscaler/metrics/stat.pb.go Stat), as a queue-proxy
// (via the scraper) or an activator delivers it to the autoscaler's collector.
#include <string>

#include "core/time/time.hpp"

namespace knsim::core::metrics {

struct Stat {
  Seconds time = 0.0;                        // when the collector records it (scrape/receive time)
  std::string pod_name;                      // reporting pod ("activator-..." or a pod name)
  double average_concurrency = 0.0;          // AverageConcurrentRequests (time-weighted in-flight)
  double average_proxied_concurrency = 0.0;  // AverageProxiedConcurrentRequests (came via activator)
  double request_count = 0.0;                // RequestCount per 1 s report (a rate)
  double proxied_request_count = 0.0;        // ProxiedRequestCount per 1 s
  double process_uptime = 0.0;               // ProcessUptime (seconds)
};

}  // namespace knsim::core::metrics
