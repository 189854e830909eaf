#pragma once
// `knsim cluster record`: reads a time window of Knative's metrics from Prometheus (query_range)
// and writes, next to an import of the cluster's setup (cluster_import.hpp):
//  - traces/NAMESPACE-REVISION.csv per revision: the recorded request rate as request timestamps
//    (knsim's csv trace format, column `timestamp` in seconds from the window's start);
//  - observed.csv: t_s,revision,desired_pods,actual_pods,panic,requests_per_s (empty = no sample);
//  - scenario.yaml: the import's Scenario plus one workload per revision replaying its trace, the
//    window's length as duration and the ready pods at the window's start as the starting state.
// Both metric name sets (Knative <= 1.18 and >= 1.19) are detected from what Prometheus has.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "adapter/cluster/cluster_import.hpp"
#include "adapter/prometheus/prometheus_client.hpp"

namespace knsim::adapter {

struct RecordOptions {
  std::vector<std::string> namespaces;   // empty: every namespace
  double start = 0, end = 0, step = 10;  // Unix seconds, seconds
};

struct RecordedRevision {
  std::string namespace_name, name, service;
  // One value per step time (NaN: no sample).
  std::vector<double> desired, actual, panic, requests_per_s;
};

struct Recording {
  KnativeMetricNames names;
  RecordOptions window;
  std::vector<double> times;                        // Unix seconds, start + k * step
  std::map<std::string, RecordedRevision> revisions;   // "namespace/revision"
};

Recording record_metrics(PrometheusClient& prometheus, const RecordOptions& options);

// Request timestamps (seconds from the window's start) for per-step rates: each step's expected
// count r * step is carried over so totals are exact, the n requests of a step evenly spaced.
// Example: step 10 s, rates 0.25, 0.25 /s -> 2.5 then 2.5 expected: 2 requests at 2.5 s and
// 7.5 s, then 3 at 11.67, 15 and 18.33 s (carry 0.5 + 2.5 = 3).
std::vector<double> request_times(const std::vector<double>& rates, double step);

// Writes the folder: the import (with workloads, duration, starting pods) plus traces and observed.csv.
void write_recording(const Recording& recording, ImportedCluster cluster, const std::filesystem::path& dir);

}  // namespace knsim::adapter
