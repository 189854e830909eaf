#pragma once
// Request timeouts of a revision as decisions (pkg/activator/handler/handler.go, pkg/queue:
// timeoutSeconds, responseStartTimeoutSeconds, idleTimeoutSeconds). The driver schedules the
// deadline and asks what to answer when it passes.
#include "core/time/time.hpp"

namespace knsim::core::dataplane {

// Timeouts of a revision (activator and queue-proxy alike): timeoutSeconds,
// responseStartTimeoutSeconds, idleTimeoutSeconds (0 = none).
struct RequestTimeouts {
  Seconds timeout = 300;
  Seconds response_start = 300;
  Seconds idle = 0;
};

// The instant a request that has not started its response fails: arrival + min(timeout,
// response_start) (a response_start of 0 means only `timeout` applies). Waiting in a breaker
// queue counts. Example: arrival 10, {300, 60, 0} -> 70.
Seconds response_start_deadline(Seconds arrival, const RequestTimeouts& timeouts);

// The instant a running request is cut off: arrival + timeout (timeoutSeconds bounds the whole
// request). Example: arrival 10, timeout 300 -> 310.
Seconds request_deadline(Seconds arrival, const RequestTimeouts& timeouts);

// What the client gets when the deadline passes: 504 Gateway Timeout, wherever the request is.
// Knative wraps both the activator's handler (cmd/activator/main.go, "activator request timeout")
// and the queue-proxy's breaker and proxy (pkg/queue/sharedmain/handlers.go, "request timeout") in
// pkg/http/handler/timeout.go's timeoutHandler: at timeoutSeconds it writes 504 with that body
// (timeoutAndWriteError) and cancels the request's context. The cancelled context takes a request
// waiting in the activator's throttler or the queue-proxy's breaker out of the queue and ends a
// running proxied call, so its slot is free at once. The 503 those handlers write for
// context.DeadlineExceeded never reaches the client: the context is cancelled, not given a
// deadline, and the timeout writer has already answered.
struct TimeoutOutcome {
  int status = 504;
  const char* reason = "";
};
TimeoutOutcome timeout_outcome(bool at_activator);

}  // namespace knsim::core::dataplane
