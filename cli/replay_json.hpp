#pragma once
// JSON <-> the autoscaler replay (contract: docs/spec/autoscaler-replay.md).
// parse_replay_json reads a scenario object or {"scenario": {...}, ...} into a ReplayInput and
// lists every problem with its JSON path; format_replay_tick writes one output line.
#include <string>
#include <string_view>
#include <vector>

#include "core/autoscaler/replay.hpp"

namespace knsim::cli {

struct ReplayParse {
  core::autoscaler::ReplayInput input;
  std::vector<std::string> errors;  // "$.scenario.events[3].ready_pods: expected ..." (empty: ok)
  std::string root_path = "$";       // "$" for a bare scenario, "$.scenario" when wrapped
  bool ok() const { return errors.empty(); }
};

// Parses the replay input. Fields: name?, config? {string: string|number|bool},
// annotations? {string: string|number|bool}, container_concurrency? (int >= 0, default 0),
// initial_ready_pods? (int >= 0, default 0), reachable? (bool, default true), events (array):
//   {"t": number, "kind": "stat", "pod"?: string, "concurrency": number, "rps": number,
//    "proxied_concurrency"?: number, "proxied_rps"?: number}
//   {"t": number, "kind": "tick", "ready_pods": int >= 0}
// Tick times must not decrease. Unknown keys are ignored.
ReplayParse parse_replay_json(std::string_view text);

// One JSON line (no newline): {"t": 2.0, "desired": 1, "ebc": 5, "panic": false, "valid": true}
// plus, with explain, "observed_stable", "observed_panic", "informed" and "reason".
std::string format_replay_tick(const core::autoscaler::ReplayTick& tick, bool explain);

// A JSON number as Python's json writes a float: shortest round-trip digits, always with a
// decimal point or exponent ("2.0", "0.1", "1e+16").
std::string format_json_float(double value);

}  // namespace knsim::cli
