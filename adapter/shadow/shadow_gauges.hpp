#pragma once
// The Prometheus side of `knsim cluster shadow` (docs/spec/adapter.md "The shadow's inputs"): the
// real autoscaler's own gauges per revision, and the activator's concurrency that the shadow adds
// to its collector (the real autoscaler receives it over the activator's websocket, which an
// outside observer cannot tap). Both metric name sets (Knative <= 1.18 OpenCensus names, >= 1.19
// OpenTelemetry names) are detected from the names Prometheus has (one table for record and shadow:
// adapter/prometheus/knative_metric_names.hpp); a gauge a cluster does not export stays unset (null
// in shadow.jsonl).
#include <map>
#include <optional>
#include <string>

#include "adapter/prometheus/prometheus_client.hpp"

namespace knsim::adapter {

struct RevisionGauges {
  std::optional<double> desired, panic, ebc, stable, panic_value;
  std::optional<double> activator;   // the activator's in-flight requests for the revision (summed over activators)
};

// Instant queries at `time` for namespace `ns`; the key is "namespace/revision". With `activator_only`
// only the activator is read (every second; the gauges every decider tick).
std::map<std::string, RevisionGauges> read_gauges(PrometheusClient& prometheus, const KnativeMetricNames& names,
                                                  const std::string& ns, double time, bool activator_only);

}  // namespace knsim::adapter
