// See delivery_outcome.hpp.
#include "reports/delivery_outcome.hpp"

namespace knsim::reports {
namespace {

constexpr std::array<std::string_view, kOutcomeCount> kOutcomeNames = {
    "delivered", "retry", "dead_letter", "lost", "dead_lettered", "dead_letter_failed",
    "replied",   "reply_retry", "reply_dead_letter"};
constexpr std::array<std::string_view, kSeriesCount> kSeriesNames = {"delivered", "retries", "dead-lettered",
                                                                     "lost"};

}  // namespace

std::optional<AttemptOutcome> parse_outcome(std::string_view name) {
  for (std::size_t i = 0; i < kOutcomeCount; ++i)
    if (kOutcomeNames[i] == name) return static_cast<AttemptOutcome>(i);
  return std::nullopt;
}

std::string_view outcome_name(AttemptOutcome outcome) { return kOutcomeNames[static_cast<std::size_t>(outcome)]; }

std::optional<EventingSeries> series_of(AttemptOutcome outcome) {
  switch (outcome) {
    case AttemptOutcome::kDelivered: return EventingSeries::kDelivered;
    case AttemptOutcome::kRetry:
    case AttemptOutcome::kReplyRetry: return EventingSeries::kRetries;
    case AttemptOutcome::kDeadLettered: return EventingSeries::kDeadLettered;
    case AttemptOutcome::kLost:
    case AttemptOutcome::kDeadLetterFailed: return EventingSeries::kLost;
    case AttemptOutcome::kDeadLetter:
    case AttemptOutcome::kReplied:
    case AttemptOutcome::kReplyDeadLetter: return std::nullopt;
  }
  return std::nullopt;
}

std::string_view series_name(EventingSeries series) { return kSeriesNames[static_cast<std::size_t>(series)]; }

std::int64_t OutcomeCounts::attempts() const {
  std::int64_t sum = 0;
  for (std::int64_t x : n) sum += x;
  return sum;
}

std::int64_t series_value(const OutcomeCounts& counts, EventingSeries series) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < kOutcomeCount; ++i)
    if (series_of(static_cast<AttemptOutcome>(i)) == series) sum += counts.n[i];
  return sum;
}

}  // namespace knsim::reports
