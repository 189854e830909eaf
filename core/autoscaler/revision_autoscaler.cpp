// One revision's KPA control loop (see revision_autoscaler.hpp). The order of the calls is
// Knative's autoscaler: the collector is fed by the scraper (pkg/autoscaler/metrics/collector.go)
// and the activators' Stats, the decider ticks in the MultiScaler (pkg/autoscaler/scaling/
// multiscaler.go), the KPA reconciler (pkg/reconciler/autoscaling/kpa/kpa.go) follows it, the SKS
// reconciler (pkg/reconciler/serverlessservice) sets the effective mode.
#include "core/autoscaler/revision_autoscaler.hpp"

#include "core/autoscaler/sks_mode.hpp"
#include "core/metrics/stats_scraper.hpp"

namespace knsim::core::autoscaler {

RevisionAutoscaler::RevisionAutoscaler(const config::AutoscalerConfig& config, Seconds cluster_progress_deadline,
                                       const RevisionAutoscalerSpec& spec, const PaStart& start, Seconds now) {
  resolve(config, cluster_progress_deadline, spec);
  collector_ = std::make_unique<metrics::MetricCollector>(resolved_.metric);
  // The decider is created with no ready pod, so it does not start in panic (Knative's would only
  // when the autoscaler restarts with pods up).
  runner_ = std::make_unique<MultiScalerRunner>(resolved_.decider, now, 0);
  pa_.spec.reachability = spec.reachability;
  pa_.spec.container_concurrency = spec.container_concurrency;
  pa_.status.active.set(start.active, start.active_reason, "", now);
  pa_.status.scale_target_initialized = start.scale_target_initialized;
  pa_.status.desired_scale = start.desired_scale;
  pa_.status.service_name = start.service_name;
  sks_.status.activator_endpoints_populated.set(api::ConditionStatus::kTrue, "", "", now);
  sks_.status.effective_mode = api::SksMode::kProxy;
}

void RevisionAutoscaler::resolve(const config::AutoscalerConfig& config, Seconds cluster_progress_deadline,
                                 const RevisionAutoscalerSpec& spec) {
  const bool reachable = spec.reachability != api::Reachability::kUnreachable;
  resolved_ = resolve_autoscaling(config, spec.annotations, spec.container_concurrency, reachable);
  const auto& a = spec.annotations;
  KpaScalerOverrides o;
  o.window = a.window;
  o.scale_to_zero_pod_retention_period = a.scale_to_zero_pod_retention_period;
  o.progress_deadline = spec.progress_deadline;
  o.target_burst_capacity = a.target_burst_capacity;
  o.min_scale = a.min_scale;
  o.max_scale = a.max_scale;
  o.initial_scale = a.initial_scale;
  scaler_ = resolve_kpa_scaler_settings(kpa_cluster_config(config, cluster_progress_deadline), o);
}

void RevisionAutoscaler::update(const config::AutoscalerConfig& config, Seconds cluster_progress_deadline,
                                const RevisionAutoscalerSpec& spec, Seconds now) {
  resolve(config, cluster_progress_deadline, spec);
  pa_.spec.reachability = spec.reachability;
  pa_.spec.container_concurrency = spec.container_concurrency;
  collector_->update_metric(resolved_.metric, now);
  runner_->update(resolved_.decider);
}

void RevisionAutoscaler::record_pod_stats(const std::vector<metrics::Stat>& ready_pods, Seconds now, Rng& rng) {
  // The collector's copy of resolved_.metric (update() keeps them equal): the collector's first
  // cache line, which the record below reads anyway, instead of one more line of this object.
  const metrics::MetricSpec& metric = collector_->spec();
  if (!metric.scrape_target_set) return;   // target-burst-capacity -1: only the activator reports
  if (auto sum = metrics::scrape_pods(ready_pods, metric.stable_window, now, rng)) collector_->record(now, *sum);
}

bool RevisionAutoscaler::record_activator_stat(const metrics::Stat& stat, Seconds at) {
  collector_->record(at, stat);
  return runner_->should_poke(stat);
}

DeciderStep RevisionAutoscaler::decide(Seconds now, std::int32_t ready_pods) {
  const auto tick = runner_->tick(now, ReadyPods{ready_pods, false}, *collector_);
  DeciderStep step;
  step.result = tick.result;
  step.informed = tick.informed;
  if (!tick.result.scale_valid) return step;
  step.panic_changed = tick.result.in_panic != panic_;
  panic_ = tick.result.in_panic;
  last_result_ = tick.result;
  return step;
}

KpaReconcileDecision RevisionAutoscaler::reconcile(Seconds now, std::int32_t ready_pods,
                                                   std::optional<std::int32_t> deployment_replicas) {
  KpaReconcileInput in;
  in.settings = scaler_;
  in.decider_desired_scale = runner_->status().desired_scale;
  in.excess_burst_capacity = runner_->status().excess_burst_capacity;
  in.total_value = resolved_.decider.total_value;
  in.target_burst_capacity = resolved_.decider.target_burst_capacity;
  in.activator_capacity = resolved_.decider.activator_capacity;
  in.deployment_replicas = deployment_replicas;
  in.ready_pods = ready_pods;
  in.reachability = pa_.spec.reachability;
  return kpa_reconcile(in, pa_, sks_, now);
}

SksStatusStep RevisionAutoscaler::update_sks(api::SksMode mode, std::string_view reason, std::int32_t ready_pods,
                                             std::int32_t activators, Seconds now) {
  sks_.spec.mode = mode;
  const api::SksMode before = sks_.status.effective_mode;
  update_sks_status(sks_.spec, ready_pods, activators, now, sks_.status);
  SksStatusStep step;
  step.effective = sks_.status.effective_mode;
  step.changed = step.effective != before;
  if (step.changed) step.reason = effective_mode_reason(mode, ready_pods, activators, reason);
  return step;
}

}  // namespace knsim::core::autoscaler
