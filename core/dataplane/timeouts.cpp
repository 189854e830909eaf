// Request timeout decisions (see timeouts.hpp).
#include "core/dataplane/timeouts.hpp"

namespace knsim::core::dataplane {

Seconds response_start_deadline(Seconds arrival, const RequestTimeouts& t) {
  Seconds limit = t.timeout;
  if (t.response_start > 0 && (limit <= 0 || t.response_start < limit)) limit = t.response_start;
  return arrival + limit;
}

Seconds request_deadline(Seconds arrival, const RequestTimeouts& t) { return arrival + t.timeout; }

// pkg/http/handler/timeout.go timeoutAndWriteError: http.StatusGatewayTimeout and the handler's body.
TimeoutOutcome timeout_outcome(bool at_activator) {
  return {504, at_activator ? "activator request timeout" : "request timeout"};
}

}  // namespace knsim::core::dataplane
