#pragma once
// `knsim autoscaler replay` as a pure function (contract: docs/spec/autoscaler-replay.md).
// A metric trace (stats and decider ticks) runs through the KPA collector and decider created at
// t = 0; one ReplayTick per tick. Time t is seconds from an epoch that is a Unix multiple of
// 3600 s, so floor(t) is the 1 s bucket and floor(t / 2) the scale-down-delay slot.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/autoscaler/decider_spec.hpp"
#include "core/config/autoscaler_config.hpp"
#include "core/metrics/stat.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

struct ReplayEvent {
  enum class Kind { kStat, kTick };
  Kind kind = Kind::kTick;
  Seconds t = 0.0;
  metrics::Stat stat;  // kStat: the stat (stat.time is ignored; t is used)
  int ready_pods = 0;  // kTick
};

struct ReplayInput {
  std::string name;
  std::map<std::string, std::string> config;       // config-autoscaler data (non-default keys)
  std::map<std::string, std::string> annotations;  // revision annotations
  std::int32_t container_concurrency = 0;
  int initial_ready_pods = 0;
  bool reachable = true;
  std::vector<ReplayEvent> events;                 // in order; tick times never decrease
};

struct ReplayTick {
  Seconds t = 0.0;
  std::int32_t desired = 0;  // 0 when invalid
  std::int32_t ebc = 0;      // 0 when invalid
  bool panic = false;        // panic state after the tick
  bool valid = false;
  double observed_stable = 0.0;
  double observed_panic = 0.0;
  bool informed = false;     // the runner would have informed the PA reconciler
  std::string reason;
};

struct ReplayOutput {
  std::vector<config::ConfigError> errors;  // invalid config: no ticks are produced
  ResolvedAutoscaling resolved;
  std::vector<ReplayTick> ticks;
  bool ok() const { return errors.empty(); }
};

// Runs the replay. Invalid config-autoscaler data gives errors and no ticks. Decreasing tick
// times are the caller's to reject (the CLI does); here they are processed as given.
// With explain false the ticks carry no `reason` (faster; observed values are always filled).
ReplayOutput run_replay(const ReplayInput& input, bool explain = true);

}  // namespace knsim::core::autoscaler
