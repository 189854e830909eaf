#pragma once
// The one classification of Eventing delivery outcomes, used by report.html's eventing plot and
// the GUI's Eventing view (and any later reader of `delivery_attempt` events).
//
// A DeliveryAttempt's `outcome` (reports/events.hpp, written by sim/eventing/engine_delivery.cpp)
// is one step of a delivery chain; every chain ends with exactly one delivered, dead_lettered,
// lost or dead_letter_failed (or nothing while still in flight when the run ends). What a reader
// shows are four series, the summary's columns:
//   delivered      <- delivered
//   retries        <- retry, reply_retry         (a failed attempt another one follows)
//   dead-lettered  <- dead_lettered              (the dead-letter sink accepted the event)
//   lost           <- lost, dead_letter_failed   (no sink, or the sink failed too)
//   (none)         <- replied, dead_letter, reply_dead_letter: steps within a chain
// Worked example: retry, retry, dead_letter, dead_lettered is 2 retries and 1 dead-lettered.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace knsim::reports {

enum class AttemptOutcome : std::size_t {
  kDelivered = 0,     // the subscriber (or the reply's destination) accepted: delivered
  kRetry,             // the attempt failed (timeout or retryable status); another follows after the backoff
  kDeadLetter,        // the last allowed attempt failed; the event goes to the dead-letter sink next
  kLost,              // the last allowed attempt failed and there is no dead-letter sink: lost
  kDeadLettered,      // the dead-letter sink accepted the event
  kDeadLetterFailed,  // the dead-letter sink failed too (after its own retries): lost
  kReplied,           // the subscriber answered 2xx with a reply event; forwarding the reply follows
  kReplyRetry,        // forwarding the reply failed; another attempt follows after the backoff
  kReplyDeadLetter,   // forwarding the reply failed for good; the original event goes to the sink
};
inline constexpr std::size_t kOutcomeCount = 9;

// "delivered" -> kDelivered, ...; nullopt for a name no version of knsim writes.
std::optional<AttemptOutcome> parse_outcome(std::string_view name);
std::string_view outcome_name(AttemptOutcome outcome);

enum class EventingSeries : std::size_t { kDelivered = 0, kRetries, kDeadLettered, kLost };
inline constexpr std::size_t kSeriesCount = 4;

// The series an outcome counts in (table above); nullopt for the steps within a chain.
std::optional<EventingSeries> series_of(AttemptOutcome outcome);
std::string_view series_name(EventingSeries series);  // "delivered", "retries", "dead-lettered", "lost"

// Attempts counted by outcome.
struct OutcomeCounts {
  std::array<std::int64_t, kOutcomeCount> n{};

  std::int64_t& operator[](AttemptOutcome o) { return n[static_cast<std::size_t>(o)]; }
  std::int64_t operator[](AttemptOutcome o) const { return n[static_cast<std::size_t>(o)]; }
  std::int64_t attempts() const;
};

// The attempts of `counts` that count in `series` (the sum over its outcomes).
std::int64_t series_value(const OutcomeCounts& counts, EventingSeries series);

}  // namespace knsim::reports
