// Activator revision throttler (pkg/activator/net/throttler.go).
#include "core/dataplane/throttler.hpp"

#include <algorithm>

namespace knsim::core::dataplane {

std::int64_t calculate_capacity(std::int64_t cc, std::int64_t backend_count, std::int64_t num_trackers,
                                std::int64_t activator_count) {
  std::int64_t target = 0;
  if (num_trackers > 0) {
    target = cc * num_trackers;
  } else {
    target = cc * backend_count;
    if (target > 0) target = std::max<std::int64_t>(1, target / std::max<std::int64_t>(1, activator_count));
  }
  if (backend_count > 0 && (cc == 0 || target > kRevisionMaxConcurrency)) target = kRevisionMaxConcurrency;
  return target;
}

std::vector<std::size_t> assign_slice(std::size_t num_pods, int self_index, int num_activators) {
  std::vector<std::size_t> out;
  if (num_pods == 0) return out;
  if (self_index < 0 || num_activators <= 1) {
    for (std::size_t i = 0; i < num_pods; ++i) out.push_back(i);
    return out;
  }
  const auto self = static_cast<std::size_t>(self_index);
  const auto n = static_cast<std::size_t>(num_activators);
  if (n > num_pods) {  // fewer pods than activators: one pod each, round robin
    out.push_back(self % num_pods);
    return out;
  }
  const std::size_t slice = num_pods / n;
  for (std::size_t i = self * slice; i < (self + 1) * slice; ++i) out.push_back(i);
  const std::size_t remnants = num_pods % n;
  if (remnants > 0 && self < remnants) out.push_back(num_pods - remnants + self);
  return out;
}

RevisionThrottler::RevisionThrottler(std::int64_t container_concurrency, std::int64_t queue_depth)
    : cc_(container_concurrency), queue_depth_(queue_depth), policy_(lb_policy_for(container_concurrency)) {}

void RevisionThrottler::update_backends(std::vector<Backend> pods, int self_index, int num_activators, Rng& rng,
                                        std::vector<Dispatch>& started) {
  std::sort(pods.begin(), pods.end(), [](const Backend& a, const Backend& b) {
    return a.ip != b.ip ? a.ip < b.ip : a.pod < b.pod;
  });
  // Subsetting applies to CC > 0 only; with CC 0 every activator uses every pod.
  const std::vector<std::size_t> mine =
      cc_ > 0 ? assign_slice(pods.size(), self_index, num_activators) : assign_slice(pods.size(), -1, 1);
  std::vector<PodTracker> next;
  next.reserve(mine.size());
  for (std::size_t i : mine) {
    PodTracker t{pods[i].pod, 0};
    if (auto it = tracker_of_.find(t.pod); it != tracker_of_.end()) t.in_flight = trackers_[it->second].in_flight;
    next.push_back(t);
  }
  trackers_.swap(next);
  tracker_of_.clear();
  for (std::size_t i = 0; i < trackers_.size(); ++i) tracker_of_[trackers_[i].pod] = i;
  capacity_ = calculate_capacity(cc_, static_cast<std::int64_t>(pods.size()),
                                 static_cast<std::int64_t>(trackers_.size()), std::max(1, num_activators));
  drain(rng, started);
}

bool RevisionThrottler::place(std::uint32_t& pod, Rng& rng) {
  if (in_flight_ >= capacity_ || trackers_.empty()) return false;
  auto idx = pick_tracker(policy_, trackers_, cc_, round_robin_index_, rng);
  if (!idx) return false;  // Knative re-enqueues: outer slot free but no pod slot
  ++trackers_[*idx].in_flight;
  ++in_flight_;
  pod = trackers_[*idx].pod;
  return true;
}

ThrottleResult RevisionThrottler::try_request(RequestId id, Rng& rng) {
  ThrottleResult r;
  if (in_flight_ + queued() >= queue_depth_ + kRevisionMaxConcurrency) {
    r.admission = Admission::kRejected;  // ErrRequestQueueFull -> 503
    return r;
  }
  if (queue_.empty() && place(r.pod, rng)) {
    r.admission = Admission::kAdmitted;
    return r;
  }
  queue_.push(id);
  r.admission = Admission::kQueued;
  return r;
}

void RevisionThrottler::release(std::uint32_t pod, Rng& rng, std::vector<Dispatch>& started) {
  if (in_flight_ > 0) --in_flight_;
  if (auto it = tracker_of_.find(pod); it != tracker_of_.end() && trackers_[it->second].in_flight > 0) {
    --trackers_[it->second].in_flight;
  }
  drain(rng, started);
}

void RevisionThrottler::cancel(RequestId id) { queue_.cancel(id); }

void RevisionThrottler::drain(Rng& rng, std::vector<Dispatch>& started) {
  while (!queue_.empty()) {
    std::uint32_t pod = 0;
    if (!place(pod, rng)) return;
    auto id = queue_.pop();
    if (!id) {  // only cancelled entries were left: give the slot back
      --in_flight_;
      --trackers_[tracker_of_.at(pod)].in_flight;
      return;
    }
    started.push_back({*id, pod});
  }
}

}  // namespace knsim::core::dataplane
