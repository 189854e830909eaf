#pragma once
// Revision control: Knative's control loops for every revision, driven in simulated time, on
// core's decisions: the queue-proxy Stats and the scraper's sample every 1 s (core/metrics
// stats_scraper), the activators' Stats (and the first-request poke), the decider tick every 2 s
// (core/autoscaler MultiScalerRunner, cadence.hpp), the KPA reconcile (core::autoscaler::
// kpa_reconcile: scaler gate, SKS mode and numActivators, PA Active), the SKS status
// (update_sks_status) and the HPA class every 15 s. It owns each revision's PodAutoscaler, SKS,
// metric collector and decider; it READS the cluster only through core::autoscaler::
// ScaleTargetReader and ACTS only through ScaleTargetWriter (core/autoscaler/scale_target.hpp),
// the seam the real-cluster adapter can implement too.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"
#include "core/autoscaler/decider_spec.hpp"
#include "core/autoscaler/hpa_autoscaler.hpp"
#include "core/autoscaler/kpa_scaler.hpp"
#include "core/autoscaler/multiscaler_runner.hpp"
#include "core/autoscaler/scale_target.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/metrics/metric_collector.hpp"
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

// One revision's control state.
struct RevisionControlState {
  ControlSpec spec;
  bool deleted = false;
  core::autoscaler::ResolvedAutoscaling resolved;
  std::unique_ptr<core::metrics::MetricCollector> collector;
  std::unique_ptr<core::autoscaler::MultiScalerRunner> runner;
  core::api::PodAutoscaler pa;
  core::api::ServerlessService sks;
  core::autoscaler::KpaScalerSettings scaler;
  core::autoscaler::ScaleResult last_result;
  std::uint64_t requeue_generation = 0;  // pending PA re-enqueue timer
  bool panic = false;
  std::unique_ptr<core::autoscaler::HpaAutoscaler> hpa_scaler;  // HPA class only
};

class RevisionControl {
 public:
  // `changed` is called whenever a revision's panic or SKS mode may have changed (integrals).
  RevisionControl(const core::config::AutoscalerConfig& autoscaler, Seconds progress_deadline, Seconds duration,
                  std::uint64_t seed, core::autoscaler::ScaleTargetReader& reader,
                  core::autoscaler::ScaleTargetWriter& writer, RunEvents& events,
                  std::function<void(RevisionId)> changed);

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
  void init_autoscaling(RevisionId rev);
  void report_and_scrape(RevisionId rev, Seconds now);
  void activator_report(RevisionId rev, Seconds now);
  void decider_tick(RevisionId rev, Seconds now, const char* why);
  void reconcile_pa(RevisionId rev, Seconds now, std::int32_t desired);
  void hpa_tick(RevisionId rev, Seconds now);
  void set_mode(RevisionId rev, core::api::SksMode mode, const std::string& reason);

  core::config::AutoscalerConfig autoscaler_;
  Seconds progress_deadline_, duration_;
  core::autoscaler::ScaleTargetReader& reader_;
  core::autoscaler::ScaleTargetWriter& writer_;
  RunEvents& events_;
  std::function<void(RevisionId)> changed_;
  core::Rng scrape_rng_;
  std::vector<RevisionControlState> state_;  // by RevisionId
};

}  // namespace knsim::sim
