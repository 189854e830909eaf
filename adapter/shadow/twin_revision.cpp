// See twin_revision.hpp. The order of the core calls is sim/revision_control.cpp's (report_and_scrape,
// activator_stat, decider_tick, reconcile_pa) and init_autoscaling.
#include "adapter/shadow/twin_revision.hpp"

#include "core/api/keys.hpp"
#include "core/autoscaler/kpa_reconciler.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/metrics/stats_scraper.hpp"
#include "core/time/time.hpp"

namespace knsim::adapter {

namespace ca = core::autoscaler;
namespace cm = core::metrics;

TwinRevision::TwinRevision(const core::config::AutoscalerConfig& config, const TwinSettings& settings,
                           const TwinStart& start, Seconds now, std::uint64_t seed, const std::string& name)
    : rng_(core::Rng::derive(seed, "shadow/" + name)) {
  resolve(config, settings);
  collector_ = std::make_unique<cm::MetricCollector>(resolved_.metric);
  // As the simulator and the replay: the decider is created with no ready pod, so it does not
  // start in panic (Knative's would only when the autoscaler restarts with pods up).
  runner_ = std::make_unique<ca::MultiScalerRunner>(resolved_.decider, now, 0);
  pa_.spec.reachability = settings.reachability;
  pa_.spec.container_concurrency = settings.container_concurrency;
  using core::api::ConditionStatus;
  const ConditionStatus active = start.pa_inactive ? ConditionStatus::kFalse
                                 : start.pa_active ? ConditionStatus::kTrue
                                                   : ConditionStatus::kUnknown;
  pa_.status.active.set(active, start.pa_inactive ? "NoTraffic" : (start.pa_active ? "" : "Queued"), "", now);
  pa_.status.scale_target_initialized = start.pa_active;
  pa_.status.desired_scale = start.desired_scale.value_or(-1);
  replicas_ = start.desired_scale;
  sks_.status.activator_endpoints_populated.set(ConditionStatus::kTrue, "", "", now);
}

void TwinRevision::resolve(const core::config::AutoscalerConfig& config, const TwinSettings& settings) {
  settings_ = settings;
  const auto annotations = core::config::parse_revision_annotations(settings.annotations);
  const bool reachable = settings.reachability != core::api::Reachability::kUnreachable;
  resolved_ = ca::resolve_autoscaling(config, annotations, settings.container_concurrency, reachable);
  ca::KpaScalerOverrides o;
  o.window = annotations.window;
  o.scale_to_zero_pod_retention_period = annotations.scale_to_zero_pod_retention_period;
  Seconds progress_deadline = 600;   // config-deployment progress-deadline default
  if (auto it = settings.annotations.find(core::api::keys::kProgressDeadlineAnnotation);
      it != settings.annotations.end())
    o.progress_deadline = core::parse_duration(it->second);
  o.target_burst_capacity = annotations.target_burst_capacity;
  o.min_scale = annotations.min_scale;
  o.max_scale = annotations.max_scale;
  o.initial_scale = annotations.initial_scale;
  scaler_ = ca::resolve_kpa_scaler_settings(ca::kpa_cluster_config(config, progress_deadline), o);
}

void TwinRevision::update(const core::config::AutoscalerConfig& config, const TwinSettings& settings, Seconds now) {
  resolve(config, settings);
  pa_.spec.reachability = settings.reachability;
  pa_.spec.container_concurrency = settings.container_concurrency;
  collector_->update_metric(resolved_.metric, now);
  runner_->update(resolved_.decider);
}

void TwinRevision::record_pod_stats(const std::vector<cm::Stat>& ready_pods, Seconds now) {
  if (!resolved_.metric.scrape_target_set) return;   // TBC -1: only the activator reports
  if (auto sum = cm::scrape_pods(ready_pods, resolved_.metric.stable_window, now, rng_)) collector_->record(now, *sum);
}

bool TwinRevision::record_activator_stat(const cm::Stat& stat, Seconds now, int ready_pods) {
  collector_->record(now, stat);
  if (!runner_->should_poke(stat)) return false;
  tick(now, ready_pods);
  return true;
}

TwinDecision TwinRevision::tick(Seconds now, int ready_pods) {
  const auto t = runner_->tick(now, ca::ReadyPods{ready_pods, false}, *collector_);
  TwinDecision d;
  d.valid = t.result.scale_valid;
  if (d.valid) last_ = t.result;
  d.decider_desired = d.valid ? t.result.desired_pod_count : -1;
  d.panic = runner_->decider().in_panic();
  d.ebc = runner_->status().excess_burst_capacity;
  d.stable = t.result.observed_stable;
  d.panic_value = t.result.observed_panic;
  d.reason = t.result.reason;
  return reconcile(now, ready_pods, std::move(d));
}

// sim/revision_control.cpp reconcile_pa, without a cluster to patch: the twin's replicas follow its own
// applied `want` (the real Deployment is never touched).
TwinDecision TwinRevision::reconcile(Seconds now, int ready_pods, TwinDecision d) {
  ca::KpaReconcileInput in;
  in.settings = scaler_;
  in.decider_desired_scale = runner_->status().desired_scale;
  in.excess_burst_capacity = runner_->status().excess_burst_capacity;
  in.total_value = resolved_.decider.total_value;
  in.target_burst_capacity = resolved_.decider.target_burst_capacity;
  in.activator_capacity = resolved_.decider.activator_capacity;
  in.deployment_replicas = replicas_;
  in.ready_pods = ready_pods;
  in.reachability = pa_.spec.reachability;
  const auto r = ca::kpa_reconcile(in, pa_, sks_, now);
  if (r.scale.apply && r.scale.scale >= 0) replicas_ = r.scale.scale;
  d.desired = pa_.status.desired_scale;
  d.mode = r.sks_mode;
  return d;
}

}  // namespace knsim::adapter
