// Load-balancing policies (pkg/activator/net/lb_policy.go).
#include "core/dataplane/lb_policy.hpp"

namespace knsim::core::dataplane {
namespace {

// randomChoice2Policy: two distinct random trackers, the lighter wins, a tie is a coin flip.
// CC is 0 here, so there is no slot limit. Example: weights {3, 1, 5}, draws r1 = 0, r2 = 1 -> pod 1.
std::optional<std::size_t> random_choice_2(const std::vector<PodTracker>& t, Rng& rng) {
  const std::size_t l = t.size();
  if (l == 0) return std::nullopt;
  if (l == 1) return 0;
  std::size_t r1 = 0, r2 = 1;
  if (l > 2) {
    r1 = static_cast<std::size_t>(rng.below(l));
    r2 = static_cast<std::size_t>(rng.below(l - 1));
    if (r2 >= r1) ++r2;  // pick from [0, r1) U (r1, l)
  }
  std::size_t pick = r1;
  if (t[r1].in_flight > t[r2].in_flight) {
    pick = r2;
  } else if (t[r1].in_flight == t[r2].in_flight && rng.below(2) == 0) {
    pick = r2;
  }
  return pick;
}

std::optional<std::size_t> first_available(const std::vector<PodTracker>& t, std::int64_t cc) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].has_slot(cc)) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> round_robin(const std::vector<PodTracker>& t, std::int64_t cc, std::size_t& idx) {
  const std::size_t l = t.size();
  if (idx >= l) idx = 0;  // the tracker list may have shrunk
  for (std::size_t i = 0; i < l; ++i) {
    const std::size_t p = (idx + i) % l;
    if (t[p].has_slot(cc)) {
      idx = p + 1;
      return p;
    }
  }
  return std::nullopt;
}

}  // namespace

LbPolicyKind lb_policy_for(std::int64_t container_concurrency) {
  if (container_concurrency == 0) return LbPolicyKind::kRandomChoice2;
  if (container_concurrency <= 3) return LbPolicyKind::kFirstAvailable;
  return LbPolicyKind::kRoundRobin;
}

const char* to_string(LbPolicyKind kind) {
  switch (kind) {
    case LbPolicyKind::kRandomChoice2: return "random-choice-2";
    case LbPolicyKind::kFirstAvailable: return "first-available";
    case LbPolicyKind::kRoundRobin: break;
  }
  return "round-robin";
}

std::optional<std::size_t> pick_tracker(LbPolicyKind kind, const std::vector<PodTracker>& trackers,
                                        std::int64_t container_concurrency, std::size_t& round_robin_index,
                                        Rng& rng) {
  switch (kind) {
    case LbPolicyKind::kRandomChoice2: return random_choice_2(trackers, rng);
    case LbPolicyKind::kFirstAvailable: return first_available(trackers, container_concurrency);
    case LbPolicyKind::kRoundRobin: break;
  }
  return round_robin(trackers, container_concurrency, round_robin_index);
}

}  // namespace knsim::core::dataplane
