#pragma once
// One control-plane work queue as a FIFO single server: items (pod creations, reconciles, bindings)
// arrive, wait for the server, take a service time of mean 1/rate, then a fixed latency (watch and
// informer propagation, network) that does not occupy the server. Given arrivals, returns
// completion times; deterministic for a given Rng stream.
//
// Why a queue: Knative on Kubernetes saturates near 3 cold starts/s because every cold start passes
// through the API server, the Knative and Kubernetes controllers and the scheduler, each with a
// finite throughput (client-side QPS limits, work-queue workers, etcd writes). Dirigent measured
// p50 1.8 s at 1 cold start/s, 2.5 s at 2/s and over 5 s from 3/s (docs/calibration.md). A queue
// reproduces that curve; a fixed delay cannot.
//
// Service times: exponential (the default) or constant. With evenly spaced arrivals (Dirigent's
// load generator) constant service below saturation never queues, while the measured p50 grows
// from 1 to 2 cold starts/s: the control plane's work varies per item.
// Worked example (constant, rate 2/s -> 0.5 s service, latency 0.1 s): arrivals 0, 0.1, 2.0 ->
// item 1 starts 0, done 0.5 + 0.1 = 0.6; item 2 waits for the server until 0.5, done 1.0 + 0.1 =
// 1.1; item 3 finds it idle: starts 2.0, done 2.6.
#include <string>

#include "core/random/rng.hpp"
#include "core/time/time.hpp"

namespace knsim::core::kubernetes {

enum class ServiceTime { kExponential, kConstant };

struct WorkQueueSettings {
  double rate = 0;       // items per second the server completes when busy; 0 = no limit (latency only)
  Seconds latency = 0;   // added after service, for every item (not limited by the rate)
  ServiceTime service_time = ServiceTime::kExponential;
};

struct WorkQueueResult {
  Seconds started = 0;    // the server takes the item
  Seconds served = 0;     // service ends (the server is free again)
  Seconds completed = 0;  // served + latency: the item's effect is visible
  Seconds waited = 0;     // started - arrival (queueing delay)
};

class WorkQueue {
 public:
  explicit WorkQueue(WorkQueueSettings settings = {}) : settings_(settings) {}

  // An item arriving at `arrival`. FIFO in call order: the driver submits in time order. Draws one
  // service time from `rng` when the service is exponential and the rate is limited.
  WorkQueueResult submit(Seconds arrival, Rng& rng);

  Seconds busy_until() const { return busy_until_; }
  const WorkQueueSettings& settings() const { return settings_; }

 private:
  WorkQueueSettings settings_;
  Seconds busy_until_ = 0;
};

}  // namespace knsim::core::kubernetes
