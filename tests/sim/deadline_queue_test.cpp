// sim/deadline_queue: request deadlines in per-timeout FIFOs, one timed event armed per lane.
// Time is stepped by running the timed events (sim/timers.hpp; one queue per process: ctest runs
// each TEST on its own).
#include <gtest/gtest.h>

#include <set>
#include <utility>
#include <vector>

#include "sim/deadline_queue.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {
namespace {

struct Expired {
  double t;
  std::uint32_t id;
  bool operator==(const Expired& o) const { return t == o.t && id == o.id; }
};

TEST(DeadlineQueue, ExpiresTheRequestsStillInFlightAtTheirDeadlinesAndDropsTheOthers) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> in_flight = {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 7}};
  std::vector<Expired> expired;
  DeadlineQueue q([&](std::uint32_t id, std::uint32_t seq) { return in_flight.count({id, seq}) > 0; },
                  [&](std::uint32_t id, std::uint32_t seq) {
                    expired.push_back({timer_clock(), id});
                    in_flight.erase({id, seq});
                  });
  at(0.0, [&] {
    q.add(10, 10.0, 1, 0);
    q.add(10, 11.0, 2, 0);
    q.add(10, 10.5, 3, 0);  // out of order: between 1 and 2
    q.add(5, 6.0, 4, 0);    // another lane
    q.add(5, 7.0, 5, 6);    // slot 5 now holds a later request (seq 7): stale, dropped
  });
  at(8.0, [&] { in_flight.erase({2, 0}); });  // request 2 answered before its deadline
  at(9.0, [&] { EXPECT_EQ(q.size(), 3u) << "the answered request 2 waits behind 1 and 3; 4 and 5 are gone"; });
  run_events_until(100.0);
  const std::vector<Expired> want = {{6.0, 4}, {10.0, 1}, {10.5, 3}};
  EXPECT_EQ(expired, want);
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(pending_timed_events(), 0u);
}

}  // namespace
}  // namespace knsim::sim
