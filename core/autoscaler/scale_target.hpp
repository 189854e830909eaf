#pragma once
// The seam between Knative's revision control loops (the scraper, the decider tick, the KPA/SKS
// reconcile, the HPA tick) and the cluster they control. The loops READ a revision's cluster
// through ScaleTargetReader and ACT through ScaleTargetWriter; they never see how pods, queue-
// proxies or activators are implemented. The simulator implements both over its parts (sim/:
// the cluster, the data path); the real-cluster adapter can implement them over a live cluster
// (ready endpoints from the API, Stats scraped from queue-proxies), so both run the same loops.
// Pure: core types only, told the time.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/api/serverless_service.hpp"
#include "core/autoscaler/hpa_replica_calculator.hpp"
#include "core/metrics/stat.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

// A revision's stable id among the parts that refer to it (never reused within a run).
struct RevisionId {
  std::uint32_t value = 0;
  friend auto operator<=>(RevisionId, RevisionId) = default;
};

// A pod's stable id (never reused within a run).
struct PodId {
  std::uint32_t value = 0;
  friend auto operator<=>(PodId, PodId) = default;
};

// What the control loops read of one revision's cluster.
class ScaleTargetReader {
 public:
  virtual ~ScaleTargetReader() = default;
  // Ready endpoints of the revision's private service (pods Ready).
  virtual std::int32_t ready_pods(RevisionId rev) const = 0;
  // Pods of the revision in any live phase (Pending .. Terminating).
  virtual std::int32_t live_pods(RevisionId rev) const = 0;
  // The Deployment's spec.replicas.
  virtual std::int32_t deployment_replicas(RevisionId rev) const = 0;
  // Activator pods of the cluster (each reports its own Stats; all are ready).
  virtual std::size_t activators() const = 0;
  // The Stat each Ready pod's queue-proxy reports at `now` (uptime = now - ready time; the pod name
  // may be left empty: the scraper reads only the numbers), in the revision's pod order: what the
  // scraper samples from. Replaces the contents of `out` (a buffer the caller keeps: these are
  // read every second for every revision).
  virtual void ready_pod_stats(RevisionId rev, Seconds now, std::vector<metrics::Stat>& out) = 0;
  // Activator `activator`'s 1 s report for the revision at `now` into `out`; false (and `out`
  // untouched) when that activator has no entry for the revision (no request since its last idle
  // report).
  virtual bool activator_report(RevisionId rev, std::size_t activator, Seconds now, metrics::Stat& out) = 0;
  // CPU core-seconds the revision's pods started since the last call (the HPA's utilisation).
  virtual double take_cpu_seconds(RevisionId rev) = 0;
  // What the Kubernetes HPA controller sees of each of the revision's pods at `now`: phase,
  // readiness and its metrics-server CPU sample (usage since the previous call); the input of
  // hpa_replica_calculator.
  virtual std::vector<HpaPodSample> hpa_pod_samples(RevisionId rev, Seconds now) = 0;
};

// What the control loops change in the cluster.
class ScaleTargetWriter {
 public:
  virtual ~ScaleTargetWriter() = default;
  // Patches the Deployment's spec.replicas (the ReplicaSet then creates or removes pods).
  virtual void set_deployment_replicas(RevisionId rev, std::int32_t replicas) = 0;
  // sks.spec.num_activators: how many activators are the revision's public endpoints in Proxy mode.
  virtual void set_num_activators(RevisionId rev, std::int32_t num_activators) = 0;
  // The SKS's effective mode: requests go through the activators (Proxy) or straight to pods.
  virtual void set_effective_mode(RevisionId rev, api::SksMode mode) = 0;
};

}  // namespace knsim::core::autoscaler
