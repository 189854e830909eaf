// Queue-proxy / activator request statistics, stepped in time.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/dataplane/concurrency_reporter.hpp"
#include "core/dataplane/request_stats.hpp"

namespace {

using namespace knsim::core::dataplane;

TEST(RequestStats, TimeWeightedConcurrency) {
  RequestStats s(0);
  s.on_request_in(0.0);
  s.on_request_in(0.25, true);
  s.on_request_out(0.5);
  s.on_request_out(0.75, true);
  auto r = s.report(1.0);
  // in flight: 1 on [0, .25), 2 on [.25, .5), 1 on [.5, .75), 0 after -> 0.25 + 0.5 + 0.25 = 1.0
  EXPECT_DOUBLE_EQ(r.average_concurrency, 1.0);
  EXPECT_DOUBLE_EQ(r.average_proxied_concurrency, 0.5);  // proxied one on [.25, .75)
  EXPECT_DOUBLE_EQ(r.request_count, 2);
  EXPECT_DOUBLE_EQ(r.proxied_request_count, 1);
  // The level carries over, the window resets.
  s.on_request_in(1.5);
  r = s.report(2.0);
  EXPECT_DOUBLE_EQ(r.average_concurrency, 0.5);
  EXPECT_DOUBLE_EQ(r.request_count, 1);
  const auto stat = queue_proxy_stat(r, "hello-00001-abc", 2.0);
  EXPECT_EQ(stat.pod_name, "hello-00001-abc");
  EXPECT_DOUBLE_EQ(stat.request_count, 1);
  EXPECT_DOUBLE_EQ(stat.time, 2.0);
}

// One revision's entry in activator-0's reporter, stepped in time (the example of
// concurrency_reporter.hpp).
TEST(ActivatorStats, FirstRequestPokesThenIsSubtracted) {
  ConcurrencyReporter rep("activator-0");
  knsim::core::metrics::Stat s;
  EXPECT_FALSE(rep.report(10.0, s));  // no entry: nothing reported
  auto poke = rep.on_request_in(10.2);
  ASSERT_TRUE(poke.has_value());
  EXPECT_EQ(poke->pod_name, "activator-0");
  EXPECT_DOUBLE_EQ(poke->time, 10.2);
  EXPECT_DOUBLE_EQ(poke->average_concurrency, 1);
  EXPECT_DOUBLE_EQ(poke->request_count, 1);
  EXPECT_FALSE(rep.on_request_in(10.4).has_value());
  rep.on_request_out(10.6);
  rep.on_request_out(10.8);
  s.process_uptime = 7;  // a previous report's leftovers are overwritten
  ASSERT_TRUE(rep.report(11.0, s));
  // average over [10.2, 11.0]: (0.2*1 + 0.2*2 + 0.2*1) / 0.8 = 1.0, minus the poke -> 0
  EXPECT_DOUBLE_EQ(s.time, 11.0);
  EXPECT_EQ(s.pod_name, "activator-0");
  EXPECT_DOUBLE_EQ(s.average_concurrency, 0.0);
  EXPECT_DOUBLE_EQ(s.request_count, 1);  // 2 - 1
  EXPECT_DOUBLE_EQ(s.process_uptime, 0);
  EXPECT_TRUE(rep.tracked());
  ASSERT_TRUE(rep.report(12.0, s));  // idle for a whole period and nothing in flight: dropped
  EXPECT_DOUBLE_EQ(s.request_count, 0);
  EXPECT_FALSE(rep.tracked());
  EXPECT_FALSE(rep.report(13.0, s));
  rep.on_request_out(13.5);  // a request the entry never saw (its activator restarted): ignored
  EXPECT_FALSE(rep.tracked());
  EXPECT_TRUE(rep.on_request_in(20).has_value());  // pokes again
}

// The entry is dropped on the raw average (before the poke is subtracted) and only with nothing
// in flight: a long request keeps it through periods without a new request.
TEST(ActivatorStats, InFlightRequestKeepsTheEntry) {
  ConcurrencyReporter rep("activator-1");
  knsim::core::metrics::Stat s;
  ASSERT_TRUE(rep.on_request_in(0.5).has_value());
  ASSERT_TRUE(rep.report(1.0, s));   // [0.5, 1.0] at 1, minus the poke: 0
  EXPECT_DOUBLE_EQ(s.average_concurrency, 0.0);
  ASSERT_TRUE(rep.report(2.0, s));   // [1, 2] at 1, no new request
  EXPECT_DOUBLE_EQ(s.average_concurrency, 1.0);
  EXPECT_DOUBLE_EQ(s.request_count, 0);
  EXPECT_TRUE(rep.tracked());
  rep.on_request_out(2.0);
  ASSERT_TRUE(rep.report(3.0, s));   // idle: dropped
  EXPECT_FALSE(rep.tracked());
}

}  // namespace
