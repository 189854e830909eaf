#pragma once
// How long Knative's activator keeps dialing a pod whose node stopped answering before it gives up
// and answers 502 Bad Gateway. Pure: told the settings and an Rng for the jitter.
//
// Knative behaviour (docs/spec/kubernetes.md "Node failure"): the activator's proxy transport
// (cmd/activator/main.go: pkgnet.NewProxyAutoTransport) dials with knative.dev/pkg
// network/transports.go's DialWithBackOff. A dial that times out (a dead node drops the SYN) is
// retried: the first attempt has a 50 ms timeout; after each timeout, while the backoff has steps
// left, the next timeout is the backoff's Step() (k8s.io/apimachinery wait.Backoff: the current
// duration plus up to 10 % jitter, then the duration grows by 1.4; 15 steps) and the dialer sleeps
// 30 ms plus up to 100 % jitter first. After the 15th step the dial fails ("timed out dialing")
// and the activator's error handler answers 502 (knative.dev/pkg network/error_handler.go).
// Worked example without jitter: 16 attempts of 50 ms, 50 ms, 70 ms, 98 ms, ... 50 x 1.4^14 ms
// = 50 + 50 x (1.4^15 - 1) / 0.4 = 50 + 19321 ms, plus 15 sleeps of 30 ms = 450 ms: 19.82 s.
// With the jitter's means (+5 % on the timeouts, 45 ms sleeps) about 21 s.
#include "core/random/rng.hpp"
#include "core/time/time.hpp"

namespace knsim::core::dataplane {

struct DialBackoff {
  Seconds initial_timeout = 0.05;  // backOffTemplate.Duration
  double factor = 1.4;             // backOffTemplate.Factor
  double jitter = 0.1;             // backOffTemplate.Jitter (fraction of the step's timeout)
  int steps = 15;                  // backOffTemplate.Steps
  Seconds sleep = 0.03;            // sleep between attempts, jittered by up to 100 %
};

// Seconds from the first dial to the failure, when every attempt times out. `rng` draws the
// jitter (one uniform per step's timeout and one per sleep, in that order).
Seconds dial_give_up_after(const DialBackoff& backoff, Rng& rng);

}  // namespace knsim::core::dataplane
