#pragma once
// The simulated cluster's state: nodes, pods, requests, revisions, services and workloads.
// Plain structs owned by sim::Simulation; indices (int / std::uint32_t) instead of pointers so
// that ordering and iteration are deterministic.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"
#include "core/api/service.hpp"
#include "core/autoscaler/decider_spec.hpp"
#include "core/autoscaler/hpa_autoscaler.hpp"
#include "core/autoscaler/kpa_scaler.hpp"
#include "core/autoscaler/multiscaler_runner.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/dataplane/concurrency_reporter.hpp"
#include "core/dataplane/queue_proxy.hpp"
#include "core/dataplane/throttler.hpp"
#include "core/metrics/metric_collector.hpp"
#include "core/random/rng.hpp"
#include "core/serving/rollout.hpp"
#include "models/arrival_process.hpp"
#include "models/distribution.hpp"
#include "sim/time_integral.hpp"

namespace knsim::sim {

using core::Seconds;

struct Node {
  std::string name;
  simgrid::s4u::Host* host = nullptr;
  double cpu_cores = 0, cpu_allocated = 0;          // cores (requests)
  std::uint64_t memory = 0, memory_allocated = 0;   // bytes (requests)
  double speed = 1.0;                               // relative core speed
  bool up = true;
  std::set<std::string> images;                     // image cache
  std::vector<int> pods;                            // pods bound here (any live phase)
  double busy_area = 0;                             // core-seconds of CPU work started in the interval
  TimeIntegral up_seconds;                          // 1 while up: node_seconds
};

enum class PodPhase { kPending, kScheduled, kPulling, kStarting, kReady, kTerminating, kTerminated, kFailed };
const char* phase_name(PodPhase p);

struct Pod {
  std::string name;
  int revision = -1;
  int node = -1;
  PodPhase phase = PodPhase::kPending;
  Seconds created = 0, ready_at = -1, terminating_at = -1;
  std::uint64_t generation = 0;  // bumped on death: stale timers compare it
  // The pod's queue-proxy: core/dataplane's breaker (CC > 0: CC run, 10 x CC wait, then 503) and
  // its time-weighted stats (queued requests count). Its request ids are qp_id(request).
  core::dataplane::QueueProxy qp{0, 0.0};
  std::vector<std::uint32_t> in_flight;  // requests admitted (executing or queued), for failures
  int cpu_running = 0;                   // CPU phases running (a live Exec each)
  std::deque<std::uint32_t> cpu_waiting; // CPU phases waiting for a slot of the pod's CPU limit
  std::string ip;                        // deterministic, for the activator's ordering of pods
  bool waited_on = false;                // an activator request waited for this pod (cold start)
};

enum class ReqState : std::uint8_t { kFree, kActivatorQueue, kToPod, kPodQueue, kPodRejected, kExec, kWait, kDone };

struct Request {
  Seconds t0 = 0;          // client send time
  Seconds deadline = 0;    // client gives up
  double cpu = 0, wait = 0;
  int revision = -1;
  int pod = -1;
  std::uint64_t pod_generation = 0;
  std::uint32_t next_free = 0;
  std::uint32_t seq = 0;   // bumped on every reuse: stale timers compare it
  ReqState state = ReqState::kFree;
  bool via_activator = false;
  bool cold = false;       // waited in the activator for a pod
  bool activator_slot = false;  // holds a slot of its activator's throttler
  int activator = -1;           // the activator it went through (index into Revision::activators)
  simgrid::s4u::ExecPtr exec;
};

// The id a request has in its pod's queue-proxy and in the activator's throttler: the request
// slot and its reuse count, so that a reused slot is never mistaken for a request that timed out
// in a queue earlier. qp_slot gives the slot back.
inline core::dataplane::RequestId qp_id(std::uint32_t slot, std::uint32_t seq) {
  return (static_cast<core::dataplane::RequestId>(seq) << 32) | slot;
}

inline std::uint32_t qp_slot(core::dataplane::RequestId id) { return static_cast<std::uint32_t>(id & 0xffffffffu); }

// One activator pod's state for one revision (pkg/activator/net/throttler.go revisionThrottler and
// pkg/activator/handler/concurrency_reporter.go): core/dataplane's throttler (CC slots per assigned
// pod, load-balancing policy, FIFO queue; request ids are qp_id(request)) and its concurrency
// reporter (pod name "activator-i"; first-request poke, 1 s reports).
struct RevisionActivator {
  core::dataplane::RevisionThrottler throttler;
  core::dataplane::ConcurrencyReporter reporter;
  int subset_index = -1;      // position in the revision's activator subset, -1 when not in it
  std::int64_t requests = 0;  // requests that arrived at it in Proxy mode (tests, docs)

  RevisionActivator(std::int64_t container_concurrency, std::string pod_name)
      : throttler(container_concurrency), reporter(std::move(pod_name)) {}
};

struct Revision {
  std::string name, service, namespace_name;
  int service_index = -1;
  int stats_id = -1;  // reports::RequestStats id
  core::api::Revision api;
  core::config::RevisionAnnotations annotations;
  std::int64_t container_concurrency = 0;
  Seconds timeout = 300;
  double cpu_request = 0.1, cpu_limit = 0;  // cores (limit 0 = none)
  std::uint64_t memory_request = 0;
  std::string image;
  std::uint64_t image_size = 50ull << 20;
  bool hpa = false;
  bool deleted = false;
  bool ever_ready = false;  // revision Ready (first pod ready once)
  Seconds created = 0;
  // serving.knative.dev/routingState and its modified time (core/serving/routing_state; the GC's
  // last-active time).
  core::api::RoutingState routing_state = core::api::RoutingState::kPending;
  Seconds routing_state_modified = 0;

  // deployment
  std::int32_t replicas = 1;
  bool reconciling = false, reconcile_again = false;  // reconcile_deployment's re-entry guard
  std::vector<int> pods;       // live pods (not Terminated/Failed)
  std::vector<int> endpoints;  // ready pods, in readiness order
  std::uint32_t rr_next = 0;

  // autoscaling (core/)
  core::autoscaler::ResolvedAutoscaling resolved;
  std::unique_ptr<core::metrics::MetricCollector> collector;
  std::unique_ptr<core::autoscaler::MultiScalerRunner> runner;
  core::api::PodAutoscaler pa;
  core::api::ServerlessService sks;
  core::autoscaler::KpaScalerSettings scaler;
  core::autoscaler::ScaleResult last_result;
  std::uint64_t requeue_generation = 0;  // pending PA re-enqueue timer
  double cpu_area = 0;                   // CPU seconds started by its pods since the last HPA sync
  bool panic = false;
  Seconds next_tick = 0;
  std::unique_ptr<core::autoscaler::HpaAutoscaler> hpa_scaler;  // HPA class only

  // The activator pods' view of this revision, one entry per activator (cluster.activators),
  // index = activator number. Proxy-mode requests go to one of `activator_subset` (the SKS's public
  // endpoints: activator_subset() of sks.spec.num_activators activators, ascending indices).
  std::vector<RevisionActivator> activators;
  std::vector<int> activator_subset;

  // sampling
  std::int64_t interval_arrivals = 0;
  double conc_area = 0;  // integral of in-flight over the sample interval
  double in_flight = 0;
  Seconds conc_last = 0;
  double traffic_percent = 0;
  // Exact integrals over simulated time (summary.json's pod_seconds, panic_seconds, proxy_seconds),
  // advanced where the value changes: pods.size(), panic, effective mode == Proxy.
  TimeIntegral pod_seconds, panic_seconds, proxy_seconds;
};

struct RouteTarget {
  int revision = -1;
  double percent = 0;
  std::string tag;
};

// What a ServiceRt entry stands for: a Service (owns a Configuration and a Route), or a standalone
// Configuration (stamps revisions, routes nothing) or Route (routes, owns no revisions).
enum class ServingKind { kService, kConfiguration, kRoute };

struct ServiceRt {
  std::string name, namespace_name;
  ServingKind kind = ServingKind::kService;
  bool has_config() const { return kind != ServingKind::kRoute; }
  bool has_route() const { return kind != ServingKind::kConfiguration; }
  core::api::Service api;
  std::int64_t generation = 0;
  std::vector<int> revisions;        // in creation order
  std::vector<RouteTarget> targets;  // programmed traffic
  std::string latest_created, latest_ready;
  bool deleted = false;
  core::api::Configuration config;   // the Configuration the Service owns (core/serving)
  core::api::Route route;            // the Route the Service owns; status = programmed traffic
  std::optional<core::serving::Rollout> rollout;  // gradual rollout state between reconciles
  std::uint64_t rollout_generation = 0;           // pending rollout step timer
  std::set<std::string> referenced;  // revisions the programmed traffic references (routingState active)
};

struct Workload {
  std::string name;
  models::WorkloadSpec spec;
  int service = -1;
  std::unique_ptr<models::ArrivalProcess> process;
  core::Rng rng{1};
  models::Distribution cpu, wait;
  std::uint64_t epoch = 0;  // bumped by setArrivals to drop the old process's pending arrival
};

}  // namespace knsim::sim
