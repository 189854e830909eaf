// sim/timers: the timed-event queue. Events run in (date, scheduling order); a cancelled event
// never runs and the others keep their order, however many are cancelled (compaction included).
// One queue per process: ctest runs each TEST on its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <tuple>
#include <vector>

#include "sim/timers.hpp"

namespace knsim::sim {
namespace {

TEST(Timers, RunsByDateThenSchedulingOrderAndAdvancesTheClock) {
  std::vector<int> ran;
  at(2.0, [&] { ran.push_back(1); });
  at(1.0, [&] { ran.push_back(2); });
  at(2.0, [&] { ran.push_back(3); });  // same date as 1: after it
  at(1.0, [&] {
    ran.push_back(4);
    after(0.0, [&] { ran.push_back(5); });  // now, after everything already due now
    at(0.5, [&] { ran.push_back(6); });     // in the past: runs now, after 5
  });
  run_events_until(1.5);
  EXPECT_EQ(ran, (std::vector<int>{2, 4, 5, 6}));
  EXPECT_EQ(timer_clock(), 1.5);
  run_events_until(10.0);
  EXPECT_EQ(ran, (std::vector<int>{2, 4, 5, 6, 1, 3}));
  EXPECT_EQ(pending_timed_events(), 0u);
}

// Dates are ordered by their bits (sim/timers.cpp): -0 must count as +0, not as the largest date.
TEST(Timers, MinusZeroIsTheSameDateAsZero) {
  std::vector<int> ran;
  at(0.0, [&] { ran.push_back(1); });
  at(-0.0, [&] { ran.push_back(2); });
  at(1e-300, [&] { ran.push_back(3); });
  at(0.0, [&] { ran.push_back(4); });
  run_events_until(1.0);
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 4, 3}));
}

TEST(Timers, ACancelledEventNeverRunsAndStaleIdsCancelNothing) {
  std::vector<int> ran;
  const EventId a = at(1.0, [&] { ran.push_back(1); });
  const EventId b = at(2.0, [&] { ran.push_back(2); });
  cancel_event(a);
  cancel_event(a);  // twice: nothing more
  EXPECT_EQ(pending_timed_events(), 1u);
  run_events_until(3.0);
  EXPECT_EQ(ran, (std::vector<int>{2}));
  // b ran and its slot is free: the next event takes a slot again, and b's id must not name it.
  const EventId c = at(4.0, [&] { ran.push_back(3); });
  cancel_event(b);
  cancel_event(EventId{});
  run_events_until(5.0);
  EXPECT_EQ(ran, (std::vector<int>{2, 3}));
  cancel_event(c);  // after it ran: nothing
  EXPECT_EQ(pending_timed_events(), 0u);
}

TEST(Timers, AnEventCancellingItselfOrALaterOneWhileRunning) {
  std::vector<int> ran;
  EventId later;
  EventId self;
  self = at(1.0, [&] {
    ran.push_back(1);
    cancel_event(self);  // already running: nothing
    cancel_event(later);
  });
  later = at(2.0, [&] { ran.push_back(2); });
  run_events_until(3.0);
  EXPECT_EQ(ran, (std::vector<int>{1}));
}

// Random schedules against a reference: sort every scheduled event by (date, order) and drop the
// cancelled ones. 20,000 events with many equal dates (ties) and three quarters of them cancelled
// in bursts, so that the queue compacts many times (at 1,024 cancelled entries and more than half
// of the heap).
TEST(Timers, MatchesASortedReferenceUnderRandomSchedulesAndCancellations) {
  std::mt19937_64 rng(17);
  struct Scheduled {
    double date;
    int order;
    EventId id;
    bool cancelled = false;
  };
  std::vector<Scheduled> all;
  std::vector<int> ran;
  for (int i = 0; i < 20000; ++i) {
    const double date = static_cast<double>(rng() % 500) / 4;  // 2,000 distinct dates: many ties
    all.push_back({date, i, at(date, [&ran, i] { ran.push_back(i); })});
    if (i % 64 == 63) {  // a burst: cancel three quarters of the events still pending
      for (auto& s : all)
        if (!s.cancelled && rng() % 4 != 0) {
          cancel_event(s.id);
          s.cancelled = true;
        }
    }
  }
  std::vector<Scheduled> want;
  for (const auto& s : all)
    if (!s.cancelled) want.push_back(s);
  std::stable_sort(want.begin(), want.end(), [](const Scheduled& a, const Scheduled& b) { return a.date < b.date; });
  EXPECT_EQ(pending_timed_events(), want.size());
  run_events_until(1000.0);
  ASSERT_EQ(ran.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) ASSERT_EQ(ran[k], want[k].order) << "position " << k;
  EXPECT_EQ(pending_timed_events(), 0u);
}


// Events scheduled while others run, some through the fixed-delay lanes (after_fixed: two
// delays, one of them also used with after()), some cancelled: every event runs in (date,
// scheduling order), exactly as if all had gone through one heap.
TEST(Timers, FixedDelayLanesKeepTheOrderOfOneHeap) {
  std::mt19937_64 rng(3);
  struct Run {
    double date;
    int order;
  };
  std::vector<Run> ran;
  std::vector<EventId> pending;
  int scheduled = 0, cancelled = 0;
  std::function<void(int)> spawn = [&](int depth) {
    if (depth > 6 || scheduled > 30000) return;
    for (int k = 0; k < 3; ++k) {
      const int order = scheduled++;
      auto body = [&, order, depth] {
        ran.push_back({timer_clock(), order});
        spawn(depth + 1);
      };
      const auto pick = rng() % 5;
      EventId id;
      if (pick == 0) id = after_fixed(0.5, body);
      else if (pick == 1) id = after_fixed(0.001, body);
      else if (pick == 2) id = after(0.5, body);  // the same delay through the heap: ties with the lane
      else id = after(static_cast<double>(rng() % 8) / 8, body);
      pending.push_back(id);
      if (rng() % 7 == 0) {  // cancel an earlier one (it may have run already: then nothing)
        cancel_event(pending[rng() % pending.size()]);
        ++cancelled;
      }
    }
  };
  at(0.0, [&] { spawn(0); });
  run_events_until(1e6);
  ASSERT_GT(ran.size(), 1000u);
  EXPECT_GT(cancelled, 100);
  for (std::size_t k = 1; k < ran.size(); ++k) {
    const bool in_order = ran[k - 1].date < ran[k].date ||
                          (ran[k - 1].date == ran[k].date && ran[k - 1].order < ran[k].order);
    ASSERT_TRUE(in_order) << "position " << k << ": " << ran[k - 1].date << "/" << ran[k - 1].order << " then "
                          << ran[k].date << "/" << ran[k].order;
  }
  EXPECT_EQ(pending_timed_events(), 0u);
}

}  // namespace
}  // namespace knsim::sim
