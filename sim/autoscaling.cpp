// The autoscaling control loops, driven in simulated time: queue-proxy stats every 1 s and the
// autoscaler's scraper (pod sampling), activator stats (and the first-request poke), the decider
// tick every 2 s, and the KPA reconciler (scaler gate, PA Active condition, SKS mode). Every
// decision is the core's (core/metrics, core/autoscaler); this file collects inputs and applies.
#include <algorithm>
#include <cmath>

#include "core/autoscaler/pa_active_condition.hpp"
#include "core/autoscaler/sks_mode.hpp"
#include "core/metrics/sample_size.hpp"
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
  const bool tick = static_cast<std::int64_t>(std::llround(t)) % 2 == 0;
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    Revision& r = revisions_[i];
    if (r.deleted && r.pods.empty()) continue;
    if (r.hpa) {
      if (static_cast<std::int64_t>(std::llround(t)) % 15 == 0) hpa_tick(static_cast<int>(i), t);
      continue;
    }
    report_and_scrape(static_cast<int>(i), t);
    activator_report(static_cast<int>(i), t);
    if (tick) decider_tick(static_cast<int>(i), t, "tick");
  }
  if (t + 1 < duration()) at(t + 1, [this] { stats_loop(); });
}

// Queue-proxy reports every pod's Stat each second; the scraper samples n of the N ready pods
// (older than the stable window first), sums them and extrapolates by N/n (docs/spec/serving.md 2.2).
void Simulation::report_and_scrape(int rev, Seconds t) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  std::vector<std::pair<int, cm::Stat>> ready;
  for (int pi : r.pods) {
    Pod& p = pods_[static_cast<std::size_t>(pi)];
    if (p.phase != PodPhase::kReady) continue;
    cm::Stat s = p.qp.report(p.name, t, t - p.ready_at);
    ready.emplace_back(pi, std::move(s));
  }
  if (!r.resolved.metric.scrape_target_set || ready.empty()) return;
  const auto population = static_cast<std::int32_t>(ready.size());
  const auto n = static_cast<std::size_t>(cm::population_mean_sample_size(population));
  std::vector<std::size_t> old_pods, young_pods;
  for (std::size_t k = 0; k < ready.size(); ++k)
    (ready[k].second.process_uptime >= r.resolved.metric.stable_window ? old_pods : young_pods).push_back(k);
  // Random sample without replacement: shuffle the old pods, then the young ones.
  auto shuffle = [this](std::vector<std::size_t>& v) {
    for (std::size_t k = v.size(); k > 1; --k) std::swap(v[k - 1], v[static_cast<std::size_t>(scrape_rng_.below(k))]);
  };
  if (n < ready.size()) {
    shuffle(old_pods);
    shuffle(young_pods);
  }
  old_pods.insert(old_pods.end(), young_pods.begin(), young_pods.end());
  cm::Stat sum;
  sum.time = t;
  sum.pod_name = "scrape";
  for (std::size_t k = 0; k < n && k < old_pods.size(); ++k) cm::add_stat(sum, ready[old_pods[k]].second);
  cm::extrapolate_stat(sum, static_cast<double>(n), static_cast<double>(population));
  r.collector->record(t, sum);
}

// Every activator's concurrency reporter (core/dataplane/activator_stats, docs/spec/serving.md 2.3), in
// activator order: one Stat per revision per second while it has an entry; the immediate
// first-request stat is subtracted from the next report. The collector sums the stats of the same
// second, so the revision's activator-side concurrency is the sum over activators.
void Simulation::activator_report(int rev, Seconds t) {
  const std::size_t n = revisions_[static_cast<std::size_t>(rev)].activators.size();
  for (std::size_t ai = 0; ai < n; ++ai) {
    // Taken by value, the revision re-indexed: a stat may poke the decider (and a reconcile).
    auto stats = revisions_[static_cast<std::size_t>(rev)].activators[ai].stats.report(t);
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

// kpa.go ReconcileKind: scaler gate -> Deployment replicas; SKS mode; PA Active condition.
void Simulation::reconcile_pa(int rev, Seconds t, std::int32_t desired) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  if (r.deleted) return;
  auto& pa = r.pa.status;
  ca::KpaScalerInput in;
  in.desired_scale = desired;
  in.deployment_replicas = r.replicas;
  in.pa = pa;
  in.reachability = r.pa.spec.reachability;
  in.sks_spec_mode = r.sks.spec.mode;
  in.sks_proxy_for = r.sks.status.proxy_for(t);
  const auto d = ca::kpa_scale(r.scaler, in, t);
  if (d.apply && d.scale >= 0 && d.scale != r.replicas) {
    emit(reports::ScaleEvent{r.name, r.replicas, d.scale, d.reason});
    r.replicas = d.scale;
    reconcile_deployment(rev);
  }
  const std::int32_t want = d.scale;
  const int ready = ready_count(r);
  const auto mode = ca::sks_spec_mode(want, r.runner->status().excess_burst_capacity, pa.is_inactive());
  r.sks.spec.num_activators = ca::num_activators(ready, r.resolved.decider.total_value,
                                                 r.resolved.decider.target_burst_capacity,
                                                 r.resolved.decider.activator_capacity);
  activator_subset_changed(rev);  // the SKS's public endpoints in Proxy mode follow numActivators
  set_mode(rev, mode.mode, mode.reason);
  const bool reachable = r.pa.spec.reachability != core::api::Reachability::kUnreachable;
  ca::compute_active_condition(pa, ca::PodCounts{want, ready}, reachable ? r.scaler.min_scale : 0,
                               r.scaler.initial_scale, t);
  pa.desired_scale = want;
  pa.actual_scale = ready;
  if (d.requeue_after) {
    const auto gen = ++r.requeue_generation;
    after(std::max(0.001, *d.requeue_after), [this, rev, gen] {
      Revision& rr = revisions_[static_cast<std::size_t>(rev)];
      if (rr.requeue_generation == gen) reconcile_pa(rev, now(), rr.runner->status().desired_scale);
    });
  }
}

// The SKS reconciler: the effective mode is the asked mode, forced to Proxy while the revision has
// no ready endpoint. ActivatorEndpointsPopulated (whose transition time is ProxyFor) is True iff
// the activators are the public endpoints.
void Simulation::set_mode(int rev, SksMode mode, const std::string& reason) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  r.sks.spec.mode = mode;
  const SksMode before = r.sks.status.effective_mode;
  // The activator pods are always ready (their own scheduling and failures are not modelled).
  ca::update_sks_status(r.sks.spec, ready_count(r), static_cast<std::int32_t>(r.activators.size()), now(),
                        r.sks.status);
  revision_integrals(r);
  if (r.sks.status.effective_mode != before)
    emit(reports::ModeSwitch{r.name, core::api::to_string(r.sks.status.effective_mode),
                             r.endpoints.empty() && mode == SksMode::kServe ? "NoReadyEndpoints" : reason});
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
