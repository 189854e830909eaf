#pragma once
// The control plane's path of a scale-up as a chain of work queues (core/kubernetes/work_queue.hpp):
// the Knative controllers (the autoscaler's decision reconciled into the PodAutoscaler and the
// Deployment's scale) and the Kubernetes API server (the ReplicaSet and its pod objects) once per
// scale-up, then per pod the scheduler (the binding) and, on the chosen node, the kubelet (sandbox
// and container creation). The first three are shared by the whole cluster; the kubelet's queue is
// one per node. (Per scale-up, not per pod, for the first two: a ReplicaSet creates a batch of pods
// from one reconcile, and a scale from 3 to 50 pods does not take 17 s of API-server time.)
//
// Defaults reproduce Dirigent's measurements of Knative's cold-start latency against the cold-start
// rate, where every cold start is one scale-up of one pod (docs/calibration.md): two shared
// servers at 2.9/s and 2.7/s with exponential service make the median cold start grow from ~1.8 s
// at 1/s to ~2.5 s at 2/s and diverge from ~3/s; the scheduler (25/s) and the kubelet (10/s per
// node) are not bottlenecks on Dirigent's 17 nodes. These rates are fitted, not measured per
// component: no public per-component throughput figure exists for Knative's cold-start path;
// `knsim cluster compare` measures the whole path on a user's own cluster.
// Worked example (constant service, all latencies 0, rates: controllers 2/s, API server 4/s,
// scheduler 4/s, kubelet 4/s): one scale-up by one pod at t = 0 -> controllers done 0.5, API
// server 0.75, scheduler 1.0, kubelet 1.25. A second one at t = 0 waits at the controllers: 1.0,
// 1.25, 1.5, 1.75.
//
// Controllers reconcile by key (client-go's work queue): a key added while it is already queued,
// not yet taken by a worker, is not queued again; the one reconcile that runs reads the latest
// desired scale. So a second scale-up of the same Deployment, decided while its first still waits
// for the controllers, joins the first: its pods exist when the first's do, and it costs the
// controllers and the API server nothing more. (Without this, a fleet whose scale-ups outpace the
// controllers queued one item per autoscaler decision, and the backlog grew without bound: hours
// of it in a 1,000-Service day. Keyed, the queue holds at most one waiting item per Deployment.)
// Worked example (the rates above): scale-ups of Deployment A at t = 0 and 0.2 and of B at 0.1:
// A's first is taken at 0 (done 0.75); B waits until 0.5 (done 1.25); A's second, at 0.2, finds
// no A waiting (A's first is being processed) and waits until 1.0 (done 1.75). A third A at 0.3
// joins the second: 1.75 too.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/kubernetes/work_queue.hpp"
#include "core/random/rng.hpp"
#include "core/time/time.hpp"

namespace knsim::core::kubernetes {

struct ControlPlaneSettings {
  WorkQueueSettings knative_controllers{2.9, 0, ServiceTime::kExponential};
  WorkQueueSettings api_server{2.7, 0, ServiceTime::kExponential};
  WorkQueueSettings scheduler{25, 0, ServiceTime::kExponential};
  WorkQueueSettings kubelet_pod_start{10, 0, ServiceTime::kExponential};  // per node
};

struct PodCreationTimes {
  Seconds requested = 0;   // the autoscaler decided on more pods
  Seconds reconciled = 0;  // the Knative controllers scaled the Deployment
  Seconds created = 0;     // the API server holds the pod objects (Pending)
  Seconds bound = 0;       // the scheduler bound this pod to a node
};

class ControlPlane {
 public:
  explicit ControlPlane(const ControlPlaneSettings& settings = {});

  // One scale-up decided at `t` (any number of pods): the Knative controllers, then the API
  // server. Returns when the new pod objects exist. Call in time order (FIFO per queue); draws
  // from `rng` once per rate-limited exponential stage.
  PodCreationTimes scale_up(Seconds t, Rng& rng);
  // The same for Deployment `key`; while an earlier scale-up of `key` waits for the controllers
  // (t before it is taken), this one joins it: its times, no draw.
  PodCreationTimes scale_up(Seconds t, Rng& rng, std::uint64_t key);
  // The scheduler binding one pod whose object exists from `created`.
  WorkQueueResult schedule(Seconds created, Rng& rng);
  // A scale-up by one pod: scale_up then schedule (one cold start of Dirigent's measurement).
  PodCreationTimes create_pod(Seconds t, Rng& rng);
  // The kubelet on node `node` starting a pod bound at `bound`: when its containers start.
  WorkQueueResult kubelet_start(std::size_t node, Seconds bound, Rng& rng);

  const ControlPlaneSettings& settings() const { return settings_; }

 private:
  ControlPlaneSettings settings_;
  WorkQueue controllers_, api_server_, scheduler_;
  std::vector<WorkQueue> kubelets_;  // grown on first use of a node index
  struct Queued {
    Seconds taken = 0;  // the controllers take it (WorkQueueResult::started)
    PodCreationTimes times;
  };
  // One scale-up through the controllers and the API server (bound = created).
  Queued queue_scale_up(Seconds t, Rng& rng);
  std::unordered_map<std::uint64_t, Queued> last_by_key_;  // each key's latest scale-up
};

}  // namespace knsim::core::kubernetes
