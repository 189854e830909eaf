#pragma once
// The simulated Kubernetes cluster running Knative Serving, on SimGrid (docs/sim.md).
//
// A composition root over parts that own their state:
// - Cluster (sim/cluster.hpp): nodes, scheduler, kubelet, pods, Deployments, node failure;
// - DataPath (sim/data_path.hpp): requests (one submit for workloads and eventing), activators,
//   queue-proxies, pod CPU, request statistics;
// - RevisionControl (sim/revision_control.hpp): the control loops on core (scraper, decider tick,
//   KPA/SKS reconcile, HPA), reading the cluster through core::autoscaler::ScaleTargetReader and
//   acting through ScaleTargetWriter (core/autoscaler/scale_target.hpp), which this class
//   implements over the cluster and the data path;
// - Serving (sim/serving.hpp): Services, Configurations, Revisions, Routes, routing states, GC.
// The Simulation itself owns the SimGrid engine, the workloads, the timeline, the time integrals
// and sampling, and wires the parts' notifications (ClusterListener, DataPathListener).
//
// Nodes are SimGrid hosts; a request's CPU work runs on its pod's host (sim/pod_cpu.cpp, shared by
// max-min fairness when the node saturates: sim/shared_cpu.hpp); everything is a timed event
// (sim/timers.hpp): no actors, no SimGrid activity. One Simulation per process (one SimGrid engine
// per process). Drive it with run_until(t) in slices; between slices sample() gives the time-series
// rows and events went to the sink.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/autoscaler/scale_target.hpp"
#include "models/arrival_process.hpp"
#include "models/distribution.hpp"
#include "models/sim_input.hpp"
#include "reports/events.hpp"
#include "reports/request_stats.hpp"
#include "reports/run_summary.hpp"
#include "reports/time_series_store.hpp"
#include "sim/cluster.hpp"
#include "sim/data_path.hpp"
#include "sim/revision_control.hpp"
#include "sim/run_events.hpp"
#include "sim/serving.hpp"
#include "sim/time_integral.hpp"

namespace knsim::sim {

// The simulator's input is built outside sim (manifests/sim_input_builder.hpp) or by tests.
using models::SimInput;

struct Workload {
  std::string name;
  models::WorkloadSpec spec;
  int service = -1;  // Serving entry (a Service or a standalone Route), -1 until it exists
  std::unique_ptr<models::ArrivalProcess> process;
  core::Rng rng{1};
  models::Distribution cpu, wait;
  std::uint64_t epoch = 0;  // bumped by setArrivals to drop the old process's pending arrival
  models::Arrival next;     // the pending arrival (its event carries only the workload and epoch)
};

// One revision seen across the parts (tests): references into the parts, valid until the next
// revision is created.
struct RevisionView {
  RevisionId id;
  const ServingRevision& serving;
  const Deployment& deployment;
  const RevisionTraffic& traffic;
  const RevisionControlState& control;
};

class Simulation : private ClusterListener,
                   private DataPathListener,
                   private core::autoscaler::ScaleTargetReader,
                   private core::autoscaler::ScaleTargetWriter {
 public:
  // Builds the platform (one host per node) and the initial services. Throws std::runtime_error
  // on input the validators should have caught (unknown service in a workload, bad trace...).
  Simulation(SimInput input, reports::EventSink* sink);
  ~Simulation() override;
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

  // A request to the Service or Route ns/name (any entry of that name) reaching the ingress now,
  // sent at `sent` (eventing deliveries). `done` gets the HTTP status.
  void submit(const std::string& ns, const std::string& name, Seconds sent, RequestWork work,
              std::optional<Seconds> timeout, Completion done);
  // The cluster's object changes go to `watcher` from now on; alive_objects() lists those alive now.
  void watch_objects(ObjectWatcher* watcher) { events_.watch(watcher); }
  std::vector<ObjectRef> alive_objects() const { return events_.alive(); }
  // Set-up is over (the watch, if any, has listed the objects): alive_objects() is no longer kept.
  void end_object_listing() { events_.end_listing(); }

  const reports::RequestStats& stats() const { return data_path_.stats(); }
  std::vector<std::string> revision_names() const;
  std::map<std::string, std::string> revision_services() const;
  std::vector<std::string> node_names() const;
  const SimInput& input() const { return input_; }
  std::int64_t arrivals() const { return stats().total_arrivals(); }

  // Test access.
  std::vector<RevisionView> revisions() const;
  const std::vector<Pod>& pods() const { return cluster_.pods(); }
  const PodProxy& pod_proxy(PodId pod) const { return data_path_.proxy(pod); }
  const std::vector<Node>& nodes() const { return cluster_.nodes(); }
  const std::vector<ActivatorPod>& activator_pods() const { return cluster_.activators(); }
  std::optional<RevisionView> find_revision(const std::string& name) const;
  // Per revision name: pod_seconds, panic_seconds, proxy_seconds integrated up to now.
  std::map<std::string, reports::RevisionIntegrals> revision_integrals() const;
  // Node-seconds of nodes up, integrated up to now.
  double node_seconds() const;

 private:
  // Exact integrals over simulated time (summary.json's pod_seconds, panic_seconds,
  // proxy_seconds), advanced where the value may change: live pods, panic, effective mode Proxy.
  struct Integrals {
    TimeIntegral pod_seconds, panic_seconds, proxy_seconds;
  };
  RevisionView view(RevisionId rev) const;
  // The revision's pod count, panic or mode may have changed: its time integrals follow (a
  // deleted revision without pods stops counting, as it stops being sampled).
  void observe(RevisionId rev);
  // workloads and timeline (workloads.cpp, timeline.cpp)
  void start_workloads();
  bool applied_later(const std::string& ns, const std::string& name) const;
  void schedule_next_arrival(int workload);
  void on_arrival(int workload, std::uint64_t epoch);
  void schedule_timeline();
  void run_timeline_action(std::size_t index);

  // ClusterListener
  void pod_created(PodId pod) override { data_path_.pod_created(pod); }
  void pod_count_changed(RevisionId rev) override { observe(rev); }
  void backends_changed(RevisionId rev) override { data_path_.backends_changed(rev); }
  void endpoints_changed(RevisionId rev) override { control_.endpoints_changed(rev); }
  void revision_ready(RevisionId rev) override { serving_.revision_ready(rev); }
  bool pod_has_requests(PodId pod) const override { return data_path_.pod_has_requests(pod); }
  void pod_grace_over(PodId pod) override { data_path_.pod_grace_over(pod); }
  std::int64_t pod_lost(PodId pod) override { return data_path_.pod_lost(pod); }
  void activator_lost(std::size_t activator, bool node_failure) override {
    data_path_.activator_lost(activator, node_failure ? reports::FailureReason::kNodeFailure : reports::FailureReason::kOther);
  }
  void activator_ready_changed(std::size_t activator, bool ready) override { data_path_.set_activator_ready(activator, ready); }
  // DataPathListener
  void activator_stat(RevisionId rev, const core::metrics::Stat& s) override { control_.activator_stat(rev, s); }
  // ScaleTargetReader
  std::int32_t ready_pods(RevisionId rev) const override;
  std::int32_t live_pods(RevisionId rev) const override;
  std::int32_t deployment_replicas(RevisionId rev) const override;
  std::size_t activators() const override { return data_path_.activator_count(); }
  void ready_pod_stats(RevisionId rev, Seconds t, std::vector<core::metrics::Stat>& out) override;
  bool activator_report(RevisionId rev, std::size_t activator, Seconds t, core::metrics::Stat& out) override;
  double take_cpu_seconds(RevisionId rev) override { return data_path_.take_cpu_seconds(rev); }
  std::vector<core::autoscaler::HpaPodSample> hpa_pod_samples(RevisionId rev, Seconds t) override;
  // ScaleTargetWriter
  void set_deployment_replicas(RevisionId rev, std::int32_t replicas) override { cluster_.set_replicas(rev, replicas); }
  void set_num_activators(RevisionId rev, std::int32_t n) override { data_path_.set_num_activators(rev, n); }
  void set_effective_mode(RevisionId rev, core::api::SksMode mode) override { data_path_.set_mode(rev, mode); }

  SimInput input_;
  RunEvents events_;
  std::unique_ptr<simgrid::s4u::Engine> engine_;  // before the parts: the cluster creates hosts
  Cluster cluster_;
  DataPath data_path_;
  RevisionControl control_;
  Serving serving_;
  std::vector<Integrals> integrals_;  // by RevisionId
  std::vector<Workload> workloads_;
  models::TraceCache traces_;
  Seconds last_sample_ = 0;
  bool finished_ = false;
};

}  // namespace knsim::sim
