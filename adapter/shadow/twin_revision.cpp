// See twin_revision.hpp. Every step is core::autoscaler::RevisionAutoscaler's, in the order the
// simulator's sim/revision_control.cpp drives it (scrape, activator stat, decider tick, reconcile).
#include "adapter/shadow/twin_revision.hpp"

#include "core/api/keys.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/time/time.hpp"

namespace knsim::adapter {

namespace ca = core::autoscaler;
namespace cm = core::metrics;

namespace {

// config-deployment progress-deadline default (the live cluster's ConfigMap is not read).
constexpr Seconds kClusterProgressDeadline = 600;

ca::RevisionAutoscalerSpec autoscaler_spec(const TwinSettings& settings) {
  ca::RevisionAutoscalerSpec s;
  s.annotations = core::config::parse_revision_annotations(settings.annotations);
  s.container_concurrency = settings.container_concurrency;
  s.reachability = settings.reachability;
  if (auto it = settings.annotations.find(core::api::keys::kProgressDeadlineAnnotation);
      it != settings.annotations.end())
    s.progress_deadline = core::parse_duration(it->second);
  return s;
}

}  // namespace

TwinRevision::TwinRevision(const core::config::AutoscalerConfig& config, const TwinSettings& settings,
                           const TwinStart& start, Seconds now, std::uint64_t seed, const std::string& name)
    : settings_(settings), replicas_(start.desired_scale), rng_(core::Rng::derive(seed, "shadow/" + name)) {
  // The twin joins a running revision: its PA starts from the live PA's state.
  using core::api::ConditionStatus;
  ca::PaStart pa;
  pa.active = start.pa_inactive ? ConditionStatus::kFalse
              : start.pa_active ? ConditionStatus::kTrue
                                : ConditionStatus::kUnknown;
  pa.active_reason = start.pa_inactive ? "NoTraffic" : (start.pa_active ? "" : "Queued");
  pa.scale_target_initialized = start.pa_active;
  pa.desired_scale = start.desired_scale.value_or(-1);
  kpa_ = std::make_unique<ca::RevisionAutoscaler>(config, kClusterProgressDeadline, autoscaler_spec(settings), pa, now);
}

void TwinRevision::update(const core::config::AutoscalerConfig& config, const TwinSettings& settings, Seconds now) {
  settings_ = settings;
  kpa_->update(config, kClusterProgressDeadline, autoscaler_spec(settings), now);
}

void TwinRevision::record_pod_stats(const std::vector<cm::Stat>& ready_pods, Seconds now) {
  kpa_->record_pod_stats(ready_pods, now, rng_);
}

bool TwinRevision::record_activator_stat(const cm::Stat& stat, Seconds now, int ready_pods) {
  if (!kpa_->record_activator_stat(stat, now)) return false;
  tick(now, ready_pods);
  return true;
}

TwinDecision TwinRevision::tick(Seconds now, int ready_pods) {
  const ca::DeciderStep step = kpa_->decide(now, ready_pods);
  TwinDecision d;
  d.valid = step.result.scale_valid;
  d.decider_desired = d.valid ? step.result.desired_pod_count : -1;
  d.panic = kpa_->runner().decider().in_panic();
  d.ebc = kpa_->runner().status().excess_burst_capacity;
  d.stable = step.result.observed_stable;
  d.panic_value = step.result.observed_panic;
  d.reason = ca::explain_scale(step.result);
  // The KPA reconcile, without a cluster to patch: the twin's replicas follow its own applied want.
  const auto r = kpa_->reconcile(now, ready_pods, replicas_);
  if (r.scale.apply && r.scale.scale >= 0) replicas_ = r.scale.scale;
  d.desired = kpa_->pa().status.desired_scale;
  d.mode = r.sks_mode;
  return d;
}

}  // namespace knsim::adapter
