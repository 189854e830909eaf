// EventingFeed: hand-written stream lines (docs/run-stream.md) become live counters per Trigger and
// Subscription, per-interval counts on the plots' time axis, and the summary's final numbers.
#include "gui/eventing_feed.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gui/run_data.hpp"

namespace knsim::gui {
namespace {

using Kind = Destination::Kind;

std::string attempt(double t, const std::string& trigger, const std::string& subscription, const std::string& outcome,
                    int attempt_no = 1) {
  return R"({"type":"event","t_s":)" + std::to_string(t) + R"(,"kind":"delivery_attempt","trigger":")" + trigger +
         R"(","subscription":")" + subscription + R"(","event_id":"e1","attempt":)" + std::to_string(attempt_no) +
         R"(,"status":503,"outcome":")" + outcome + R"("})";
}
std::string trig(double t, const std::string& name, const std::string& outcome) { return attempt(t, name, "", outcome); }
std::string sub(double t, const std::string& name, const std::string& outcome) { return attempt(t, "", name, outcome); }
const char* kHello2s =
    R"({"type":"hello","scenario":"s","seed":1,"duration_s":6,"sample_interval_s":2,"revisions":[],"nodes":[]})";

// The series of `bins` as plain numbers, one per bin, `n` bins (missing bins are zero).
std::vector<std::int64_t> series(const std::vector<OutcomeCounts>& bins, EventingSeries s, std::size_t n) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(i < bins.size() ? series_value(bins[i], s) : 0);
  return out;
}

TEST(EventingFeed, OutcomeNamesRoundTrip) {
  const std::vector<std::pair<std::string, AttemptOutcome>> cases = {
      {"delivered", AttemptOutcome::kDelivered},         {"retry", AttemptOutcome::kRetry},
      {"dead_letter", AttemptOutcome::kDeadLetter},      {"lost", AttemptOutcome::kLost},
      {"dead_lettered", AttemptOutcome::kDeadLettered},  {"dead_letter_failed", AttemptOutcome::kDeadLetterFailed},
      {"replied", AttemptOutcome::kReplied},             {"reply_retry", AttemptOutcome::kReplyRetry},
      {"reply_dead_letter", AttemptOutcome::kReplyDeadLetter},
  };
  ASSERT_EQ(cases.size(), kOutcomeCount);
  for (const auto& [name, outcome] : cases) {
    ASSERT_EQ(parse_outcome(name), outcome) << name;
    EXPECT_EQ(outcome_name(outcome), name);
  }
  EXPECT_EQ(parse_outcome("Delivered"), std::nullopt);
  EXPECT_EQ(parse_outcome(""), std::nullopt);
}

TEST(EventingFeed, SeriesFoldTheOutcomesIntoTheSummarysFour) {
  OutcomeCounts c;
  c[AttemptOutcome::kDelivered] = 1;
  c[AttemptOutcome::kRetry] = 20;
  c[AttemptOutcome::kDeadLetter] = 300;
  c[AttemptOutcome::kLost] = 4000;
  c[AttemptOutcome::kDeadLettered] = 50000;
  c[AttemptOutcome::kDeadLetterFailed] = 600000;
  c[AttemptOutcome::kReplied] = 7000000;
  c[AttemptOutcome::kReplyRetry] = 80000000;
  c[AttemptOutcome::kReplyDeadLetter] = 900000000;
  EXPECT_EQ(series_value(c, EventingSeries::kDelivered), 1) << "replied is not yet delivered";
  EXPECT_EQ(series_value(c, EventingSeries::kRetries), 80000020) << "retries of the reply count too";
  EXPECT_EQ(series_value(c, EventingSeries::kDeadLettered), 50000) << "accepted by the sink, not 'sent to it'";
  EXPECT_EQ(series_value(c, EventingSeries::kLost), 604000) << "no sink, or the sink failed too";
  EXPECT_EQ(c.attempts(), 987654321);
}

TEST(EventingFeed, BinIndexMatchesTheSampleIntervals) {
  struct Case {
    double t, dt;
    std::size_t bin;
  };
  const Case cases[] = {
      {0, 1, 0},      {0.5, 1, 0},   {1.0, 1, 0},  {1.2, 1, 1},  {-3, 1, 0},
      {2.0, 2, 0},    {2.1, 2, 1},   {4.0, 2, 1},  {4.0001, 2, 2},
      {0.1 * 3, 0.1, 2},  // 0.30000000000000004: still the interval ending at 0.3
      {299.999, 1, 299}, {300, 1, 299},
  };
  for (const auto& c : cases) EXPECT_EQ(EventingFeed::bin_index(c.t, c.dt), c.bin) << "t=" << c.t << " dt=" << c.dt;
}

// Nine attempts over three 2 s intervals, worked out by hand:
//   bin 0 (0, 2]: orders delivered @0.5, pay retry @1.0, pay retry @2.0
//   bin 1 (2, 4]: pay dead_letter @2.1, pay dead_lettered @2.2, ch-sub lost @3.9
//   bin 2 (4, 6]: ch-sub retry @4.5, ch-sub dead_letter_failed @5.0, orders delivered @5.5
TEST(EventingFeed, LiveCountersAndBinsFromAttempts) {
  RunData data;
  data.ingest_line(kHello2s);
  const std::vector<std::string> lines = {
      trig(0.5, "default/orders", "delivered"),  trig(1.0, "default/pay", "retry"),
      trig(2.0, "default/pay", "retry"),         trig(2.1, "default/pay", "dead_letter"),
      trig(2.2, "default/pay", "dead_lettered"), sub(3.9, "default/ch-sub", "lost"),
      sub(4.5, "default/ch-sub", "retry"),       sub(5.0, "default/ch-sub", "dead_letter_failed"),
      trig(5.5, "default/orders", "delivered"),
      R"({"type":"event","t_s":5.6,"kind":"autoscaler_decision","revision":"r","reason":"stable"})",
  };
  for (const auto& l : lines) ASSERT_EQ(data.ingest_line(l), "event") << l;
  EventingFeed feed;
  ASSERT_TRUE(feed.update(data));
  EXPECT_TRUE(feed.has_eventing());
  EXPECT_FALSE(feed.final());
  EXPECT_DOUBLE_EQ(feed.interval(), 2) << "the hello's sample interval";
  EXPECT_EQ(feed.totals().attempts(), 9);
  EXPECT_TRUE(feed.problems().empty());

  struct Row {
    Kind kind;
    const char* name;
    std::int64_t delivered, retries, dead_lettered, lost;
  };
  const Row expected[] = {  // triggers first, then by name
      {Kind::kTrigger, "default/orders", 2, 0, 0, 0},
      {Kind::kTrigger, "default/pay", 0, 2, 1, 0},
      {Kind::kSubscription, "default/ch-sub", 0, 1, 0, 2},
  };
  ASSERT_EQ(feed.rows().size(), std::size(expected));
  auto it = feed.rows().begin();
  for (const Row& e : expected) {
    const DestinationRow& row = (it++)->second;
    EXPECT_EQ(row.destination, (Destination{e.kind, e.name}));
    EXPECT_EQ(row.delivered, e.delivered) << e.name;
    EXPECT_EQ(row.retries, e.retries) << e.name;
    EXPECT_EQ(row.dead_lettered, e.dead_lettered) << e.name;
    EXPECT_EQ(row.lost, e.lost) << e.name;
    EXPECT_FALSE(row.final);
    EXPECT_FALSE(row.received.has_value()) << "only the summary knows";
  }

  ASSERT_EQ(feed.bin_count(), 3u);
  EXPECT_DOUBLE_EQ(feed.bin_end(2), 6);
  using S = EventingSeries;
  const auto& all = feed.bins(std::nullopt);
  EXPECT_EQ(series(all, S::kDelivered, 3), (std::vector<std::int64_t>{1, 0, 1}));
  EXPECT_EQ(series(all, S::kRetries, 3), (std::vector<std::int64_t>{2, 0, 1}));
  EXPECT_EQ(series(all, S::kDeadLettered, 3), (std::vector<std::int64_t>{0, 1, 0}));
  EXPECT_EQ(series(all, S::kLost, 3), (std::vector<std::int64_t>{0, 1, 1}));
  EXPECT_EQ(all[1][AttemptOutcome::kDeadLetter], 1);
  const auto& pay = feed.bins(Destination{Kind::kTrigger, "default/pay"});
  EXPECT_EQ(series(pay, S::kRetries, 3), (std::vector<std::int64_t>{2, 0, 0}));
  EXPECT_EQ(series(pay, S::kDeadLettered, 3), (std::vector<std::int64_t>{0, 1, 0}));
  const auto& ch = feed.bins(Destination{Kind::kSubscription, "default/ch-sub"});
  EXPECT_EQ(series(ch, S::kLost, 3), (std::vector<std::int64_t>{0, 1, 1}));
  EXPECT_TRUE(feed.bins(Destination{Kind::kSubscription, "default/orders"}).empty()) << "a trigger, not a subscription";
}

TEST(EventingFeed, MalformedAttemptsAreReportedNotCounted) {
  const std::vector<std::string> lines = {
      attempt(1, "default/a", "default/b", "delivered"),  // both named
      attempt(1, "", "", "delivered"),                    // neither
      trig(1, "default/a", "exploded"),                   // unknown outcome
      R"({"type":"event","t_s":1,"kind":"delivery_attempt","trigger":"default/a"})",  // no outcome
  };
  RunData data;
  for (const auto& l : lines) data.ingest_line(l);
  EventingFeed feed;
  feed.update(data);
  EXPECT_EQ(feed.problems().size(), lines.size());
  EXPECT_NE(feed.problems()[2].find("exploded"), std::string::npos) << feed.problems()[2];
  EXPECT_EQ(feed.totals().attempts(), 0);
  EXPECT_FALSE(feed.has_eventing());
}

// Lines arrive in batches between refresh ticks: each update() reads only the new ones, and the
// plot learns which bins changed and which can no longer change.
TEST(EventingFeed, BatchesConsumeOnlyNewLinesAndTrackFinalBins) {
  RunData data;
  data.ingest_line(kHello2s);
  EventingFeed feed;
  feed.update(data);
  EXPECT_FALSE(feed.has_eventing());
  EXPECT_EQ(feed.take_changed_from(), feed.bin_count()) << "nothing changed";

  struct Step {
    std::vector<std::string> lines;
    std::int64_t attempts;        // after the step
    std::size_t changed_from;     // lowest bin changed by the step; bin count when none
    std::size_t bins, final_bins;
  };
  const std::vector<Step> steps = {
      {{trig(0.5, "default/t", "delivered"), trig(1.5, "default/t", "retry")}, 2, 0, 1, 0},
      // a progress line at t = 2: bin 0 (0, 2] may still get an event at exactly 2
      {{R"({"type":"progress","t_s":2,"requests":0,"wall_s":0.1})"}, 2, /*none*/ 1, 1, 0},
      {{trig(2.0, "default/t", "delivered")}, 3, 0, 1, 0},
      // past 2 s: bin 0 is final; t = 4.5 is in bin 2, bin 1 (2, 4] is empty
      {{trig(4.5, "default/t", "lost")}, 4, 2, 3, 2},
      {{R"({"type":"done","summary":{},"out_dir":"/tmp/x"})"}, 4, /*none*/ 3, 3, 3},
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    for (const auto& l : s.lines) data.ingest_line(l);
    EXPECT_TRUE(feed.update(data)) << "step " << i;
    EXPECT_EQ(feed.totals().attempts(), s.attempts) << "step " << i << ": each line counted once";
    EXPECT_EQ(feed.take_changed_from(), s.changed_from) << "step " << i;
    EXPECT_EQ(feed.bin_count(), s.bins) << "step " << i;
    EXPECT_EQ(feed.final_bin_count(), s.final_bins) << "step " << i;
  }
  EXPECT_EQ(series(feed.bins(std::nullopt), EventingSeries::kDelivered, 3), (std::vector<std::int64_t>{2, 0, 0}));
  EXPECT_FALSE(feed.update(data)) << "nothing new";
}

const char* kSummaryDone = R"({"type":"done","out_dir":"/tmp/x","summary":{"eventing":{
  "triggers":[{"name":"default/pay","received":10,"filtered":3,"delivered":4,"retries":5,"dead_lettered":2,"lost":1,
               "latency_ms":{"p50":12.5,"p99":480.25,"max":2010.5}},
              {"name":"default/idle","received":0,"filtered":0,"delivered":0,"retries":0,"dead_lettered":0,"lost":0,
               "latency_ms":{"p50":null,"p99":null}}],
  "subscriptions":[{"name":"default/ch-sub","received":7,"filtered":0,"delivered":7,"retries":0,"dead_lettered":0,
                    "lost":0,"latency_ms":{"p50":3,"p99":9}}],
  "sources":[{"name":"producer/pay","sent":10,"accepted":9,"failed":1}]}}})";

TEST(EventingFeed, TheSummaryReplacesTheLiveNumbersWhenDone) {
  RunData data;
  data.ingest_line(trig(1, "default/pay", "delivered"));
  data.ingest_line(trig(1, "default/pay", "retry"));
  EventingFeed feed;
  feed.update(data);
  const Destination pay{Kind::kTrigger, "default/pay"};
  EXPECT_EQ(feed.rows().at(pay).delivered, 1);
  EXPECT_TRUE(feed.sources().empty());
  data.ingest_line(kSummaryDone);
  ASSERT_TRUE(data.done());
  ASSERT_TRUE(feed.update(data));
  EXPECT_TRUE(feed.final());
  ASSERT_EQ(feed.rows().size(), 3u) << "default/idle had no attempt but is in the summary";
  const DestinationRow& p = feed.rows().at(pay);
  EXPECT_TRUE(p.final);
  EXPECT_EQ(p.received, 10);
  EXPECT_EQ(p.filtered, 3);
  EXPECT_EQ(p.delivered, 4) << "the summary's number, not the 1 counted live";
  EXPECT_EQ(p.retries, 5);
  EXPECT_EQ(p.dead_lettered, 2);
  EXPECT_EQ(p.lost, 1);
  EXPECT_EQ(p.latency_p50_ms, 12.5);
  EXPECT_EQ(p.latency_p99_ms, 480.25);
  EXPECT_EQ(p.latency_max_ms, 2010.5);
  EXPECT_EQ(p.attempts[AttemptOutcome::kDelivered], 1) << "the attempts stay (the plot draws them)";
  const DestinationRow& idle = feed.rows().at(Destination{Kind::kTrigger, "default/idle"});
  EXPECT_EQ(idle.received, 0);
  EXPECT_FALSE(idle.latency_p50_ms.has_value()) << "no delivery: no latency";
  const DestinationRow& ch = feed.rows().at(Destination{Kind::kSubscription, "default/ch-sub"});
  EXPECT_EQ(ch.delivered, 7);
  EXPECT_EQ(ch.latency_p99_ms, 9);
  ASSERT_EQ(feed.sources().size(), 1u);
  EXPECT_EQ(feed.sources()[0].name, "producer/pay");
  EXPECT_EQ(feed.sources()[0].sent, 10);
  EXPECT_EQ(feed.sources()[0].accepted, 9);
  EXPECT_EQ(feed.sources()[0].failed, 1);
  EXPECT_FALSE(feed.update(data)) << "the summary is applied once";
}

TEST(EventingFeed, HasEventingFromTheSummaryAlone) {
  struct Case {
    const char* done;
    bool eventing;
  };
  const Case cases[] = {
      {R"({"type":"done","summary":{"requests":{"total":1}}})", false},
      {R"({"type":"done","summary":{"eventing":{"triggers":[],"subscriptions":[],"sources":[]}}})", false},
      {R"({"type":"done","summary":{"eventing":{"sources":[{"name":"ping","sent":3,"accepted":3,"failed":0}]}}})", true},
      {kSummaryDone, true},
  };
  for (const auto& c : cases) {
    RunData data;
    data.ingest_line(c.done);
    EventingFeed feed;
    feed.update(data);
    EXPECT_EQ(feed.has_eventing(), c.eventing) << c.done;
    EXPECT_TRUE(feed.final());
  }
}

TEST(EventingFeed, ANewRunStartsAfresh) {
  RunData first;
  for (double t : {1.0, 2.0, 3.0}) first.ingest_line(trig(t, "default/t", "delivered"));
  EventingFeed feed;
  feed.update(first);
  EXPECT_EQ(feed.totals().attempts(), 3);
  RunData second;  // fewer events than consumed: a new run
  second.ingest_line(trig(1, "default/u", "retry"));
  EXPECT_TRUE(feed.update(second));
  EXPECT_EQ(feed.totals().attempts(), 1);
  ASSERT_EQ(feed.rows().size(), 1u);
  EXPECT_EQ(feed.rows().begin()->first.name, "default/u");
  feed.reset();
  EXPECT_FALSE(feed.has_eventing());
  EXPECT_EQ(feed.bin_count(), 0u);
}

}  // namespace
}  // namespace knsim::gui
