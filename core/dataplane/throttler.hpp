#pragma once
// The activator's per-revision throttler (pkg/activator/net/throttler.go revisionThrottler) as a
// discrete-event data structure: an outer revision breaker whose capacity follows the pods this
// activator is assigned, per-pod trackers (CC slots each; unlimited for CC 0) and the load
// balancing policy of lb_policy.hpp. Requests that cannot be placed wait FIFO in the breaker queue.
//
// Capacity (calculateCapacity), worked example: CC 10, 7 ready pods, 3 activators, this activator
// index 1 -> assignSlice gives it pods [2, 4) plus remnant pod 6 -> 3 trackers -> capacity 30.
// With CC 0 the breaker is Knative's "infinite breaker": closed (all wait) with no pods, open
// (nobody waits) with at least one.
//
// Costs per request: try_request O(1) for CC 0 and amortised O(1) + O(pods) worst case for the
// slot search of CC > 0 (as Knative); release O(1) expected. No allocation per request once the
// queue has grown to its peak.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/dataplane/breaker.hpp"
#include "core/dataplane/lb_policy.hpp"
#include "core/dataplane/request_queue.hpp"
#include "core/random/rng.hpp"

namespace knsim::core::dataplane {

// Activator defaults (cmd/activator/main.go, throttler.go).
inline constexpr std::int64_t kActivatorBreakerQueueDepth = 10000;
inline constexpr std::int64_t kRevisionMaxConcurrency = kMaxBreakerCapacity;

// A ready (probe-healthy) pod of the revision. `ip` orders pods for subsetting.
struct Backend {
  std::uint32_t pod = 0;
  std::string ip;
};

// calculateCapacity. num_trackers > 0: direct pod routing, CC x trackers; otherwise cluster-IP
// routing, CC x backends / activators (at least 1 when > 0). CC 0 with backends, or a value over
// the maximum, gives kRevisionMaxConcurrency; no backends gives 0.
std::int64_t calculate_capacity(std::int64_t container_concurrency, std::int64_t backend_count,
                                std::int64_t num_trackers, std::int64_t activator_count);

// assignSlice over pods sorted by ip: indices (into `sorted_ips`) this activator takes.
// self_index -1 (unknown) or num_activators <= 1: all pods.
std::vector<std::size_t> assign_slice(std::size_t num_pods, int self_index, int num_activators);

// A request that left the queue and was sent to a pod.
struct Dispatch {
  RequestId request = 0;
  std::uint32_t pod = 0;
};

struct ThrottleResult {
  Admission admission = Admission::kQueued;  // kAdmitted: sent to `pod` now
  std::uint32_t pod = 0;
};

class RevisionThrottler {
 public:
  explicit RevisionThrottler(std::int64_t container_concurrency,
                             std::int64_t queue_depth = kActivatorBreakerQueueDepth);

  // New set of ready pods, this activator's index among `num_activators` (-1 = unknown).
  // Recomputes the assigned trackers (keeping in-flight counts of pods that stay) and the
  // capacity; requests that can now run are appended to `started`.
  void update_backends(std::vector<Backend> pods, int self_index, int num_activators, Rng& rng,
                       std::vector<Dispatch>& started);
  // A request arrives (after the concurrency reporter).
  ThrottleResult try_request(RequestId id, Rng& rng);
  // The request sent to `pod` finished; queued requests that can now run go to `started`.
  void release(std::uint32_t pod, Rng& rng, std::vector<Dispatch>& started);
  // A queued request hit its deadline (the driver answers 503). Precondition: it is queued.
  void cancel(RequestId id);

  // Visits the queued requests, oldest first.
  template <class F>
  void for_each_queued(F&& f) const { queue_.for_each(f); }

  std::int64_t capacity() const { return capacity_; }
  std::int64_t in_flight() const { return in_flight_; }
  std::int64_t queued() const { return static_cast<std::int64_t>(queue_.size()); }
  std::size_t assigned_pods() const { return trackers_.size(); }
  LbPolicyKind policy() const { return policy_; }
  std::int64_t container_concurrency() const { return cc_; }

 private:
  bool place(std::uint32_t& pod, Rng& rng);  // reserve a breaker slot and a pod slot
  void drain(Rng& rng, std::vector<Dispatch>& started);

  std::int64_t cc_;
  std::int64_t queue_depth_;
  LbPolicyKind policy_;
  std::int64_t capacity_ = 0;
  std::int64_t in_flight_ = 0;
  std::size_t round_robin_index_ = 0;
  std::vector<PodTracker> trackers_;                          // this activator's slice, ip order
  std::unordered_map<std::uint32_t, std::size_t> tracker_of_;  // pod -> index in trackers_ (lookup only)
  RequestQueue queue_;
};

}  // namespace knsim::core::dataplane
