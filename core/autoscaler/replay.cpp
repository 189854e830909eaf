// The replay driver of `knsim autoscaler replay` (docs/spec/autoscaler-replay.md): Knative's
// collector (pkg/autoscaler/metrics/collector.go) fed by stat events and the multiscaler's
// runner (pkg/autoscaler/scaling/multiscaler.go) ticked by tick events, both created at t = 0.
#include "core/autoscaler/replay.hpp"

#include "core/autoscaler/multiscaler_runner.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/metrics/metric_collector.hpp"

namespace knsim::core::autoscaler {

ReplayOutput run_replay(const ReplayInput& input, bool explain) {
  ReplayOutput out;
  const config::AutoscalerConfigResult parsed = config::parse_autoscaler_config(input.config);
  if (!parsed.ok()) {
    out.errors = parsed.errors;
    return out;
  }
  const config::RevisionAnnotations annotations = config::parse_revision_annotations(input.annotations);
  out.resolved = resolve_autoscaling(parsed.config, annotations, input.container_concurrency, input.reachable);

  constexpr Seconds kStart = 0.0;
  metrics::MetricCollector collector(out.resolved.metric);
  MultiScalerRunner runner(out.resolved.decider, kStart, input.initial_ready_pods);

  std::size_t ticks = 0;
  for (const ReplayEvent& e : input.events) ticks += e.kind == ReplayEvent::Kind::kTick ? 1 : 0;
  out.ticks.reserve(ticks);

  for (const ReplayEvent& e : input.events) {
    if (e.kind == ReplayEvent::Kind::kStat) {
      collector.record(e.t, e.stat);
      continue;
    }
    MultiScalerRunner::Tick tick = runner.tick(e.t, ReadyPods{e.ready_pods, false}, collector);
    ReplayTick& rt = out.ticks.emplace_back();
    rt.t = e.t;
    rt.valid = tick.result.scale_valid;
    rt.desired = tick.result.scale_valid ? tick.result.desired_pod_count : 0;
    rt.ebc = tick.result.scale_valid ? tick.result.excess_burst_capacity : 0;
    rt.panic = runner.decider().in_panic();
    rt.observed_stable = tick.result.observed_stable;
    rt.observed_panic = tick.result.observed_panic;
    rt.informed = tick.informed;
    if (explain) rt.reason = explain_scale(tick.result);
  }
  return out;
}

}  // namespace knsim::core::autoscaler
