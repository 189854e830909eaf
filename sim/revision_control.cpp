// Revision control (see revision_control.hpp): every decision is core's; this collects inputs
// through the ScaleTargetReader and applies the decisions through the ScaleTargetWriter.
#include "sim/revision_control.hpp"

#include <algorithm>

#include "core/autoscaler/cadence.hpp"
#include "core/autoscaler/kpa_reconciler.hpp"
#include "core/autoscaler/sks_mode.hpp"
#include "core/metrics/stats_scraper.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace ca = core::autoscaler;
namespace cm = core::metrics;
using core::api::Reachability;
using core::api::SksMode;

RevisionControl::RevisionControl(const core::config::AutoscalerConfig& autoscaler, Seconds progress_deadline,
                                 Seconds duration, std::uint64_t seed, ca::ScaleTargetReader& reader,
                                 ca::ScaleTargetWriter& writer, RunEvents& events,
                                 std::function<void(RevisionId)> changed)
    : autoscaler_(autoscaler),
      progress_deadline_(progress_deadline),
      duration_(duration),
      reader_(reader),
      writer_(writer),
      events_(events),
      changed_(std::move(changed)),
      scrape_rng_(core::Rng::derive(seed, "autoscaler/scraper")) {}

Seconds RevisionControl::now() const { return timer_clock(); }

std::int32_t RevisionControl::add_revision(RevisionId rev, ControlSpec spec) {
  if (state_.size() < rev.value) state_.resize(rev.value);
  state_.emplace_back();
  RevisionControlState& r = state_.back();
  r.spec = std::move(spec);
  r.pa.spec.reachability = Reachability::kUnknown;  // routingState "pending"
  init_autoscaling(rev);
  return state_[rev.value].spec.hpa ? std::max(1, r.scaler.initial_scale) : r.scaler.initial_scale;
}

void RevisionControl::set_reachability(RevisionId rev, Reachability want) {
  if (want == state_[rev.value].pa.spec.reachability) return;
  state_[rev.value].pa.spec.reachability = want;
  init_autoscaling(rev);
}

void RevisionControl::init_autoscaling(RevisionId rev) {
  RevisionControlState& r = state_[rev.value];
  const bool reachable = r.pa.spec.reachability != Reachability::kUnreachable;
  r.resolved = ca::resolve_autoscaling(autoscaler_, r.spec.annotations,
                                       static_cast<std::int32_t>(r.spec.container_concurrency), reachable);
  const ca::KpaClusterConfig c = ca::kpa_cluster_config(autoscaler_, progress_deadline_);
  ca::KpaScalerOverrides o;
  const auto& a = r.spec.annotations;
  o.window = a.window;
  o.scale_to_zero_pod_retention_period = a.scale_to_zero_pod_retention_period;
  o.progress_deadline = r.spec.progress_deadline;
  o.target_burst_capacity = a.target_burst_capacity;
  o.min_scale = a.min_scale;
  o.max_scale = a.max_scale;
  o.initial_scale = a.initial_scale;
  r.scaler = ca::resolve_kpa_scaler_settings(c, o);
  if (!r.collector) {
    r.collector = std::make_unique<cm::MetricCollector>(r.resolved.metric);
    r.runner = std::make_unique<ca::MultiScalerRunner>(r.resolved.decider, now(), 0);
    r.pa.status.active.set(core::api::ConditionStatus::kUnknown, "Queued", "", now());
    r.pa.status.service_name = r.spec.name + "-private";
    r.sks.status.activator_endpoints_populated.set(core::api::ConditionStatus::kTrue, "", "", now());
    r.sks.status.effective_mode = SksMode::kProxy;
  } else {
    r.collector->update_metric(r.resolved.metric, now());
    r.runner->update(r.resolved.decider);
  }
}

void RevisionControl::stats_loop() {
  const Seconds t = now();
  const bool tick = ca::decider_tick_due(t);
  for (std::uint32_t i = 0; i < state_.size(); ++i) {
    const RevisionId rev{i};
    const RevisionControlState& r = state_[i];
    if (r.deleted && reader_.live_pods(rev) == 0) continue;
    if (r.spec.hpa) {
      if (ca::hpa_sync_due(t)) hpa_tick(rev, t);
      continue;
    }
    report_and_scrape(rev, t);
    activator_report(rev, t);
    if (tick) decider_tick(rev, t, "tick");
  }
  if (t + ca::kStatsInterval < duration_) at(t + ca::kStatsInterval, [this] { stats_loop(); });
}

// Queue-proxy reports every ready pod's Stat each second; the scraper's sample of them is core's
// (core/metrics/stats_scraper: n of N, old pods first, N/n).
void RevisionControl::report_and_scrape(RevisionId rev, Seconds t) {
  const std::vector<cm::Stat> ready = reader_.ready_pod_stats(rev, t);
  RevisionControlState& r = state_[rev.value];
  if (!r.resolved.metric.scrape_target_set) return;
  if (auto sum = cm::scrape_pods(ready, r.resolved.metric.stable_window, t, scrape_rng_)) r.collector->record(t, *sum);
}

// Every activator's report, in activator order. The collector sums the stats of the same second,
// so the revision's activator-side concurrency is the sum over activators.
void RevisionControl::activator_report(RevisionId rev, Seconds t) {
  const std::size_t n = reader_.activators();
  for (std::size_t ai = 0; ai < n; ++ai)
    for (const auto& s : reader_.activator_stats(rev, ai, t)) activator_stat(rev, s);
}

// A Stat from the activator goes into the revision's collector; it may poke the decider at once
// (scale from zero). HPA-class revisions ignore it (no KPA collector).
void RevisionControl::activator_stat(RevisionId rev, const cm::Stat& s) {
  RevisionControlState& r = state_[rev.value];
  if (r.spec.hpa) return;
  r.collector->record(s.time, s);
  if (r.runner->should_poke(s)) decider_tick(rev, s.time, "poke");
}

void RevisionControl::decider_tick(RevisionId rev, Seconds t, const char* why) {
  RevisionControlState& r = state_[rev.value];
  const ca::ReadyPods ready{reader_.ready_pods(rev), false};
  const auto tick = r.runner->tick(t, ready, *r.collector);
  if (!tick.result.scale_valid) {
    reconcile_pa(rev, t, r.runner->status().desired_scale);
    return;
  }
  const bool panic_changed = tick.result.in_panic != r.panic;
  r.last_result = tick.result;
  if (panic_changed) {
    r.panic = tick.result.in_panic;
    changed_(rev);
    events_.emit(reports::PanicChange{r.spec.name, r.panic, tick.result.reason});
  }
  if (tick.informed || panic_changed || std::string_view(why) == "poke") {
    reports::AutoscalerDecision d;
    d.revision = r.spec.name;
    d.desired_pods = tick.result.desired_pod_count;
    d.excess_burst_capacity = tick.result.excess_burst_capacity;
    d.observed_stable = tick.result.observed_stable;
    d.observed_panic = tick.result.observed_panic;
    d.target = r.resolved.decider.target_value;
    d.ready_pods = ready.count;
    d.panic = tick.result.in_panic;
    d.reason = std::string(why) + ": " + tick.result.reason;
    events_.emit(std::move(d));
  }
  reconcile_pa(rev, t, r.runner->status().desired_scale);
}

// kpa.go ReconcileKind is core's (core::autoscaler::kpa_reconcile: scaler gate, SKS mode and
// numActivators, PA Active condition, from the ready count read before the patch); this applies
// it: Deployment replicas, the activator subset, the SKS's effective mode, a requeue.
void RevisionControl::reconcile_pa(RevisionId rev, Seconds t, std::int32_t desired) {
  RevisionControlState& r = state_[rev.value];
  if (r.deleted) return;
  ca::KpaReconcileInput in;
  in.settings = r.scaler;
  in.decider_desired_scale = desired;
  in.excess_burst_capacity = r.runner->status().excess_burst_capacity;
  in.total_value = r.resolved.decider.total_value;
  in.target_burst_capacity = r.resolved.decider.target_burst_capacity;
  in.activator_capacity = r.resolved.decider.activator_capacity;
  const std::int32_t replicas = reader_.deployment_replicas(rev);
  in.deployment_replicas = replicas;
  in.ready_pods = reader_.ready_pods(rev);
  in.reachability = r.pa.spec.reachability;
  const auto d = ca::kpa_reconcile(in, r.pa, r.sks, t);
  if (d.scale.apply && d.scale.scale >= 0 && d.scale.scale != replicas) {
    events_.emit(reports::ScaleEvent{r.spec.name, replicas, d.scale.scale, d.scale.reason});
    writer_.set_deployment_replicas(rev, d.scale.scale);
  }
  // The SKS's public endpoints in Proxy mode follow numActivators.
  writer_.set_num_activators(rev, state_[rev.value].sks.spec.num_activators);
  set_mode(rev, d.sks_mode, d.mode_reason);
  if (d.scale.requeue_after) {
    const auto gen = ++state_[rev.value].requeue_generation;
    after(std::max(0.001, *d.scale.requeue_after), [this, rev, gen] {
      const RevisionControlState& rr = state_[rev.value];
      if (rr.requeue_generation == gen) reconcile_pa(rev, now(), rr.runner->status().desired_scale);
    });
  }
}

void RevisionControl::endpoints_changed(RevisionId rev) {
  set_mode(rev, state_[rev.value].sks.spec.mode, "endpoints changed");
}

// The SKS reconciler (core::autoscaler::update_sks_status): the effective mode is the asked mode,
// forced to Proxy while the revision has no ready endpoint; the reason of a change is core's
// effective_mode_reason. The activator pods are always ready (not modelled).
void RevisionControl::set_mode(RevisionId rev, SksMode mode, const std::string& reason) {
  RevisionControlState& r = state_[rev.value];
  r.sks.spec.mode = mode;
  const SksMode before = r.sks.status.effective_mode;
  const auto activators = static_cast<std::int32_t>(reader_.activators());
  const std::int32_t ready = reader_.ready_pods(rev);
  ca::update_sks_status(r.sks.spec, ready, activators, now(), r.sks.status);
  writer_.set_effective_mode(rev, r.sks.status.effective_mode);
  changed_(rev);
  if (r.sks.status.effective_mode != before)
    events_.emit(reports::ModeSwitch{r.spec.name, core::api::to_string(r.sks.status.effective_mode),
                                     ca::effective_mode_reason(mode, ready, activators, reason)});
}

// The HPA class (core/autoscaler/hpa_autoscaler): every 15 s. For a CPU utilization target the
// count is the Kubernetes replica calculator's over each pod's sample
// (core/autoscaler/hpa_replica_calculator: pods not yet Ready or Ready for less than one metric
// window within the CPU initialization period count at 0 % on a scale-up, missing samples at 0 % /
// 100 % by direction); other metrics use the revision's mean utilisation (CPU seconds started in
// the period / period / ready pods / request).
void RevisionControl::hpa_tick(RevisionId rev, Seconds t) {
  RevisionControlState& r = state_[rev.value];
  const auto& a = r.spec.annotations;
  if (!r.hpa_scaler) {
    r.hpa_scaler = std::make_unique<ca::HpaAutoscaler>(
        ca::make_hpa_spec(r.scaler.min_scale, r.scaler.max_scale, a.metric.value_or("cpu"), a.target, a.window));
  }
  const int ready = reader_.ready_pods(rev);
  const double cpu_seconds = reader_.take_cpu_seconds(rev);
  std::optional<double> utilisation;
  if (ready > 0 && r.spec.cpu_request > 0) utilisation = 100.0 * cpu_seconds / ca::kHpaSyncPeriod / ready / r.spec.cpu_request;
  const std::int32_t replicas = reader_.deployment_replicas(rev);
  const ca::HpaSpec& spec = r.hpa_scaler->spec();
  ca::HpaDecision d;
  if (spec.metric == "cpu" && spec.target_type == ca::HpaTargetType::kUtilization) {
    const auto calc = ca::hpa_resource_replicas(replicas, static_cast<std::int32_t>(spec.target), true,
                                                reader_.hpa_pod_samples(rev, t), t);
    if (calc.valid) utilisation = calc.utilization;
    const char* dir = !calc.valid ? "NoMetrics"
                      : calc.replicas > replicas ? "ScaleUp"
                      : calc.replicas < replicas ? "ScaleDown"
                                                 : "WithinTolerance";
    d = r.hpa_scaler->reconcile_recommendation(
        replicas, calc.valid ? std::optional<std::int32_t>(calc.replicas) : std::nullopt, dir, t);
  } else {
    d = r.hpa_scaler->reconcile(replicas, ready, utilisation, t);
  }
  if (d.desired != replicas && d.desired > 0) {
    events_.emit(reports::AutoscalerDecision{r.spec.name, d.desired, 0, utilisation.value_or(0), utilisation.value_or(0),
                                             r.hpa_scaler->spec().target, ready, false, "hpa: " + d.reason});
    events_.emit(reports::ScaleEvent{r.spec.name, replicas, d.desired, "HPA " + d.reason});
    writer_.set_deployment_replicas(rev, d.desired);
  }
  state_[rev.value].pa.status.desired_scale = reader_.deployment_replicas(rev);
  set_mode(rev, SksMode::kServe, "HPA class");
}

}  // namespace knsim::sim
