// See knative_metric_names.hpp.
#include "adapter/prometheus/knative_metric_names.hpp"

#include <array>
#include <vector>

#include "adapter/prometheus/prometheus_answer.hpp"   // PrometheusError

namespace knsim::adapter {

namespace {

// One row per name set; the order of the rows is the order of detection.
struct NameSetRow {
  const char* set;
  const char *desired, *actual, *panic, *ebc, *stable, *panic_concurrency, *activator;
  std::vector<const char*> requests;   // candidates, first present wins
  const char *namespace_label, *revision_label, *service_label;
};

const std::array<NameSetRow, 2>& name_sets() {
  static const std::array<NameSetRow, 2> kRows = {{
      // Knative >= 1.19. Request counts: queue-proxy's invocation histogram (>= 1.21) or its app
      // duration histogram (1.19, 1.20).
      {"opentelemetry", "kn_revision_pods_desired", "kn_revision_pods_count", "kn_revision_panic_mode",
       "kn_revision_capacity_excess", "kn_revision_concurrency_stable", "kn_revision_concurrency_panic",
       "kn_revision_request_concurrency",
       {"kn_serving_invocation_duration_seconds_count", "kn_queueproxy_app_duration_seconds_count"},
       "k8s_namespace_name", "kn_revision_name", "kn_service_name"},
      // Knative <= 1.18.
      {"opencensus", "autoscaler_desired_pods", "autoscaler_actual_pods", "autoscaler_panic_mode",
       "autoscaler_excess_burst_capacity", "autoscaler_stable_request_concurrency",
       "autoscaler_panic_request_concurrency", "activator_request_concurrency", {"revision_request_count"},
       "namespace_name", "revision_name", "service_name"},
  }};
  return kRows;
}

// `base` itself, or the first name that extends it with "_<suffix>"; "" when neither is there.
std::string find_gauge(const std::set<std::string>& names, const std::string& base) {
  if (names.count(base)) return base;
  const auto it = names.lower_bound(base + "_");
  if (it != names.end() && it->rfind(base + "_", 0) == 0) return *it;
  return "";
}

}  // namespace

KnativeMetricNames find_knative_metric_names(const std::set<std::string>& names) {
  for (const NameSetRow& row : name_sets()) {
    KnativeMetricNames m;
    m.desired = find_gauge(names, row.desired);
    m.actual = find_gauge(names, row.actual);
    m.panic = find_gauge(names, row.panic);
    m.ebc = find_gauge(names, row.ebc);
    m.stable = find_gauge(names, row.stable);
    m.panic_concurrency = find_gauge(names, row.panic_concurrency);
    m.activator = find_gauge(names, row.activator);
    if (m.desired.empty() && m.actual.empty() && m.panic.empty() && m.ebc.empty() && m.stable.empty() &&
        m.panic_concurrency.empty() && m.activator.empty())
      continue;
    for (const char* r : row.requests) {
      if (names.count(r)) {
        m.requests = r;
        break;
      }
    }
    m.set = row.set;
    m.namespace_label = row.namespace_label;
    m.revision_label = row.revision_label;
    m.service_label = row.service_label;
    return m;
  }
  return {};
}

KnativeMetricNames detect_metric_names(const std::set<std::string>& names) {
  KnativeMetricNames m = find_knative_metric_names(names);
  if (m.desired.empty()) {
    throw PrometheusError(
        "no Knative autoscaler metrics in Prometheus (looked for kn_revision_pods_desired, Knative >= 1.19, and "
        "autoscaler_desired_pods, Knative <= 1.18): is Prometheus scraping the autoscaler? (config-observability)");
  }
  return m;
}

}  // namespace knsim::adapter
