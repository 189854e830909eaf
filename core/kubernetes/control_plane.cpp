#include "core/kubernetes/control_plane.hpp"

namespace knsim::core::kubernetes {

ControlPlane::ControlPlane(const ControlPlaneSettings& settings)
    : settings_(settings),
      controllers_(settings.knative_controllers),
      api_server_(settings.api_server),
      scheduler_(settings.scheduler) {}

PodCreationTimes ControlPlane::scale_up(Seconds t, Rng& rng) { return queue_scale_up(t, rng).times; }

PodCreationTimes ControlPlane::scale_up(Seconds t, Rng& rng, std::uint64_t key) {
  const auto it = last_by_key_.find(key);
  if (it != last_by_key_.end() && t < it->second.taken) {
    PodCreationTimes joined = it->second.times;
    joined.requested = t;
    return joined;
  }
  const Queued q = queue_scale_up(t, rng);
  last_by_key_[key] = q;
  return q.times;
}

ControlPlane::Queued ControlPlane::queue_scale_up(Seconds t, Rng& rng) {
  Queued q;
  q.times.requested = t;
  const WorkQueueResult controllers = controllers_.submit(t, rng);
  q.taken = controllers.started;
  q.times.reconciled = controllers.completed;
  q.times.created = api_server_.submit(q.times.reconciled, rng).completed;
  q.times.bound = q.times.created;
  return q;
}

WorkQueueResult ControlPlane::schedule(Seconds created, Rng& rng) { return scheduler_.submit(created, rng); }

PodCreationTimes ControlPlane::create_pod(Seconds t, Rng& rng) {
  PodCreationTimes p = scale_up(t, rng);
  p.bound = schedule(p.created, rng).completed;
  return p;
}

WorkQueueResult ControlPlane::kubelet_start(std::size_t node, Seconds bound, Rng& rng) {
  while (kubelets_.size() <= node) kubelets_.emplace_back(settings_.kubelet_pod_start);
  return kubelets_[node].submit(bound, rng);
}

}  // namespace knsim::core::kubernetes
