#pragma once
// Bounds on scenario input that Knative itself does not have, but without which input that validates
// could run for days or exhaust memory. Each is reported by `knsim validate` as an error naming the
// limit (docs/input-safety.md explains each). Chosen so the shipped scenarios and the documented
// workloads (100 Services over a week, 1,000 requests/s per Service) are far inside them.

namespace knsim::manifests {

// spec.duration: at most 90 days of simulated time.
constexpr double kMaxDurationSeconds = 90.0 * 86400;
// spec.sampleInterval: at least 100 ms (the finest thing Knative does is the 1 s scrape) ...
constexpr double kMinSampleIntervalSeconds = 0.1;
// ... and at most 1,000,000 samples per revision and node over the run (duration / sampleInterval):
// `knsim run` streams the samples to timeseries.csv (reports/run_recorder) and keeps only a thinned
// copy for report.html, but the GUI holds every sample of the series it plots.
constexpr double kMaxSamplesPerSeries = 1e6;
// All node pools together: memory is linear in the nodes (about 1.6 KB each, docs/performance.md;
// 100,000 nodes take about 200 MB), and the scheduler scores every node per pod.
constexpr long kMaxNodes = 100000;
// A request or event rate (poisson, constant, steps, ramp, sine, ContainerSource): 100,000 per
// second per workload, about a fifth of a wall second per simulated second of one Service.
constexpr double kMaxRatePerSecond = 1e5;
// A trace's `scale` multiplies its rate: at most 1,000.
constexpr double kMaxTraceScale = 1000;
// min-scale and initial-scale (annotations and config-autoscaler): pods knsim starts for one revision.
constexpr long kMaxPodsPerRevision = 10000;

}  // namespace knsim::manifests

namespace knsim::manifests {

// Kubernetes settings of spec.cluster (nodeLifecycle, podTermination, readinessProbe,
// controlPlane): a duration of at most one hour (Kubernetes' own defaults are 50 ms to 300 s)...
constexpr double kMaxClusterSettingSeconds = 3600;
// ... a toleration of at most 90 days (the longest run; a longer one never evicts within a run) ...
constexpr double kMaxTolerationSeconds = 90.0 * 86400;
// ... and a control-plane queue rate of at most 1,000,000 items/s (beyond it the queue never limits).
constexpr double kMaxControlPlaneRate = 1e6;

}  // namespace knsim::manifests
