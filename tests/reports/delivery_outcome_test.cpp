// reports/delivery_outcome.hpp: the one classification of Eventing delivery outcomes (report.html
// and the GUI's Eventing view both count through it).
#include "reports/delivery_outcome.hpp"

#include <gtest/gtest.h>

#include <string>

namespace knsim::reports {
namespace {

TEST(DeliveryOutcome, EveryOutcomeHasItsSeries) {
  const struct {
    const char* name;
    AttemptOutcome outcome;
    std::optional<EventingSeries> series;
  } cases[] = {
      {"delivered", AttemptOutcome::kDelivered, EventingSeries::kDelivered},
      {"retry", AttemptOutcome::kRetry, EventingSeries::kRetries},
      {"reply_retry", AttemptOutcome::kReplyRetry, EventingSeries::kRetries},
      {"dead_lettered", AttemptOutcome::kDeadLettered, EventingSeries::kDeadLettered},
      {"lost", AttemptOutcome::kLost, EventingSeries::kLost},
      {"dead_letter_failed", AttemptOutcome::kDeadLetterFailed, EventingSeries::kLost},
      {"dead_letter", AttemptOutcome::kDeadLetter, std::nullopt},  // the sink's attempt follows
      {"replied", AttemptOutcome::kReplied, std::nullopt},         // forwarding the reply follows
      {"reply_dead_letter", AttemptOutcome::kReplyDeadLetter, std::nullopt},
  };
  static_assert(std::size(cases) == kOutcomeCount);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_EQ(parse_outcome(c.name), c.outcome);
    EXPECT_EQ(outcome_name(c.outcome), c.name);
    EXPECT_EQ(series_of(c.outcome), c.series);
  }
  EXPECT_FALSE(parse_outcome("Delivered"));
  EXPECT_FALSE(parse_outcome(""));
}

TEST(DeliveryOutcome, SeriesSumTheirOutcomes) {
  // A chain retry, retry, dead_letter, dead_lettered; one retry, lost; one delivered after a
  // reply_retry; one dead_letter_failed.
  OutcomeCounts c;
  for (const char* o : {"retry", "retry", "dead_letter", "dead_lettered", "retry", "lost", "replied", "reply_retry",
                        "delivered", "dead_letter", "dead_letter_failed"})
    c[*parse_outcome(o)] += 1;
  EXPECT_EQ(c.attempts(), 11);
  EXPECT_EQ(series_value(c, EventingSeries::kDelivered), 1);
  EXPECT_EQ(series_value(c, EventingSeries::kRetries), 4);
  EXPECT_EQ(series_value(c, EventingSeries::kDeadLettered), 1);
  EXPECT_EQ(series_value(c, EventingSeries::kLost), 2);
  const char* names[] = {"delivered", "retries", "dead-lettered", "lost"};
  for (std::size_t i = 0; i < kSeriesCount; ++i) EXPECT_EQ(series_name(static_cast<EventingSeries>(i)), names[i]);
}

}  // namespace
}  // namespace knsim::reports
