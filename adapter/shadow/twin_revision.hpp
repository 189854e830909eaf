#pragma once
// One revision's twin autoscaler in wall-clock time: core's revision control loop
// (core/autoscaler/revision_autoscaler: the one the simulator's sim/revision_control.cpp drives),
// fed with what the live cluster reports instead of simulated pods:
//   every 1 s  record_pod_stats: the scraper's sample of the Stats the ready pods served
//              (n of N, old pods first, x N/n), recorded in the revision's MetricCollector;
//   any time   record_activator_stat: the activator's share (from Prometheus), recorded; it may poke
//              the decider at once (MultiScalerRunner::should_poke, scale from zero);
//   every 2 s  tick: the KPA decider, then the KPA reconcile (min/max/initial scale, the
//              scale-to-zero gate, the SKS mode) on the twin's own PA and SKS objects.
// Nothing here decides: every rule is core's. `desired` is what the twin's reconciler would write to
// the PA's status.desiredScale (kpa.go `want`), so it compares with the real PA's desiredScale. The
// twin never patches the cluster: its Deployment replicas follow its own applied `want`.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"
#include "core/autoscaler/decider_spec.hpp"
#include "core/autoscaler/revision_autoscaler.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/metrics/stat.hpp"
#include "core/random/rng.hpp"

namespace knsim::adapter {

using core::Seconds;

// What the cluster says about a revision's autoscaling set-up (from its PodAutoscaler).
struct TwinSettings {
  std::map<std::string, std::string> annotations;   // the PA's annotations (= the revision's)
  std::int32_t container_concurrency = 0;           // PA spec.containerConcurrency
  core::api::Reachability reachability = core::api::Reachability::kUnknown;   // PA spec.reachability
  bool operator==(const TwinSettings&) const = default;
};

// The real PA's state when the twin starts, so the twin joins a running revision (not a new one).
struct TwinStart {
  std::optional<std::int32_t> desired_scale;   // real status.desiredScale (the twin's replicas start here)
  bool pa_active = true;                       // real Active condition True (else Unknown/False)
  bool pa_inactive = false;                    // real Active condition False
};

// One decider tick of the twin.
struct TwinDecision {
  std::int32_t desired = -1;          // the twin PA's desiredScale (kpa.go want); -1 = unknown
  std::int32_t decider_desired = -1;  // the decider's DesiredPodCount (before bounds); -1 = no decision
  bool valid = false;                 // the decider decided (the stable window had data)
  bool panic = false;
  std::int32_t ebc = 0;               // ExcessBurstCapacity
  core::api::SksMode mode = core::api::SksMode::kProxy;   // the SKS spec.mode the twin would ask
  double stable = 0.0;                // observed stable concurrency (or rps)
  double panic_value = 0.0;           // observed panic concurrency (or rps)
  std::string reason;                 // core's one-line reason
};

class TwinRevision {
 public:
  // `now` is the shadow's clock (seconds from its start); `seed` makes the pod sample reproducible.
  TwinRevision(const core::config::AutoscalerConfig& config, const TwinSettings& settings, const TwinStart& start,
               Seconds now, std::uint64_t seed, const std::string& name);

  // The PA's annotations or containerConcurrency changed: Knative's MultiScaler.Update.
  void update(const core::config::AutoscalerConfig& config, const TwinSettings& settings, Seconds now);

  // One scrape at `now` over the Stats of the ready pods that answered (nothing when empty).
  void record_pod_stats(const std::vector<core::metrics::Stat>& ready_pods, Seconds now);
  // The activator's stat at `now`; true when it poked the decider (a tick ran at once).
  bool record_activator_stat(const core::metrics::Stat& stat, Seconds now, int ready_pods);

  // One decider tick and reconcile at `now` with the cluster's ready pod count.
  TwinDecision tick(Seconds now, int ready_pods);

  const core::autoscaler::ResolvedAutoscaling& resolved() const { return kpa_->resolved(); }
  const TwinSettings& settings() const { return settings_; }

 private:
  TwinSettings settings_;
  std::unique_ptr<core::autoscaler::RevisionAutoscaler> kpa_;
  std::optional<std::int32_t> replicas_;   // the twin's Deployment replicas (what its reconciler applied)
  core::Rng rng_;
};

}  // namespace knsim::adapter
