#pragma once
// Knative's metric names in Prometheus, both name sets in one table (docs/spec/adapter.md "The
// shadow's inputs", autoscaler gauges): `knsim cluster record` reads desired/actual pods, panic and
// the request count; `knsim cluster shadow` the decider's gauges and the activator's concurrency.
// Sources: Knative v1.18.0 pkg/autoscaler/metrics/metrics.go, pkg/reconciler/autoscaling/kpa/metrics.go,
// pkg/activator/handler/metrics.go (OpenCensus views, Prometheus names with the component prefix) and
// v1.19+ the same files' OpenTelemetry instruments (dots become '_'; the exporter may add a unit).
//
// Detection: the set whose names Prometheus has wins (OpenTelemetry is tried first: a cluster
// upgraded in place may still hold old series). A gauge is found under its exact name or as the first
// name that extends it with a suffix ("kn_revision_capacity_excess" -> "..._concurrency"); the
// request counter only exactly (a suffix could pick a histogram's _bucket series).
#include <set>
#include <string>

namespace knsim::adapter {

// The names this Prometheus has; "" for a metric it does not export.
struct KnativeMetricNames {
  std::string set;   // "opentelemetry" (Knative >= 1.19), "opencensus" (<= 1.18) or "" (none found)
  // Autoscaler (decider and KPA reconciler) gauges, per revision.
  std::string desired, actual, panic, ebc, stable, panic_concurrency;
  std::string activator;   // the activators' in-flight requests per revision (gauge)
  std::string requests;    // queue-proxy's request counter (rate() it)
  std::string namespace_label, revision_label, service_label;
};

// Picks the name set and resolves each metric against `names` (label __name__ values). A result
// with an empty `set` means Prometheus has no Knative autoscaler or activator metric at all.
KnativeMetricNames find_knative_metric_names(const std::set<std::string>& names);

// `knsim cluster record`'s choice: as find_knative_metric_names, but Prometheus must have the
// decider's desired-pods gauge; throws PrometheusError naming both names looked for otherwise.
KnativeMetricNames detect_metric_names(const std::set<std::string>& names);

}  // namespace knsim::adapter
