#pragma once
// Revision control: the simulator's driver of Knative's control loops for every revision, in
// simulated time. Each KPA-class revision's loop is core's core::autoscaler::RevisionAutoscaler
// (the scraper's sample, the activators' Stats and the first-request poke, the decider, the KPA
// reconcile, the SKS status: the same loop the cluster shadow's twin runs); this arms its 1 s clock
// (the decider every 2 s, cadence.hpp) and its requeues as simulator timers, READS the cluster only
// through core::autoscaler::ScaleTargetReader, ACTS only through ScaleTargetWriter
// (core/autoscaler/scale_target.hpp), and reports the decisions as run events. The HPA class (every
// 15 s, core/autoscaler/hpa_autoscaler) is driven here too.
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/autoscaler/hpa_autoscaler.hpp"
#include "core/autoscaler/revision_autoscaler.hpp"
#include "core/autoscaler/scale_target.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/metrics/stat.hpp"
#include "core/random/rng.hpp"
#include "sim/run_events.hpp"

namespace knsim::sim {

using core::Seconds;
using core::autoscaler::RevisionId;

// What a revision's control loops are configured from.
struct ControlSpec {
  std::string name;
  core::config::RevisionAnnotations annotations;
  std::optional<Seconds> progress_deadline;  // serving.knative.dev/progress-deadline
  std::int64_t container_concurrency = 0;
  double cpu_request = 0.1;  // cores (the HPA's utilisation is of the request)
  bool hpa = false;          // autoscaling.knative.dev/class hpa
};

// One revision's control state: core's control loop (core/autoscaler/revision_autoscaler) and
// what only the simulator's driver keeps (the requeue timer, the HPA class).
struct RevisionControlState {
  ControlSpec spec;
  bool deleted = false;
  std::unique_ptr<core::autoscaler::RevisionAutoscaler> kpa;   // every revision (the HPA class reads its PA/SKS)
  std::uint64_t requeue_generation = 0;  // pending PA re-enqueue timer
  bool ready_signalled = false;          // the PA's ScaleTargetInitialized has been told (initialized_)
  std::unique_ptr<core::autoscaler::HpaAutoscaler> hpa_scaler;  // HPA class only

  const core::api::PodAutoscaler& pa() const { return kpa->pa(); }
  const core::api::ServerlessService& sks() const { return kpa->sks(); }
  const core::autoscaler::ResolvedAutoscaling& resolved() const { return kpa->resolved(); }
  const core::autoscaler::ScaleResult& last_result() const { return kpa->last_result(); }
  bool panic() const { return kpa->panic(); }
  std::int32_t excess_burst_capacity() const { return kpa->runner().status().excess_burst_capacity; }
};

class RevisionControl {
 public:
  // `changed` is called whenever a revision's panic or SKS mode may have changed (integrals).
  RevisionControl(const core::config::AutoscalerConfig& autoscaler, Seconds progress_deadline, Seconds duration,
                  std::uint64_t seed, core::autoscaler::ScaleTargetReader& reader,
                  core::autoscaler::ScaleTargetWriter& writer, RunEvents& events,
                  std::function<void(RevisionId)> changed);

  // `initialized` is called once per revision when its PA's ScaleTargetInitialized becomes true
  // (kpa.go: ready >= max(min-scale, initial-scale)): Knative's Revision is Ready from then on
  // (revision_lifecycle.go PropagateAutoscalerStatus). With initial-scale 0 that is the first
  // reconcile, with no pod.
  void on_initialized(std::function<void(RevisionId)> initialized) { initialized_ = std::move(initialized); }

  // A new revision (ids dense); returns the Deployment's initial replicas (initial-scale).
  std::int32_t add_revision(RevisionId rev, ControlSpec spec);
  // The PA's spec.reachability follows the revision's routing state (re-resolves the autoscaler:
  // min-scale is ignored when Unreachable).
  void set_reachability(RevisionId rev, core::api::Reachability reachability);
  void delete_revision(RevisionId rev) { state_[rev.value].deleted = true; }
  // The control loops' 1 s clock; starts at t = 0 and re-arms itself until the end of the run.
  void stats_loop();
  // A Stat from an activator: into the collector, and a poke of the decider when due.
  void activator_stat(RevisionId rev, const core::metrics::Stat& s);
  // The revision's ready endpoints changed: the SKS status follows.
  void endpoints_changed(RevisionId rev);

  const RevisionControlState& state(RevisionId rev) const { return state_[rev.value]; }

 private:
  Seconds now() const;
  core::autoscaler::RevisionAutoscalerSpec autoscaler_spec(const RevisionControlState& r) const;
  void report_and_scrape(RevisionId rev, Seconds now);
  void activator_report(RevisionId rev, Seconds now);
  void decider_tick(RevisionId rev, Seconds now, const char* why);
  void reconcile_pa(RevisionId rev, Seconds now);
  void hpa_tick(RevisionId rev, Seconds now);
  void set_mode(RevisionId rev, core::api::SksMode mode, std::string_view reason);

  core::config::AutoscalerConfig autoscaler_;
  Seconds progress_deadline_, duration_;
  core::autoscaler::ScaleTargetReader& reader_;
  core::autoscaler::ScaleTargetWriter& writer_;
  RunEvents& events_;
  std::function<void(RevisionId)> changed_;
  std::function<void(RevisionId)> initialized_;
  core::Rng scrape_rng_;
  std::vector<RevisionControlState> state_;  // by RevisionId
  std::vector<core::metrics::Stat> stats_;   // the Stats being read (kept: read for every revision every second)
  core::metrics::Stat activator_stat_;        // an activator's report being read (kept, as stats_)
};

}  // namespace knsim::sim
