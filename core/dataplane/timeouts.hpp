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

// What the driver answers when the deadline passes: still queued in a breaker -> 503 (context
// deadline exceeded, throttler error), already running -> 504 (request timeout).
struct TimeoutOutcome {
  int status = 503;
  const char* reason = "";
};
TimeoutOutcome timeout_outcome(bool still_queued);

}  // namespace knsim::core::dataplane
