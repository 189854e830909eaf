#pragma once
// The Scenario document (docs/spec/scenario.md) as typed data: the cluster, the load, the timeline
// and how long to run. manifests/ fills it from YAML (with file/line for every error); sim/ plays
// it; the GUI edits it. Field names follow the YAML keys in snake_case.
//
// Defaults here are the documented defaults of scenarios/README.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/api/source_ref.hpp"
#include "core/kubernetes/control_plane.hpp"
#include "core/kubernetes/node_lifecycle.hpp"
#include "core/kubernetes/pod_drain.hpp"
#include "core/kubernetes/readiness_probe.hpp"
#include "core/time/time.hpp"

namespace knsim::models {

using core::Seconds;

// Where a value came from, for error messages raised after parsing ("hello.yaml:14").
using SourceRef = core::api::SourceRef;  // file and line an entry came from

// A distribution of durations (seconds). A plain duration in YAML is a constant.
struct DistributionSpec {
  enum class Kind { kConstant, kExponential, kLognormal, kUniform, kEmpirical };
  Kind kind = Kind::kConstant;
  Seconds constant = 0;     // kConstant
  Seconds mean = 0;         // kExponential
  Seconds median = 0;       // kLognormal
  Seconds p99 = 0;          // kLognormal
  Seconds min = 0, max = 0; // kUniform
  // kEmpirical: p0, p25, p50, p75, p99, p100 (piecewise-linear inverse CDF through these points)
  std::vector<std::pair<double, Seconds>> quantiles;

  static DistributionSpec constant_of(Seconds s) {
    DistributionSpec d;
    d.constant = s;
    return d;
  }
};

// One step of a `steps` arrival process: from `at` on, Poisson with `rate` requests/s.
struct RateStep {
  Seconds at = 0;
  double rate = 0;
};

enum class TraceFormat { kAzure2021, kAzure2019, kCsv, kJsonl };
enum class MinuteSpread { kPoisson, kUniform, kBurst };  // azure2019: spreading per-minute counts

struct TraceSpec {
  TraceFormat format = TraceFormat::kCsv;
  std::string file;               // resolved against the scenario file that names it
  std::string app;                // azure2021 filter (empty = all)
  std::string function;           // azure2021 / azure2019 filter (empty = all)
  std::string durations;          // azure2019 durations file (optional)
  MinuteSpread spread = MinuteSpread::kPoisson;
  double scale = 1.0;             // load multiplier (documented in models/ trace readers)
  bool loop = false;              // replay again from the start when the trace ends
};

// Exactly one arrival process.
struct ArrivalSpec {
  enum class Kind { kPoisson, kConstant, kSteps, kRamp, kSinusoid, kTrace };
  Kind kind = Kind::kPoisson;
  double rate = 0;                // kPoisson, kConstant: requests/s
  std::vector<RateStep> steps;    // kSteps
  double from = 0, to = 0;        // kRamp: requests/s
  Seconds over = 0;               // kRamp
  double mean = 0, amplitude = 0; // kSinusoid: requests/s
  Seconds period = 0;             // kSinusoid
  TraceSpec trace;                // kTrace
};

struct RequestSpec {
  DistributionSpec cpu = DistributionSpec::constant_of(0.020);   // CPU seconds on a speed-1.0 core
  DistributionSpec wait = DistributionSpec::constant_of(0.030);  // non-CPU seconds
  bool cpu_set = false, wait_set = false;  // false: a trace's duration may supply `wait`
  std::optional<Seconds> timeout;          // client timeout; default: the revision timeout
};

struct WorkloadSpec {
  std::string name;               // default: the service name
  std::string service;            // a ksvc in the scenario (required)
  std::string namespace_name = "default";
  std::string tag;                // empty: the main route URL; else the tag's URL
  ArrivalSpec arrivals;           // required
  RequestSpec request;
  std::uint64_t image_size_bytes = 50ull << 20;  // 50MiB
  SourceRef where;
};

struct NodePoolSpec {
  std::string name = "worker";
  int count = 1;
  double cpu = 8;                           // cores
  std::uint64_t memory_bytes = 32ull << 30; // 32Gi
  double speed = 1.0;                       // relative core speed
};

struct PodStartupSpec {
  DistributionSpec scheduling = DistributionSpec::constant_of(0.020);
  double image_pull_bandwidth = 100.0 * (1 << 20);  // bytes/s (100MiB/s)
  DistributionSpec container_start = [] {
    DistributionSpec d;
    d.kind = DistributionSpec::Kind::kLognormal;
    d.median = 0.8;
    d.p99 = 2.0;
    return d;
  }();
  Seconds readiness_period = 1.0;  // queue-proxy readiness probe period
  // podStartup.readinessProbe (docs/spec/scenario.md): Knative's probing of a new pod. YAML
  // `readinessPeriod: D` is the same as `readinessProbe: {periodSeconds: D}`.
  core::kubernetes::ReadinessProbeSettings readiness_probe;
};

// The activator Deployment's pods (cluster.activatorPods): Knative's config/core/deployments/
// activator.yaml requests 300m CPU and 60Mi memory per activator. Each is placed on a node like
// any pod and holds these requests there; it fails with its node and is replaced as a
// Deployment's pod is. Its capacity is config-autoscaler's activator-capacity.
struct ActivatorPodSpec {
  double cpu = 0.3;                         // cores requested
  std::uint64_t memory_bytes = 60ull << 20; // 60Mi requested
};

struct ClusterSpec {
  std::vector<NodePoolSpec> node_pools;  // at least one
  Seconds hop_latency = 0.0005;          // one in-cluster network hop
  PodStartupSpec pod_startup;
  // Activator pods (activator-0 .. activator-N-1), always ready. A revision in Proxy mode is
  // fronted by a subset of sks.spec.numActivators of them (docs/sim.md "Activators").
  int activators = 1;
  ActivatorPodSpec activator_pods;
  // Kubernetes' defaults around Knative (docs/spec/kubernetes.md), each a scenario setting:
  core::kubernetes::NodeLifecycleSettings node_lifecycle;  // cluster.nodeLifecycle
  core::kubernetes::DrainSettings pod_termination;         // cluster.podTermination
  core::kubernetes::ControlPlaneSettings control_plane;    // cluster.controlPlane
};

// A timeline action. `apply` holds the manifest documents to apply (already loaded from a file
// or inline), as raw YAML text plus where they came from; manifests/ parses them.
struct TimelineAction {
  enum class Kind { kApply, kDelete, kFailNode, kRecoverNode, kSetArrivals, kFailActivator };
  Seconds at = 0;
  Kind kind = Kind::kApply;
  std::string apply_yaml;       // kApply: one or more YAML documents
  std::string apply_source;     // kApply: the file it came from (or "<inline>")
  std::string delete_kind, delete_name, delete_namespace = "default";  // kDelete
  std::string node;             // kFailNode, kRecoverNode; kFailActivator: the activator pod's name
  std::string workload;         // kSetArrivals
  ArrivalSpec arrivals;         // kSetArrivals
  SourceRef where;
};

// --- The `spec.eventing` section (scenarios/README.md "Eventing: producers and subscribers"):
// event producers (workloads POSTing CloudEvents to a Broker or Channel) and the behaviour of
// subscribers.
struct EventProducerSpec {
  std::string name;                 // required, unique
  std::string namespace_name = "default";
  std::string broker;               // exactly one of broker / channel
  std::string channel;              // an InMemoryChannel name
  std::string type;                 // CloudEvent type (required)
  std::string source = "knsim/producer";  // CloudEvent source
  std::map<std::string, std::string> extensions;  // extension attributes (string values)
  std::uint64_t size_bytes = 1024;  // data size
  ArrivalSpec arrivals;             // required: rate or trace
  SourceRef where;
};

// How a destination answers. For a `uri` destination it is the whole model (latency, then the
// status); for a Knative Service (`service`) the request goes through the Route and the pods with
// `request` cpu/wait, then `status` is drawn when it succeeded (default 200).
struct SubscriberBehaviourSpec {
  std::string uri;                  // exactly one of uri / service
  std::string service;              // a ksvc name (namespace `namespace_name`)
  std::string namespace_name = "default";
  std::vector<std::pair<int, double>> status;  // (code, probability), sums to 1; empty = always 200
  DistributionSpec latency = DistributionSpec::constant_of(0.001);  // uri only
  DistributionSpec cpu = DistributionSpec::constant_of(0.020);      // service only
  DistributionSpec wait = DistributionSpec::constant_of(0.030);     // service only
  double reply_probability = 0;     // a 2xx answer carries a reply event with this probability
  std::string reply_type;           // the reply's CloudEvent type (required when reply_probability > 0)
  std::optional<Seconds> retry_after;  // whole seconds >= 0: sent as `Retry-After: <n>` with 429 and 503 answers
  SourceRef where;
};

struct EventingScenarioSpec {
  std::vector<EventProducerSpec> producers;
  std::vector<SubscriberBehaviourSpec> subscribers;
  std::string start_time = "2026-01-01T00:00:00Z";  // wall-clock time of t = 0 (cron schedules)
  double start_unix = 1767225600;                    // the same, Unix seconds
};

struct ScenarioSpec {
  std::string name = "scenario";
  Seconds duration = 0;         // required, > 0
  std::uint64_t seed = 1;
  Seconds sample_interval = 1.0;
  ClusterSpec cluster;
  std::vector<WorkloadSpec> workloads;
  std::vector<TimelineAction> timeline;  // sorted by `at`, stable
  EventingScenarioSpec eventing;
  // metadata.annotations knsim.dev/starting-pods ("<namespace>/<revision>" -> Ready pods): an
  // imported cluster's running revisions, which start with that many Ready pods at t = 0.
  std::map<std::string, std::int32_t> starting_pods;
  SourceRef where;
};

inline constexpr const char* kStartingPodsAnnotation = "knsim.dev/starting-pods";

}  // namespace knsim::models
