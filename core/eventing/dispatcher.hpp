#pragma once
// One delivery with retries, as Knative's dispatcher runs it (pkg/kncloudevents/event_dispatcher.go,
// retries.go SelectiveRetry / generateBackoffFn, vendored go-retryablehttp v0.7.7 Client.Do):
//   attempt i = 0, 1, ...: send; if CheckRetry(outcome) is false -> stop; if RetryMax - i <= 0 ->
//   stop; else wait Backoff(i) (or the clamped Retry-After) and try again.
// After the loop a failure (status outside [200, 300) or no response) goes to the dead-letter sink
// if there is one (same retry config), else the event is lost.
//
// The driver (the simulator) performs the attempts; these functions say what happens next.
#include <cstdint>
#include <optional>
#include <string>

#include "core/eventing/cloud_event.hpp"
#include "core/eventing/delivery.hpp"
#include "core/time/time.hpp"

namespace knsim::core::eventing {

// What one HTTP attempt produced.
struct AttemptOutcome {
  bool response_present = true;   // false: no HTTP response at all
  bool transport_error = false;   // connection refused, DNS, client timeout, ...
  int status = 0;                 // HTTP status when response_present
  std::optional<std::string> retry_after;  // Retry-After response header, verbatim

  static AttemptOutcome http(int status, std::optional<std::string> retry_after = std::nullopt);
  static AttemptOutcome transport_failure();  // includes a per-attempt timeout
};

// retries.go SelectiveRetry: retry on a transport error or missing response, on status >= 500,
// 404, 408, 409, 429 and -1. Never on 1xx/2xx/3xx or other 4xx.
bool selective_retry(const AttemptOutcome& outcome);
// event_dispatcher.go isFailure: no response, or status < 200 or >= 300.
bool is_failure(const AttemptOutcome& outcome);
// The status Knative records for an outcome (500 for a transport error: executeRequest).
int outcome_status(const AttemptOutcome& outcome);

// Retry-After in seconds: integer seconds, or an HTTP-date minus now_unix; invalid/absent/negative
// -> 0 (retries.go parseRetryAfterDuration).
Seconds parse_retry_after(const std::optional<std::string>& header, double now_unix);

// Wait before the retry that follows zero-based attempt `attempt_num` (generateBackoffFn): the
// normal Backoff(attempt_num), or Retry-After if retryAfterMax is set, the status is 429 or 503
// and min(Retry-After, retryAfterMax) is longer. Example: backoff 2 s, 429 with "30", max 10 s -> 10 s.
Seconds wait_before_retry(const RetryConfig& config, int attempt_num, const AttemptOutcome& last,
                          double now_unix);

enum class DispatchAction {
  kDelivered,   // 2xx: done
  kRetry,       // wait `wait` seconds, then attempt again
  kDeadLetter,  // give up on the destination; send the original event to the DLS
  kLost,        // give up; no DLS: the event is lost (an error to the caller)
};

struct DispatchDecision {
  DispatchAction action = DispatchAction::kDelivered;
  Seconds wait = 0;      // for kRetry
  int attempts = 0;      // attempts made so far
  std::string reason;
};

// Decides after `attempts_made` attempts (>= 1) whose last outcome is `last`.
DispatchDecision next_dispatch_step(const RetryConfig& config, int attempts_made, const AttemptOutcome& last,
                                    bool has_dead_letter_sink, double now_unix);

// The event a DLS receives: the original plus knativeerrordest (the URL that failed),
// knativeerrorcode (status, 500 for transport errors) and, when the failed response had a body,
// knativeerrordata = base64(body) truncated to 1024 characters.
CloudEvent make_dead_letter_event(const CloudEvent& original, const std::string& failed_destination,
                                  const AttemptOutcome& last, const std::string& response_body = "");

std::string base64_encode(const std::string& bytes);

}  // namespace knsim::core::eventing
