#pragma once
// Prometheus HTTP API (docs/spec/adapter.md "Prometheus HTTP API"): /api/v1/query, /api/v1/query_range and
// /api/v1/label/__name__/values over libcurl. Values come as strings ("NaN", "+Inf" allowed);
// long ranges are split so no series exceeds Prometheus' 11,000 points per query.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapter/http/http_client.hpp"
#include "adapter/prometheus/knative_metric_names.hpp"  // KnativeMetricNames: Knative's names, both sets
#include "adapter/prometheus/prometheus_answer.hpp"  // PromSeries, PrometheusError, the answers' parsers

namespace knsim::adapter {

class PrometheusClient {
 public:
  explicit PrometheusClient(std::string base_url, TlsSettings tls = {});

  // query_range from start to end (Unix seconds, inclusive) every step seconds.
  std::vector<PromSeries> query_range(const std::string& promql, double start, double end, double step);
  // Instant query at `time` (Unix seconds): one value per series (vector results only).
  std::vector<PromSeries> query(const std::string& promql, double time);
  // Every metric name the server has (label __name__ values).
  std::set<std::string> metric_names();

 private:
  std::string get(const std::string& path_and_query);
  std::string base_;
  TlsSettings tls_;
};

}  // namespace knsim::adapter
