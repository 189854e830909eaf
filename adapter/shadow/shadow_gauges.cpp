// See shadow_gauges.hpp. Names: docs/spec/adapter.md "The shadow's inputs" (Knative v1.18.0 and
// v1.19+ pkg/autoscaler/metrics, pkg/activator/handler/metrics).
#include "adapter/shadow/shadow_gauges.hpp"

namespace knsim::adapter {

namespace {

std::string find_name(const std::set<std::string>& names, const std::string& base) {
  if (names.count(base)) return base;
  const auto it = names.lower_bound(base + "_");
  if (it != names.end() && it->rfind(base + "_", 0) == 0) return *it;
  return "";
}

}  // namespace

ShadowMetricNames detect_shadow_metric_names(const std::set<std::string>& names) {
  ShadowMetricNames m;
  const bool otel = !find_name(names, "kn_revision_pods_desired").empty() ||
                    !find_name(names, "kn_revision_request_concurrency").empty();
  const bool oc = !find_name(names, "autoscaler_desired_pods").empty() ||
                  !find_name(names, "activator_request_concurrency").empty();
  if (otel) {
    m.set = "opentelemetry";
    m.desired = find_name(names, "kn_revision_pods_desired");
    m.panic = find_name(names, "kn_revision_panic_mode");
    m.ebc = find_name(names, "kn_revision_capacity_excess");
    m.stable = find_name(names, "kn_revision_concurrency_stable");
    m.panic_concurrency = find_name(names, "kn_revision_concurrency_panic");
    m.activator = find_name(names, "kn_revision_request_concurrency");
    m.namespace_label = "k8s_namespace_name";
    m.revision_label = "kn_revision_name";
  } else if (oc) {
    m.set = "opencensus";
    m.desired = find_name(names, "autoscaler_desired_pods");
    m.panic = find_name(names, "autoscaler_panic_mode");
    m.ebc = find_name(names, "autoscaler_excess_burst_capacity");
    m.stable = find_name(names, "autoscaler_stable_request_concurrency");
    m.panic_concurrency = find_name(names, "autoscaler_panic_request_concurrency");
    m.activator = find_name(names, "activator_request_concurrency");
    m.namespace_label = "namespace_name";
    m.revision_label = "revision_name";
  }
  return m;
}

std::map<std::string, RevisionGauges> read_gauges(PrometheusClient& prometheus, const ShadowMetricNames& names,
                                                  const std::string& ns, double time, bool activator_only) {
  std::map<std::string, RevisionGauges> out;
  const auto read = [&](const std::string& metric, std::optional<double> RevisionGauges::*field) {
    if (metric.empty()) return;
    // Summed per revision: the activator gauge has one series per activator pod; the autoscaler's
    // gauges one per autoscaler replica that owns the revision (normally one: max, not sum).
    const std::string agg = field == &RevisionGauges::activator ? "sum" : "max";
    const std::string q = agg + " by (" + names.namespace_label + ", " + names.revision_label + ") (" + metric + "{" +
                          names.namespace_label + "=\"" + ns + "\"})";
    for (const PromSeries& s : prometheus.query(q, time)) {
      const auto n = s.labels.find(names.namespace_label), r = s.labels.find(names.revision_label);
      if (n == s.labels.end() || r == s.labels.end() || s.points.empty()) continue;
      out[n->second + "/" + r->second].*field = s.points.back().second;
    }
  };
  read(names.activator, &RevisionGauges::activator);
  if (activator_only) return out;
  read(names.desired, &RevisionGauges::desired);
  read(names.panic, &RevisionGauges::panic);
  read(names.ebc, &RevisionGauges::ebc);
  read(names.stable, &RevisionGauges::stable);
  read(names.panic_concurrency, &RevisionGauges::panic_value);
  return out;
}

}  // namespace knsim::adapter
