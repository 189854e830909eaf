#pragma once
// The activator's load-balancing policies over this activator's pod trackers
// (pkg/activator/net/lb_policy.go), chosen by containerConcurrency (throttler.go):
//   CC == 0 -> random choice of 2 (power of two choices on in-flight weight, ties at random);
//   CC <= 3 -> first available (first tracker with a free slot);
//   CC > 3  -> round robin over trackers with a free slot, starting after the last pick.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/random/rng.hpp"

namespace knsim::core::dataplane {

enum class LbPolicyKind { kRandomChoice2, kFirstAvailable, kRoundRobin };

LbPolicyKind lb_policy_for(std::int64_t container_concurrency);
const char* to_string(LbPolicyKind kind);

// One pod as this activator sees it: requests it has in flight and its slot limit (CC; 0 = none).
struct PodTracker {
  std::uint32_t pod = 0;    // driver's pod id
  std::int64_t in_flight = 0;
  bool has_slot(std::int64_t cc) const { return cc == 0 || in_flight < cc; }
};

// Picks a tracker index (it does not reserve the slot). `round_robin_index` is the policy's
// state (Knative's idx), updated on a pick. nullopt when no tracker has a free slot.
std::optional<std::size_t> pick_tracker(LbPolicyKind kind, const std::vector<PodTracker>& trackers,
                                        std::int64_t container_concurrency, std::size_t& round_robin_index,
                                        Rng& rng);

}  // namespace knsim::core::dataplane
