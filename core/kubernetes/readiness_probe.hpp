#pragma once
// When a new Knative pod is Ready, and when the activator starts sending it requests, given when
// its user container starts listening. Pure: told the times, returns them.
//
// Knative behaviour (docs/spec/kubernetes.md "Readiness", with sources):
// - With the user container's readinessProbe periodSeconds 0 (Knative's default), queue-proxy
//   probes the user container "aggressively": every 50 ms from the container's start until it
//   answers (knative/serving pkg/queue/readiness/probe.go, aggressiveProbeTimeout / retryInterval,
//   shouldProbeAggressively). The pod is Ready at the first 50 ms probe at or after the container
//   listens.
// - With an explicit periodSeconds P the kubelet probes every P seconds from the container's
//   start; the pod is Ready at the first probe at or after the container listens (at least one
//   period after the start: knsim's earlier model, Ready = start + readinessPeriod, is this rule
//   for a container that listens at once).
// - Independently, the activator probes the revision's not-ready pods itself every 200 ms
//   (pkg/activator/net/revision_backends.go, probeFrequency) and sends them requests as soon as
//   queue-proxy answers its probe (queue-proxy answers once its own probe of the user container
//   succeeds: the same 50 ms grid when aggressive, at once otherwise). The activator's probe
//   ticks are a fixed 200 ms grid of the run's clock (its timer is not tied to the pod).
// Worked example (defaults): container starts at 10.00 s and listens at 10.93 s -> queue-proxy's
// probe at 10.95 s succeeds -> pod Ready at 10.95 s; the activator's next probe tick at or after
// 10.95 s is 11.00 s (grid 0.2 s) -> proxied requests reach the pod from 11.00 s, 0.07 s after it
// listens. With periodSeconds 1: Ready at 11.00 s (start + 1 s), activator still from 11.00 s.
#include "core/time/time.hpp"

namespace knsim::core::kubernetes {

struct ReadinessProbeSettings {
  // The user container's readinessProbe.periodSeconds; 0 = Knative's aggressive probing.
  Seconds period_seconds = 0;
  // queue-proxy's retry interval when probing aggressively (probe.go: 50 ms).
  Seconds aggressive_interval = 0.05;
  // The activator's probe period for not-ready pods (revision_backends.go: 200 ms).
  Seconds activator_probe_interval = 0.2;
};

struct ReadinessTimes {
  Seconds queue_proxy_ready = 0;  // queue-proxy's probe of the user container succeeds
  Seconds pod_ready = 0;          // the pod's Ready condition is True (endpoints add it)
  Seconds activator_ready = 0;    // the activator's probe succeeds: proxied requests may go to it
};

// `container_started`: the user container starts; `listening`: it answers probes (>= started).
ReadinessTimes readiness_times(Seconds container_started, Seconds listening, const ReadinessProbeSettings& settings);

// The first instant of the grid origin + k * step (k >= min_k) at or after `t`; a tolerance of
// 1 ns absorbs floating-point rounding so that a `t` on the grid stays on it.
Seconds next_grid_tick(Seconds origin, Seconds step, Seconds t, long min_k);

}  // namespace knsim::core::kubernetes
