#pragma once
// The data path: requests from the ingress to a revision's pods and back. One `submit` for every
// sender (workloads and eventing alike): the route's traffic split picks a revision, then the
// activators (Proxy mode or no ready pod) or a ready pod, the pod's queue-proxy breaker and the
// user container (CPU on its node's cores, then non-CPU wait), then the answer, which goes to the
// request's own completion callback. It owns the requests, each pod's queue-proxy and CPU slots,
// each revision's activators (throttler + concurrency reporter per activator pod) and the request
// statistics. It reads the cluster (pods, ready endpoints, nodes) and hands the activators' Stats
// to a listener (the revision's control loops). Files: request_path.cpp, activators.cpp,
// pod_cpu.cpp.
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/serverless_service.hpp"
#include "core/autoscaler/scale_target.hpp"
#include "core/dataplane/concurrency_reporter.hpp"
#include "core/dataplane/dial_backoff.hpp"
#include "core/dataplane/queue_proxy.hpp"
#include "core/dataplane/throttler.hpp"
#include "core/metrics/stat.hpp"
#include "core/random/rng.hpp"
#include "reports/request_stats.hpp"
#include "sim/cluster.hpp"
#include "sim/deadline_queue.hpp"
#include "sim/run_events.hpp"
#include "sim/shared_cpu.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

// The answer a sender gets: an HTTP status (200, 503 overflow, 504 timeout, 404 no route, 502
// otherwise), called from a timer when the answer reaches the sender.
using Completion = std::function<void(int status)>;

// A request's work in the user container, drawn once it was routed to a revision.
struct RequestWork {
  double cpu = 0;   // CPU seconds (speed-1.0 core)
  double wait = 0;  // non-CPU seconds after the CPU phase
};

// One request reaching the ingress now.
struct RequestSpec {
  int route = -1;               // the Route (a Serving entry) it is sent to; -1: none exists
  std::string_view tag;         // tag URL, "" for the Route's main URL
  core::Rng* split_rng = nullptr;  // draws the revision of a traffic split
  Seconds sent = 0;             // client send time (latencies and deadlines count from it)
  // The client's timeout (a workload's `request.timeout`, an eventing delivery's timeout). The
  // revision's timeoutSeconds bounds it: past timeoutSeconds queue-proxy answers 504 whatever the
  // client would wait (pkg/queue/sharedmain/handlers.go, docs/spec/serving.md).
  std::optional<Seconds> timeout;
};

// Picks the revision a Route sends a request to (Serving implements it).
class Router {
 public:
  virtual ~Router() = default;
  virtual std::optional<RevisionId> pick_revision(int route, std::string_view tag, core::Rng& rng) const = 0;
};

// No pod: activator_release with it frees the activator's breaker slot but no pod tracker.
constexpr int kNoPod = -1;

enum class ReqState : std::uint8_t { kFree, kActivatorQueue, kToPod, kPodQueue, kPodRejected, kExec, kWait, kDone };

struct Request {
  Seconds t0 = 0;          // client send time
  Seconds deadline = 0;    // answered 504 then
  double cpu = 0, wait = 0;
  RevisionId revision;
  int pod = -1;            // PodId value (a pod slot), -1 none
  std::uint64_t pod_generation = 0;  // of that pod when the request was sent: differs once the pod ended
  std::uint32_t pod_serial = 0;      // of that pod: differs once its slot holds a later pod
  std::uint32_t next_free = 0;
  std::uint32_t seq = 0;   // bumped on every reuse: stale timers compare it
  ReqState state = ReqState::kFree;
  bool via_activator = false;
  bool cold = false;       // waited in the activator for a pod
  bool activator_slot = false;  // holds a slot of its activator's throttler
  int activator = -1;           // the activator it went through (index into RevisionTraffic::activators)
  // Its CPU phase (sim/pod_cpu.cpp): the node it runs on (-1 none running), its cap in flop/s
  // (one core, or the pod's CPU-limit slot), and either, while its node has room, its end time and
  // index in NodeCpu::fast (-1 otherwise), or that it runs in its node's SharedCpu.
  int cpu_node = -1;
  double cpu_rate = 0;
  Seconds cpu_end = 0;
  std::int32_t cpu_fast_index = -1;
  bool cpu_shared = false;
  EventId phase_end;       // the timed end of its fast CPU phase or of its wait: cancelled if it fails first
  Completion done;         // the sender's callback (none for workloads)
};

// The id a request has in its pod's queue-proxy and in the activator's throttler: the request
// slot and its reuse count, so that a reused slot is never mistaken for a request that timed out
// in a queue earlier. qp_slot gives the slot back.
inline core::dataplane::RequestId qp_id(std::uint32_t slot, std::uint32_t seq) {
  return (static_cast<core::dataplane::RequestId>(seq) << 32) | slot;
}
inline std::uint32_t qp_slot(core::dataplane::RequestId id) { return static_cast<std::uint32_t>(id & 0xffffffffu); }

// A pod's data-path side: its queue-proxy (core/dataplane's breaker: CC run, 10 x CC wait, then
// 503; time-weighted stats) and the CPU slots of its user container.
// 64-byte aligned: the queue-proxy's request statistics, read for every Ready pod each second,
// are its first cache line.
struct alignas(64) PodProxy {
  core::dataplane::QueueProxy qp{0, 0.0};
  std::vector<std::uint32_t> in_flight;  // requests admitted (executing or queued), for failures
  int cpu_running = 0;                   // CPU phases running
  std::deque<std::uint32_t> cpu_waiting; // CPU phases waiting for a slot of the pod's CPU limit
  bool waited_on = false;                // an activator request waited for this pod (cold start)
  double cpu_area = 0;                   // CPU seconds it started since the HPA last asked
};

// The CPU phases running on one node (sim/pod_cpu.cpp). Invariant: while `fast` is not empty, the
// rates of all phases on the node add up to at most its capacity, so each runs at its own rate
// and its end time is known when it starts.
struct NodeCpu {
  double rate_sum = 0;               // flop/s: the caps of the phases running (fast and shared)
  int phases = 0;                    // how many run
  std::vector<std::uint32_t> fast;   // request ids of the phases whose end was known at their start
  std::unique_ptr<SharedCpu> shared; // the phases sharing the node (since it first saturated)
  double shared_armed_at = std::numeric_limits<double>::infinity();  // its pending end event
  std::uint64_t shared_generation = 0;                                // ... and that event's number
};

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

// What the data path knows of a revision.
struct RevisionTraffic {
  std::string name, namespace_name;
  std::string service;  // reported as its service (a Service's or a standalone Configuration's name)
  int stats_id = -1;  // reports::RequestStats id
  std::int64_t container_concurrency = 0;
  Seconds timeout = 300;  // timeoutSeconds
  double cpu_limit = 0;   // cores, 0 = none
  // Set by the control loops (ScaleTargetWriter): the SKS's effective mode and numActivators.
  core::api::SksMode mode = core::api::SksMode::kProxy;
  std::int32_t num_activators = core::api::ServerlessServiceSpec{}.num_activators;
  // One RevisionActivator per activator pod (cluster.activators), index = activator number.
  // Proxy-mode requests go to one of `activator_subset` (the SKS's public endpoints:
  // activator_subset() of num_activators activators, ascending indices).
  std::vector<RevisionActivator> activators;
  std::vector<int> activator_subset;
  double cpu_area = 0;  // CPU seconds started by its pods since the HPA last asked
  // sampling
  std::int64_t interval_arrivals = 0;
  double conc_area = 0;  // integral of in-flight over the sample interval
  double in_flight = 0;
  Seconds conc_last = 0;
};

// The activator pods' Stats go to the revision's control loops.
class DataPathListener {
 public:
  virtual ~DataPathListener() = default;
  virtual void activator_stat(RevisionId rev, const core::metrics::Stat& stat) = 0;
};

class DataPath {
 public:
  DataPath(const models::ClusterSpec& spec, std::uint64_t seed, Cluster& cluster, const Router& router,
           RunEvents& events, DataPathListener& listener);

  // A request reaches the ingress now. `work` is drawn once it is routed to a revision (not when
  // no revision serves the route); `done`, if any, gets the answer.
  void submit(const RequestSpec& spec, const std::function<RequestWork()>& work, Completion done);

  // Revision `rev` (ids dense, like the cluster's Deployments) and its activators.
  void add_revision(RevisionId rev, RevisionTraffic traffic);
  // Its Revision was deleted: requests queued in its activators fail (no_route).
  void delete_revision(RevisionId rev);
  void set_mode(RevisionId rev, core::api::SksMode mode) { traffic_[rev.value].mode = mode; }
  // numActivators changed: the activator subset and every activator's slice follow.
  void set_num_activators(RevisionId rev, std::int32_t n);

  // Cluster changes (through the Simulation): see ClusterListener.
  void pod_created(PodId pod);
  void backends_changed(RevisionId rev);
  bool pod_has_requests(PodId pod) const { return !proxies_[pod.value].in_flight.empty(); }
  void pod_grace_over(PodId pod);
  std::int64_t pod_lost(PodId pod);
  // Activator pod `ai` (the cluster's): it died (its requests fail with `reason`; its throttlers
  // and reporters start empty when it is back), or it entered / left the activator Service's
  // endpoints (the revisions' activator subsets are recomputed over the ready ones).
  void activator_lost(std::size_t ai, reports::FailureReason reason);
  void set_activator_ready(std::size_t ai, bool ready);

  // Reads for the control loops and sampling.
  // (`out` is replaced; see core::autoscaler::ScaleTargetReader)
  void ready_pod_stats(RevisionId rev, Seconds now, std::vector<core::metrics::Stat>& out);
  bool activator_report(RevisionId rev, std::size_t activator, Seconds now, core::metrics::Stat& out);
  double take_cpu_seconds(RevisionId rev);
  double take_pod_cpu_seconds(PodId pod);
  std::size_t activator_count() const { return activator_names_.size(); }
  RevisionTraffic& traffic(RevisionId rev) { return traffic_[rev.value]; }
  const RevisionTraffic& traffic(RevisionId rev) const { return traffic_[rev.value]; }
  std::size_t revision_count() const { return traffic_.size(); }
  const PodProxy& proxy(PodId pod) const { return proxies_[pod.value]; }
  reports::RequestStats& stats() { return stats_; }
  core::Rng& route_rng() { return route_rng_; }  // eventing's traffic split draws (as before the split)
  const reports::RequestStats& stats() const { return stats_; }
  // In-flight requests of the revision change by `delta` now (0: brings conc_area up to now).
  void revision_in_flight(RevisionTraffic& r, double delta);
  // The end of the run: requests still in flight fail as `unfinished`.
  void finish();

 private:
  Seconds now() const;
  std::uint32_t alloc_request();
  void free_request(std::uint32_t id);
  void admit_request(RevisionId rev, std::uint32_t id);
  bool in_flight(std::uint32_t id, std::uint32_t seq) const;  // request slot `id` still holds that request
  // Request `q` goes to pod slot `pod` (its generation and serial are remembered).
  void bind_pod(Request& q, int pod);
  // activators (activators.cpp)
  std::vector<int> activator_subset_of(const RevisionTraffic& r) const;
  void set_activator_subset(RevisionTraffic& r, std::vector<int> subset);
  void activator_enqueue(RevisionId rev, std::uint32_t id);
  void activator_try(std::uint32_t id);
  void activator_send(RevisionId rev, const std::vector<core::dataplane::Dispatch>& dispatched);
  void activator_send_one(RevisionId rev, const core::dataplane::Dispatch& dispatched);
  void activator_update(RevisionId rev, std::size_t activator);
  void activator_release(std::uint32_t id, int pod);
  // pods (request_path.cpp)
  void send_to_pod(std::uint32_t id, int pod, Seconds delay);
  void pod_admit(std::uint32_t id, int pod);
  void complete(std::uint32_t id);
  void release_from_pod(std::uint32_t id);
  void fail(std::uint32_t id, reports::FailureReason reason);
  // Answers the sender, `delay` seconds from now.
  void answer(Request& q, int status, Seconds delay);
  // CPU (pod_cpu.cpp)
  void start_exec(std::uint32_t id);
  void run_cpu(std::uint32_t id);
  void saturate_node(NodeCpu& nc);
  void arm_shared(int node);
  void shared_due(int node, std::uint64_t generation);
  void cpu_phase_ended(std::uint32_t id);
  void release_node_cpu(std::uint32_t id);
  void leave_pod_cpu(std::uint32_t id, bool was_running);

  Seconds hop_latency_;
  Cluster& cluster_;
  const Router& router_;
  RunEvents& events_;
  DataPathListener& listener_;
  reports::RequestStats stats_;
  std::vector<Request> requests_;
  std::uint32_t free_head_ = 0;  // 0 = none (request ids start at 1)
  std::vector<PodProxy> proxies_;        // by PodId
  std::vector<NodeCpu> node_cpu_;        // by node index
  DeadlineQueue deadlines_{[this](std::uint32_t id, std::uint32_t seq) { return in_flight(id, seq); },
                           [this](std::uint32_t id, std::uint32_t) { fail(id, reports::FailureReason::kTimeout); }};
  std::vector<RevisionTraffic> traffic_;  // by RevisionId
  core::Rng route_rng_, activator_rng_;
  core::Rng dial_rng_;                   // the activator's dial backoff jitter (a dead node's pods)
  // Per activator pod: in the activator Service's endpoints; its process is up (else requests the
  // ingress still sends it fail at once with `activator_down_reason_`).
  std::vector<char> activator_ready_, activator_alive_;
  std::vector<reports::FailureReason> activator_down_reason_;
  core::dataplane::DialBackoff dial_backoff_;
  std::vector<std::string> activator_names_;  // "activator-0" .. "activator-N-1" (cluster.activators)
  bool finished_ = false;
};

// HTTP status a sender sees for a failed request: 503 overflow, 504 timeout (core/dataplane/
// timeouts) or unfinished, 404 no route, 502 otherwise.
int failure_status(reports::FailureReason reason);

}  // namespace knsim::sim
