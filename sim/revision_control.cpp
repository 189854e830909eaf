// Revision control (see revision_control.hpp): every decision is core's (one
// core::autoscaler::RevisionAutoscaler per revision, the same loop the cluster shadow's twin runs);
// this collects its inputs through the ScaleTargetReader, applies its decisions through the
// ScaleTargetWriter, schedules its ticks and requeues, and reports events.
#include "sim/revision_control.hpp"

#include <algorithm>

#include "core/autoscaler/cadence.hpp"
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

core::autoscaler::RevisionAutoscalerSpec RevisionControl::autoscaler_spec(const RevisionControlState& r) const {
  ca::RevisionAutoscalerSpec s;
  s.annotations = r.spec.annotations;
  s.container_concurrency = static_cast<std::int32_t>(r.spec.container_concurrency);
  s.progress_deadline = r.spec.progress_deadline;
  s.reachability = r.kpa ? r.kpa->pa().spec.reachability : Reachability::kUnknown;   // routingState "pending"
  return s;
}

std::int32_t RevisionControl::add_revision(RevisionId rev, ControlSpec spec) {
  if (state_.size() < rev.value) state_.resize(rev.value);
  state_.emplace_back();
  RevisionControlState& r = state_.back();
  r.spec = std::move(spec);
  ca::PaStart start;   // a new revision: Active Unknown "Queued"
  start.service_name = r.spec.name + "-private";
  r.kpa = std::make_unique<ca::RevisionAutoscaler>(autoscaler_, progress_deadline_, autoscaler_spec(r), start, now());
  const std::int32_t initial = r.kpa->scaler().initial_scale;
  return r.spec.hpa ? std::max(1, initial) : initial;
}

void RevisionControl::set_reachability(RevisionId rev, Reachability want) {
  RevisionControlState& r = state_[rev.value];
  if (want == r.kpa->pa().spec.reachability) return;
  ca::RevisionAutoscalerSpec s = autoscaler_spec(r);
  s.reachability = want;
  r.kpa->update(autoscaler_, progress_deadline_, s, now());
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
// (RevisionAutoscaler::record_pod_stats). One scraper Rng for all revisions, in revision order.
void RevisionControl::report_and_scrape(RevisionId rev, Seconds t) {
  reader_.ready_pod_stats(rev, t, stats_);
  state_[rev.value].kpa->record_pod_stats(stats_, t, scrape_rng_);
}

// Every activator's report, in activator order. The collector sums the stats of the same second,
// so the revision's activator-side concurrency is the sum over activators.
void RevisionControl::activator_report(RevisionId rev, Seconds t) {
  const std::size_t n = reader_.activators();
  for (std::size_t ai = 0; ai < n; ++ai) {
    if (reader_.activator_report(rev, ai, t, activator_stat_)) activator_stat(rev, activator_stat_);
  }
}

// A Stat from the activator goes into the revision's collector; it may poke the decider at once
// (scale from zero). HPA-class revisions ignore it (no KPA collector).
void RevisionControl::activator_stat(RevisionId rev, const cm::Stat& s) {
  RevisionControlState& r = state_[rev.value];
  if (r.spec.hpa) return;
  if (r.kpa->record_activator_stat(s, s.time)) decider_tick(rev, s.time, "poke");
}

void RevisionControl::decider_tick(RevisionId rev, Seconds t, const char* why) {
  RevisionControlState& r = state_[rev.value];
  const std::int32_t ready = reader_.ready_pods(rev);
  const ca::DeciderStep step = r.kpa->decide(t, ready);
  if (step.result.scale_valid) {
    const bool report = step.informed || step.panic_changed || std::string_view(why) == "poke";
    const std::string reason = report ? ca::explain_scale(step.result) : std::string();
    if (step.panic_changed) {
      changed_(rev);
      events_.emit(reports::PanicChange{r.spec.name, r.kpa->panic(), reason});
    }
    if (report) {
      reports::AutoscalerDecision d;
      d.revision = r.spec.name;
      d.desired_pods = step.result.desired_pod_count;
      d.excess_burst_capacity = step.result.excess_burst_capacity;
      d.observed_stable = step.result.observed_stable;
      d.observed_panic = step.result.observed_panic;
      d.target = r.kpa->resolved().decider.target_value;
      d.ready_pods = ready;
      d.panic = step.result.in_panic;
      d.reason = std::string(why) + ": " + reason;
      events_.emit(std::move(d));
    }
  }
  reconcile_pa(rev, t);
}

// kpa.go ReconcileKind is core's (RevisionAutoscaler::reconcile, from the ready count read before
// the patch); this applies it: Deployment replicas, the activator subset, the SKS's effective mode,
// a requeue, and the Revision's readiness once the PA's scale target is initialized.
void RevisionControl::reconcile_pa(RevisionId rev, Seconds t) {
  RevisionControlState& r = state_[rev.value];
  if (r.deleted) return;
  const std::int32_t replicas = reader_.deployment_replicas(rev);
  const auto d = r.kpa->reconcile(t, reader_.ready_pods(rev), replicas);
  if (d.scale.apply && d.scale.scale >= 0 && d.scale.scale != replicas) {
    events_.emit(reports::ScaleEvent{r.spec.name, replicas, d.scale.scale, std::string(d.scale.reason)});
    writer_.set_deployment_replicas(rev, d.scale.scale);
  }
  // The SKS's public endpoints in Proxy mode follow numActivators.
  writer_.set_num_activators(rev, state_[rev.value].kpa->sks().spec.num_activators);
  set_mode(rev, d.sks_mode, d.mode_reason);
  if (d.scale.requeue_after) {
    const auto gen = ++state_[rev.value].requeue_generation;
    after(std::max(0.001, *d.scale.requeue_after), [this, rev, gen] {
      if (state_[rev.value].requeue_generation == gen) reconcile_pa(rev, now());
    });
  }
  RevisionControlState& rr = state_[rev.value];
  if (!rr.ready_signalled && rr.kpa->pa().status.scale_target_initialized) {
    rr.ready_signalled = true;
    if (initialized_) initialized_(rev);
  }
}

void RevisionControl::endpoints_changed(RevisionId rev) {
  set_mode(rev, state_[rev.value].kpa->sks().spec.mode, "endpoints changed");
}

// The SKS reconciler (RevisionAutoscaler::update_sks): the effective mode is the asked mode,
// forced to Proxy while the revision has no ready endpoint; the reason of a change is core's.
void RevisionControl::set_mode(RevisionId rev, SksMode mode, std::string_view reason) {
  RevisionControlState& r = state_[rev.value];
  const auto activators = static_cast<std::int32_t>(reader_.activators());
  const auto step = r.kpa->update_sks(mode, reason, reader_.ready_pods(rev), activators, now());
  writer_.set_effective_mode(rev, step.effective);
  changed_(rev);
  if (step.changed) events_.emit(reports::ModeSwitch{r.spec.name, core::api::to_string(step.effective), step.reason});
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
        ca::make_hpa_spec(r.kpa->scaler().min_scale, r.kpa->scaler().max_scale, a.metric.value_or("cpu"), a.target, a.window));
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
  state_[rev.value].kpa->set_desired_scale(reader_.deployment_replicas(rev));
  set_mode(rev, SksMode::kServe, "HPA class");
}

}  // namespace knsim::sim
