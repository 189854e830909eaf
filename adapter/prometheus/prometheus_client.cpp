#include "adapter/prometheus/prometheus_client.hpp"

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace knsim::adapter {
using nlohmann::json;

PrometheusClient::PrometheusClient(std::string base_url, TlsSettings tls) : base_(std::move(base_url)), tls_(std::move(tls)) {
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

std::string PrometheusClient::get(const std::string& path_and_query) {
  HttpRequest r;
  r.url = base_ + path_and_query;
  r.headers = {"Accept: application/json"};
  r.timeout_s = 60;
  const HttpResponse resp = http_send(r, tls_);
  if (resp.status != 200) {
    const json e = json::parse(resp.body, nullptr, false);
    const std::string msg = e.is_object() ? e.value("errorType", "") + ": " + e.value("error", "") : resp.body.substr(0, 200);
    throw PrometheusError("Prometheus at " + base_ + " answered HTTP " + std::to_string(resp.status) + " (" + msg + ")");
  }
  return resp.body;
}

std::vector<PromSeries> PrometheusClient::query_range(const std::string& promql, double start, double end, double step) {
  constexpr double kMaxPoints = 10000;   // below Prometheus' 11,000 points per series
  if (!(step > 0) || !(end - start < step * 1e9)) throw PrometheusError("query_range " + promql + ": step must be > 0 s");
  std::map<std::map<std::string, std::string>, PromSeries> merged;
  for (double from = start; from <= end; from += step * kMaxPoints) {
    const double to = std::min(end, from + step * (kMaxPoints - 1));
    char range[160];
    std::snprintf(range, sizeof range, "&start=%.3f&end=%.3f&step=%.3f", from, to, step);
    parse_range_answer(get("/api/v1/query_range?query=" + url_escape(promql) + range), "query_range " + promql, merged);
  }
  std::vector<PromSeries> out;
  for (auto& [k, v] : merged) out.push_back(std::move(v));
  return out;
}

std::vector<PromSeries> PrometheusClient::query(const std::string& promql, double time) {
  char at[48];
  std::snprintf(at, sizeof at, "&time=%.3f", time);
  return parse_vector_answer(get("/api/v1/query?query=" + url_escape(promql) + at), "query " + promql);
}

std::set<std::string> PrometheusClient::metric_names() {
  return parse_label_values_answer(get("/api/v1/label/__name__/values"), "label __name__ values");
}

}  // namespace knsim::adapter
