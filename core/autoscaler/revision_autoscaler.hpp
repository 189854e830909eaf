#pragma once
// One revision's KPA control loop, pure: the autoscaler's per-revision state (the resolved
// DeciderSpec/MetricSpec, the metric collector, the decider and its MultiScaler runner, the
// PodAutoscaler and its ServerlessService) and the steps Knative runs on it, in Knative's order:
//   record_pod_stats        the scraper's 1 s sample of the ready pods' queue-proxy Stats
//                           (core/metrics/stats_scraper: n of N, old pods first, x N/n);
//   record_activator_stat   an activator's Stat; true when it pokes the decider (scale from 0);
//   decide                  MultiScalerRunner::tick (the decider, every 2 s or on a poke);
//   reconcile               kpa.go ReconcileKind (core::autoscaler::kpa_reconcile: the scaler's
//                           want, the scale-to-zero gate, SKS mode and numActivators, the PA's
//                           Active and ScaleTargetInitialized);
//   update_sks              the SKS reconciler's status (update_sks_status, effective_mode_reason).
// Both drivers run exactly this: the simulator (sim/revision_control.cpp, in simulated time, reading
// its cluster through ScaleTargetReader and applying the decisions through ScaleTargetWriter) and
// the cluster shadow's twin (adapter/shadow/twin_revision.cpp, in wall-clock time, fed with what
// the live cluster reports). It is TOLD the time and the cluster's counts, keeps no timer and
// returns every decision as a value with core's reason; the driver applies the scale, and
// schedules the next tick (cadence.hpp) and the requeue (reconcile().scale.requeue_after).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"
#include "core/autoscaler/decider_spec.hpp"
#include "core/autoscaler/kpa_reconciler.hpp"
#include "core/autoscaler/kpa_scaler.hpp"
#include "core/autoscaler/multiscaler_runner.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/metrics/metric_collector.hpp"
#include "core/metrics/stat.hpp"
#include "core/random/rng.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

// What a revision's autoscaling is configured from (the PA's annotations and spec).
struct RevisionAutoscalerSpec {
  config::RevisionAnnotations annotations;
  std::int32_t container_concurrency = 0;           // PA spec.containerConcurrency
  std::optional<Seconds> progress_deadline;         // serving.knative.dev/progress-deadline
  api::Reachability reachability = api::Reachability::kUnknown;   // PA spec.reachability
};

// The PA's status when the autoscaler starts. The defaults are a new revision's (Active Unknown
// "Queued", not initialized); the shadow joins a running revision with the live PA's state.
struct PaStart {
  api::ConditionStatus active = api::ConditionStatus::kUnknown;
  std::string active_reason = "Queued";
  bool scale_target_initialized = false;
  std::int32_t desired_scale = -1;                  // status.desiredScale (-1 unknown)
  std::string service_name;                         // the private service (empty: not yet known)
};

// One decider tick.
struct DeciderStep {
  ScaleResult result;            // the decider's result (scale_valid false: no data yet)
  bool informed = false;         // the runner's status changed (kpa.go would be enqueued)
  bool panic_changed = false;    // a valid result entered or left panic mode
};

// The SKS status after update_sks.
struct SksStatusStep {
  bool changed = false;          // the effective mode changed
  api::SksMode effective = api::SksMode::kProxy;
  std::string reason;            // core's effective_mode_reason (meaningful when changed)
};

class RevisionAutoscaler {
 public:
  // `cluster_progress_deadline`: config-deployment progress-deadline (the annotation overrides it).
  RevisionAutoscaler(const config::AutoscalerConfig& config, Seconds cluster_progress_deadline,
                     const RevisionAutoscalerSpec& spec, const PaStart& start, Seconds now);

  // The PA's annotations, containerConcurrency or reachability changed: re-resolve (min-scale is
  // ignored when Unreachable) and Knative's MultiScaler.Update (collector and decider keep state).
  void update(const config::AutoscalerConfig& config, Seconds cluster_progress_deadline,
              const RevisionAutoscalerSpec& spec, Seconds now);

  // The scraper at `now` over the Stats of the ready pods (nothing recorded when the sample is
  // empty, or when target-burst-capacity -1 leaves only the activator reporting). `rng` draws the
  // sample (the driver owns it: the simulator shares one across revisions).
  void record_pod_stats(const std::vector<metrics::Stat>& ready_pods, Seconds now, Rng& rng);
  // An activator's Stat, recorded at `at`; true when the decider should be poked at once.
  bool record_activator_stat(const metrics::Stat& stat, Seconds at);

  // One decider tick at `now` with the ready endpoint count.
  DeciderStep decide(Seconds now, std::int32_t ready_pods);
  // One KPA reconcile at `now` on the decider's current status. `deployment_replicas`: the
  // Deployment's spec.replicas (nullopt: unknown). Updates the PA and the SKS spec.
  KpaReconcileDecision reconcile(Seconds now, std::int32_t ready_pods, std::optional<std::int32_t> deployment_replicas);
  // The SKS reconciler at `now`: spec.mode becomes `mode`; the effective mode follows the ready
  // endpoints (Proxy while none) and the activator count.
  SksStatusStep update_sks(api::SksMode mode, std::string_view reason, std::int32_t ready_pods,
                           std::int32_t activators, Seconds now);
  // The HPA class writes the PA's desiredScale from the Deployment (no KPA decider).
  void set_desired_scale(std::int32_t desired) { pa_.status.desired_scale = desired; }

  const ResolvedAutoscaling& resolved() const { return resolved_; }
  const KpaScalerSettings& scaler() const { return scaler_; }
  const MultiScalerRunner& runner() const { return *runner_; }
  const api::PodAutoscaler& pa() const { return pa_; }
  const api::ServerlessService& sks() const { return sks_; }
  const ScaleResult& last_result() const { return last_result_; }   // the last valid decision
  bool panic() const { return panic_; }                              // of the last valid decision

 private:
  void resolve(const config::AutoscalerConfig& config, Seconds cluster_progress_deadline,
               const RevisionAutoscalerSpec& spec);

  // First: what every revision's records each second read (one cache line with the object's start).
  std::unique_ptr<metrics::MetricCollector> collector_;
  std::unique_ptr<MultiScalerRunner> runner_;
  ResolvedAutoscaling resolved_;
  KpaScalerSettings scaler_;
  api::PodAutoscaler pa_;
  api::ServerlessService sks_;
  ScaleResult last_result_;
  bool panic_ = false;
};

}  // namespace knsim::core::autoscaler
