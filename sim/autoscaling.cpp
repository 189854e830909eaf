// The autoscaling control loops, driven in simulated time: queue-proxy stats every 1 s and the
// autoscaler's scraper (pod sampling), activator stats (and the first-request poke), the decider
// tick every 2 s, and the KPA reconciler (scaler gate, PA Active condition, SKS mode). Every
// decision is the core's (core/metrics, core/autoscaler); this file collects inputs and applies.
#include <algorithm>
#include <cmath>

#include "core/autoscaler/kpa_reconciler.hpp"
#include "core/autoscaler/sks_mode.hpp"
#include "core/autoscaler/cadence.hpp"
#include "core/metrics/stats_scraper.hpp"
#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace ca = core::autoscaler;
namespace cm = core::metrics;
using core::api::SksMode;

namespace {

}  // namespace

void Simulation::stats_loop() {
  const Seconds t = now();
  const bool tick = ca::decider_tick_due(t);
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    Revision& r = revisions_[i];
    if (r.deleted && r.pods.empty()) continue;
    if (r.hpa) {
      if (ca::hpa_sync_due(t)) hpa_tick(static_cast<int>(i), t);
      continue;
    }
    report_and_scrape(static_cast<int>(i), t);
    activator_report(static_cast<int>(i), t);
    if (tick) decider_tick(static_cast<int>(i), t, "tick");
  }
  if (t + ca::kStatsInterval < duration()) at(t + ca::kStatsInterval, [this] { stats_loop(); });
}

// Queue-proxy reports every ready pod's Stat each second (its uptime is the pod's age); the
// scraper's sample of them is core's (core/metrics/stats_scraper: n of N, old pods first, N/n).
void Simulation::report_and_scrape(int rev, Seconds t) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  std::vector<cm::Stat> ready;
  for (int pi : r.pods) {
    Pod& p = pods_[static_cast<std::size_t>(pi)];
    if (p.phase != PodPhase::kReady) continue;
    ready.push_back(p.qp.report(p.name, t, t - p.ready_at));
  }
  if (!r.resolved.metric.scrape_target_set) return;
  if (auto sum = cm::scrape_pods(ready, r.resolved.metric.stable_window, t, scrape_rng_)) r.collector->record(t, *sum);
}

// Every activator's concurrency reporter (core/dataplane/concurrency_reporter, docs/spec/serving.md 2.3), in
// activator order: one Stat per revision per second while it has an entry; the immediate
// first-request stat is subtracted from the next report. The collector sums the stats of the same
// second, so the revision's activator-side concurrency is the sum over activators.
void Simulation::activator_report(int rev, Seconds t) {
  const std::size_t n = revisions_[static_cast<std::size_t>(rev)].activators.size();
  for (std::size_t ai = 0; ai < n; ++ai) {
    // Taken by value, the revision re-indexed: a stat may poke the decider (and a reconcile).
    auto stats = revisions_[static_cast<std::size_t>(rev)].activators[ai].reporter.report(t);
    for (const auto& [name, s] : stats) record_activator_stat(rev, s);
  }
}

// A Stat from the activator goes into the revision's collector; it may poke the decider at once
// (scale from zero). HPA-class revisions ignore it (no KPA collector).
void Simulation::record_activator_stat(int rev, const cm::Stat& s) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  if (r.hpa) return;
  r.collector->record(s.time, s);
  if (r.runner->should_poke(s)) decider_tick(rev, s.time, "poke");
}

void Simulation::decider_tick(int rev, Seconds t, const char* why) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  const ca::ReadyPods ready{ready_count(r), false};
  const auto tick = r.runner->tick(t, ready, *r.collector);
  if (!tick.result.scale_valid) {
    reconcile_pa(rev, t, r.runner->status().desired_scale);
    return;
  }
  const bool panic_changed = tick.result.in_panic != r.panic;
  r.last_result = tick.result;
  if (panic_changed) {
    r.panic = tick.result.in_panic;
    revision_integrals(r);
    emit(reports::PanicChange{r.name, r.panic, tick.result.reason});
  }
  if (tick.informed || panic_changed || std::string_view(why) == "poke") {
    reports::AutoscalerDecision d;
    d.revision = r.name;
    d.desired_pods = tick.result.desired_pod_count;
    d.excess_burst_capacity = tick.result.excess_burst_capacity;
    d.observed_stable = tick.result.observed_stable;
    d.observed_panic = tick.result.observed_panic;
    d.target = r.resolved.decider.target_value;
    d.ready_pods = ready.count;
    d.panic = tick.result.in_panic;
    d.reason = std::string(why) + ": " + tick.result.reason;
    emit(std::move(d));
  }
  reconcile_pa(rev, t, r.runner->status().desired_scale);
}

// kpa.go ReconcileKind is core's (core::autoscaler::kpa_reconcile: scaler gate, SKS mode and
// numActivators, PA Active condition, from the ready count read before the patch); this applies
// it: Deployment replicas, the activator subset, the SKS's effective mode, a requeue.
void Simulation::reconcile_pa(int rev, Seconds t, std::int32_t desired) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  if (r.deleted) return;
  ca::KpaReconcileInput in;
  in.settings = r.scaler;
  in.decider_desired_scale = desired;
  in.excess_burst_capacity = r.runner->status().excess_burst_capacity;
  in.total_value = r.resolved.decider.total_value;
  in.target_burst_capacity = r.resolved.decider.target_burst_capacity;
  in.activator_capacity = r.resolved.decider.activator_capacity;
  in.deployment_replicas = r.replicas;
  in.ready_pods = ready_count(r);
  in.reachability = r.pa.spec.reachability;
  const auto d = ca::kpa_reconcile(in, r.pa, r.sks, t);
  if (d.scale.apply && d.scale.scale >= 0 && d.scale.scale != r.replicas) {
    emit(reports::ScaleEvent{r.name, r.replicas, d.scale.scale, d.scale.reason});
    r.replicas = d.scale.scale;
    reconcile_deployment(rev);
  }
  activator_subset_changed(rev);  // the SKS's public endpoints in Proxy mode follow numActivators
  set_mode(rev, d.sks_mode, d.mode_reason);
  if (d.scale.requeue_after) {
    const auto gen = ++r.requeue_generation;
    after(std::max(0.001, *d.scale.requeue_after), [this, rev, gen] {
      Revision& rr = revisions_[static_cast<std::size_t>(rev)];
      if (rr.requeue_generation == gen) reconcile_pa(rev, now(), rr.runner->status().desired_scale);
    });
  }
}

// The SKS reconciler (core::autoscaler::update_sks_status): the effective mode is the asked mode,
// forced to Proxy while the revision has no ready endpoint; the reason of a change is core's
// effective_mode_reason. The activator pods are always ready (not modelled).
void Simulation::set_mode(int rev, SksMode mode, const std::string& reason) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  r.sks.spec.mode = mode;
  const SksMode before = r.sks.status.effective_mode;
  const auto activators = static_cast<std::int32_t>(r.activators.size());
  ca::update_sks_status(r.sks.spec, ready_count(r), activators, now(), r.sks.status);
  revision_integrals(r);
  if (r.sks.status.effective_mode != before)
    emit(reports::ModeSwitch{r.name, core::api::to_string(r.sks.status.effective_mode),
                             ca::effective_mode_reason(mode, ready_count(r), activators, reason)});
}

// The HPA class (core/autoscaler/hpa_autoscaler): every 15 s with the pods' mean CPU
// utilisation of their request (CPU seconds started in the period / period / ready pods / request).
void Simulation::hpa_tick(int rev, Seconds t) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  if (!r.hpa_scaler) {
    r.hpa_scaler = std::make_unique<ca::HpaAutoscaler>(ca::make_hpa_spec(
        r.scaler.min_scale, r.scaler.max_scale, r.annotations.metric.value_or("cpu"), r.annotations.target,
        r.annotations.window));
  }
  const int ready = ready_count(r);
  std::optional<double> utilisation;
  if (ready > 0 && r.cpu_request > 0) utilisation = 100.0 * r.cpu_area / ca::kHpaSyncPeriod / ready / r.cpu_request;
  r.cpu_area = 0;
  const auto d = r.hpa_scaler->reconcile(r.replicas, ready, utilisation, t);
  if (d.desired != r.replicas && d.desired > 0) {
    emit(reports::AutoscalerDecision{r.name, d.desired, 0, utilisation.value_or(0), utilisation.value_or(0),
                                     r.hpa_scaler->spec().target, ready, false, "hpa: " + d.reason});
    emit(reports::ScaleEvent{r.name, r.replicas, d.desired, "HPA " + d.reason});
    r.replicas = d.desired;
    reconcile_deployment(rev);
  }
  r.pa.status.desired_scale = r.replicas;
  set_mode(rev, SksMode::kServe, "HPA class");
}

}  // namespace knsim::sim
