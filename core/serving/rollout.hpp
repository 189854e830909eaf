#pragma once
// Gradual rollout of a new revision (pkg/reconciler/route/traffic/rollout.go,
// pkg/reconciler/route/reconcile_resources.go; docs/spec/serving.md section 8). Times are Unix-like
// nanoseconds (int64) exactly as Knative computes them; use to_ns()/to_seconds() at the edges.
//
// Enabled per route when serving.knative.dev/rollout-duration > 0, else config-network
// rollout-duration > 0. For each (configuration, tag) with percent > 1:
//  1. a new latest revision takes 1% from the newest older revision with traffic (StartTime = now);
//  2. when the ingress is first Ready, observe_ready computes the steps:
//       minStep = max(1, ceil(elapsed s)); d = max(1, duration - minStep);
//       n = min(max(1, d / minStep), percent - 1); stepSize = round((percent - 1) / n);
//       stepDuration = d / n s; nextStep = now + stepDuration.
//     Example: duration 120 s, percent 100, ready after 2.4 s -> minStep 3, d 117, n 39,
//     stepSize 3, stepDuration 3 s.
//  3. every step moves stepSize% from the older revisions (newest-old first) to the newest,
//     capped at the configuration's percent; when one revision is left the rollout is done.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/serving/traffic.hpp"
#include "core/time/time.hpp"

namespace knsim::core::serving {

std::int64_t to_ns(Seconds s);
Seconds to_seconds(std::int64_t ns);

struct RevisionRollout {
  std::string revision_name;
  int percent = 0;  // share of the whole route's traffic
  bool operator==(const RevisionRollout&) const = default;
};

struct RolloutParams {
  std::int64_t start_time = 0;      // ns; set when a rollout starts
  std::int64_t next_step_time = 0;  // ns
  std::int64_t step_duration = 0;   // ns; 0 until observe_ready
  int step_size = 0;                // percent moved per step
  bool operator==(const RolloutParams&) const = default;
};

struct ConfigurationRollout {
  std::string configuration_name;
  std::string tag;  // "" = the main route
  int percent = 0;  // the configuration's total share; revisions sum to it
  std::vector<RevisionRollout> revisions;  // oldest first, newest last
  RolloutParams step_params;

  bool done() const { return revisions.size() < 2; }
  // computeProperties (pre: min_step_sec >= 1).
  void compute_properties(double now_ns, double min_step_sec, double duration_secs);
  bool operator==(const ConfigurationRollout&) const = default;
};

struct Rollout {
  std::vector<ConfigurationRollout> configurations;  // sorted by tag, then configuration name

  bool done() const;
  // Percent sums add up, no config over 100, step sizes in range.
  bool validate() const;
  // ObserveReady: computes step parameters of rollouts that started but have none yet.
  void observe_ready(std::int64_t now_ns, double duration_secs);
  // Step: merges with the previous state, starting new rollouts and moving due steps. Returns the
  // new state and the earliest next step time (0 = none scheduled).
  std::pair<Rollout, std::int64_t> step(const Rollout* previous, std::int64_t now_ns) const;
};

// BuildRollout: the desired state from a traffic config: for each tag, each latestRevision
// target becomes a ConfigurationRollout with its revision at the target's percent.
Rollout build_rollout(const TrafficConfig& traffic);

// Rewrites the traffic config so each rolled-out configuration's share is split over its
// rollout revisions (the newest keeps latestRevision: true).
TrafficConfig apply_rollout(const TrafficConfig& traffic, const Rollout& rollout);

// Effective rollout duration: the route annotation if set (> 0), else config-network's.
std::int64_t rollout_duration_seconds(const std::optional<Seconds>& route_annotation,
                                      std::int64_t network_rollout_duration);

// One route reconcile's rollout handling (reconcile_resources.go reconcileIngress): with a
// duration > 0 the desired state is stepped from `previous`; when the ingress is Ready the step
// parameters of new rollouts are computed. `programmed` is the traffic to send; requeue the route
// at `next_step_ns` (0 = nothing scheduled). Keep `state` as the next call's `previous`.
struct RolloutDecision {
  Rollout state;
  TrafficConfig programmed;
  std::int64_t next_step_ns = 0;
};
RolloutDecision reconcile_rollout(const TrafficConfig& traffic, const std::optional<Rollout>& previous,
                                  std::int64_t now_ns, std::int64_t duration_seconds, bool ingress_ready);

// Helpers of stepConfig, exposed for tests.
void adjust_percentage(int goal, ConfigurationRollout& rollout);
void step_revisions(ConfigurationRollout& goal, std::int64_t now_ns);
ConfigurationRollout step_config(const ConfigurationRollout& goal, ConfigurationRollout previous,
                                 std::int64_t now_ns);

}  // namespace knsim::core::serving
