#pragma once
// The simulated Kubernetes cluster running Knative Serving, on SimGrid (docs/architecture.md "sim/").
//
// Design: nodes are SimGrid hosts; a request's CPU work is an actor-less SimGrid Exec on its pod's
// host (so contention with other requests and pods is real), everything else is a SimGrid kernel
// timer: arrivals, hops, non-CPU waits, pod phases and the control loops (stats every 1 s, the
// autoscaler tick every 2 s, reconcilers). Nothing runs in an actor: execs started from actor
// contexts are not auto-completed in SimGrid 3.32 (docs/toolchain.md pitfall 16), and the timers keep
// the whole run in one deterministic kernel context. Every Knative decision is the core's
// (core/autoscaler, core/metrics, core/config); this class only applies them.
//
// One Simulation per process (one SimGrid engine per process). Drive it with run_until(t) in
// slices; between slices sample() gives the time-series rows and events went to the sink.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/serving/traffic.hpp"
#include "reports/events.hpp"
#include "reports/request_stats.hpp"
#include "reports/run_summary.hpp"
#include "reports/time_series_store.hpp"
#include "sim/model.hpp"
#include "models/sim_input.hpp"

namespace knsim::sim {

// The simulator's input is built outside sim (manifests/sim_input_builder.hpp) or by tests.
using models::SimInput;

class Simulation {
 public:
  // Builds the platform (one host per node) and the initial services. Throws std::runtime_error
  // on input the validators should have caught (unknown service in a workload, bad trace...).
  Simulation(SimInput input, reports::EventSink* sink);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Advances simulated time to `t` (<= duration).
  void run_until(Seconds t);
  Seconds now() const;
  Seconds duration() const { return input_.scenario.duration; }

  // One sample per live revision and per node for the interval ending now (resets the interval).
  void sample(std::vector<reports::RevisionSample>& revs, std::vector<reports::NodeSample>& nodes);
  // Ends the run: requests still in flight fail as `unfinished`.
  void finish();

  const reports::RequestStats& stats() const { return stats_; }
  std::vector<std::string> revision_names() const;
  std::map<std::string, std::string> revision_services() const;
  std::vector<std::string> node_names() const;
  const SimInput& input() const { return input_; }
  std::int64_t arrivals() const { return stats_.total_arrivals(); }

  // Test access.
  const std::vector<Revision>& revisions() const { return revisions_; }
  const std::vector<Pod>& pods() const { return pods_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const Revision* find_revision(const std::string& name) const;
  // Per revision name: pod_seconds, panic_seconds, proxy_seconds integrated up to now.
  std::map<std::string, reports::RevisionIntegrals> revision_integrals() const;
  // Node-seconds of nodes up, integrated up to now.
  double node_seconds() const;

 private:
  friend struct SimAccess;
  // setup (simulation.cpp)
  void build_platform();
  void start_workloads();
  int route_entry(const std::string& ns, const std::string& name) const;
  bool applied_later(const std::string& ns, const std::string& name) const;
  void schedule_timeline();
  void emit(reports::EventData data);
  // Emits the request_failures events of the 1 s buckets ended before t (inclusive: at or before).
  void flush_failures(Seconds t, bool inclusive);
  // serving (serving.cpp): services, revisions, routes
  void apply_service(const core::api::Service& svc, const std::string& reason);
  void delete_service(const std::string& ns, const std::string& name);
  int create_revision(int service, const core::api::Revision& rev);
  void reconcile_configuration(int service);
  // standalone Configurations and Routes (routing.cpp)
  int find_entry(ServingKind kind, const std::string& ns, const std::string& name) const;
  void apply_standalone_configuration(const core::api::Configuration& cfg, const std::string& reason);
  void apply_standalone_route(const core::api::Route& route, const std::string& reason);
  void delete_object(ServingKind kind, const std::string& ns, const std::string& name);
  void reconcile_route(int service, const std::string& reason);
  void reconcile_routes_referring(int service, int rev, const std::string& reason);
  void program_route(int service, const core::serving::TrafficConfig& programmed, const std::string& reason);
  void update_reachability(const std::string& ns, const std::set<int>& revs);
  void delete_revision(int rev, const std::string& reason);
  // config-gc (revision_gc.cpp): core::serving::revisions_to_collect over the entry's revisions;
  // the ones it names are deleted. Run when a Configuration is reconciled or routing states change.
  void collect_revisions(int service);
  const core::api::Revision* lookup_revision(int service, const std::string& name) const;
  const core::api::Configuration* lookup_configuration(int service, const std::string& name) const;
  int revision_index(int service, const std::string& name) const;
  // request path (request_path.cpp)
  void schedule_next_arrival(int workload);
  void on_arrival(int workload, std::uint64_t epoch, const models::Arrival& a);
  int pick_revision(const ServiceRt& svc, std::string_view tag, core::Rng& rng) const;
  std::uint32_t alloc_request();
  void free_request(std::uint32_t id);
  // One RevisionActivator per activator pod and the initial subset (sks.spec.num_activators).
  void init_activators(Revision& r);
  std::vector<int> activator_subset_of(const Revision& r) const;
  void set_activator_subset(Revision& r, std::vector<int> subset);
  // A new request at the activator layer: picks one of the subset's activators (the activator rng,
  // only when the subset has more than one), then that activator's reporter and throttler.
  void activator_enqueue(int rev, std::uint32_t req);
  // The request (state kActivatorQueue, activator chosen) asks its activator's throttler for a slot.
  void activator_try(std::uint32_t req);
  // Sends the requests the throttler just placed (dispatched.request is a qp_id) to their pods.
  void activator_send(int rev, const std::vector<core::dataplane::Dispatch>& dispatched);
  // The revision's ready pods changed: every activator's trackers and capacity follow.
  void activator_backends_changed(int rev);
  // Recomputes the revision's activator subset from sks.spec.num_activators; when it changed,
  // every activator gets its new index and the subset size (update_backends).
  void activator_subset_changed(int rev);
  void activator_update(int rev, std::size_t activator);
  // A request holding a throttler slot on `pod` leaves it; queued requests may start.
  void activator_release(std::uint32_t req, int pod);
  void send_to_pod(std::uint32_t req, int pod, Seconds delay);
  void pod_admit(std::uint32_t req, int pod);
  // CPU phase (pod_cpu.cpp): Execs under the pod's CPU limit
  void start_exec(std::uint32_t req);
  void run_cpu(std::uint32_t req);
  void leave_pod_cpu(std::uint32_t req, bool was_running);
  void on_exec_done(std::uint32_t req);
  void complete(std::uint32_t req);
  void release_from_pod(std::uint32_t req);
  void fail(std::uint32_t req, reports::FailureReason reason);
  void revision_in_flight(Revision& r, double delta);
  // The request's deadline passed (a timed event per request, set at arrival): answered now.
  void on_deadline(std::uint32_t req, std::uint32_t seq);
  // The request enters the revision (workload arrival or eventing delivery): deadline timer, stats,
  // then the activator (Proxy mode or no endpoint) or a ready pod.
  void admit_request(int rev, std::uint32_t req);
  // The revision's pod count, panic or mode may have changed: its time integrals follow (a
  // deleted revision without pods stops counting, as it stops being sampled).
  void revision_integrals(Revision& r);
  // cluster (kubelet.cpp): scheduler, pod lifecycle, deployments, nodes
  void reconcile_deployment(int rev);
  void reconcile_deployment_pass(int rev);
  int create_pod(int rev);
  void try_schedule(int pod);
  void retry_pending();
  void advance_pod(int pod, std::uint64_t gen);
  void set_phase(int pod, PodPhase to, const std::string& reason);
  void pod_ready(int pod);
  void terminate_pod(int pod, const std::string& reason);
  void maybe_finish_termination(int pod);
  void release_pod_resources(int pod);
  void fail_node(const std::string& node);
  void recover_node(const std::string& node);
  // autoscaling (autoscaling.cpp)
  void init_autoscaling(int rev);
  void stats_loop();
  void report_and_scrape(int rev, Seconds now);
  void activator_report(int rev, Seconds now);
  void record_activator_stat(int rev, const core::metrics::Stat& s);
  void decider_tick(int rev, Seconds now, const char* why);
  void reconcile_pa(int rev, Seconds now, std::int32_t desired);
  void hpa_tick(int rev, Seconds now);
  void set_mode(int rev, core::api::SksMode mode, const std::string& reason);
  int ready_count(const Revision& r) const { return static_cast<int>(r.endpoints.size()); }

  SimInput input_;
  reports::EventSink* sink_;
  std::unique_ptr<simgrid::s4u::Engine> engine_;
  reports::RequestStats stats_;
  std::vector<Node> nodes_;
  std::vector<Pod> pods_;
  std::vector<int> pending_pods_;  // unschedulable, retried when resources free
  std::vector<Request> requests_;
  std::uint32_t free_head_ = 0;    // 0 = none (request ids start at 1)
  std::vector<Revision> revisions_;
  std::vector<ServiceRt> services_;
  std::vector<Workload> workloads_;
  std::vector<simgrid::s4u::ExecPtr> graveyard_;  // cancelled execs, released between slices
  models::TraceCache traces_;
  core::Rng route_rng_, scheduler_rng_, kubelet_rng_, scrape_rng_, activator_rng_;
  std::vector<std::string> activator_names_;  // "activator-0" .. "activator-N-1" (cluster.activators)
  models::Distribution scheduling_, container_start_;
  // Request failures of the current 1 s bucket, "rev\treason" -> count (request_failures events).
  static constexpr Seconds kFailureBucket = 1.0;
  std::map<std::string, int> failures_in_bucket_;
  Seconds failures_bucket_end_ = kFailureBucket;
  Seconds last_sample_ = 0;
  bool finished_ = false;
  bool instant_ = false;  // initial manifests: pods are Ready at t = 0 (applied before the run)
};

}  // namespace knsim::sim
