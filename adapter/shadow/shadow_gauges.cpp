// See shadow_gauges.hpp. Names: docs/spec/adapter.md "The shadow's inputs" (Knative v1.18.0 and
// v1.19+ pkg/autoscaler/metrics, pkg/activator/handler/metrics).
#include "adapter/shadow/shadow_gauges.hpp"

namespace knsim::adapter {

std::map<std::string, RevisionGauges> read_gauges(PrometheusClient& prometheus, const KnativeMetricNames& names,
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
