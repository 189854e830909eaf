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

// The reporter's periodic report as a list of (revision, Stat).
std::vector<std::pair<std::string, knsim::core::metrics::Stat>> report_list(ConcurrencyReporter& rep, double now) {
  std::vector<std::pair<std::string, knsim::core::metrics::Stat>> out;
  rep.report(now,
             [&](const std::string& revision, const knsim::core::metrics::Stat& s) { out.emplace_back(revision, s); });
  return out;
}

TEST(ActivatorStats, FirstRequestPokesThenIsSubtracted) {
  ConcurrencyReporter rep("activator-0");
  auto poke = rep.on_request_in("default/hello-00001", 10.2);
  ASSERT_TRUE(poke.has_value());
  EXPECT_DOUBLE_EQ(poke->average_concurrency, 1);
  EXPECT_DOUBLE_EQ(poke->request_count, 1);
  EXPECT_FALSE(rep.on_request_in("default/hello-00001", 10.4).has_value());
  rep.on_request_out("default/hello-00001", 10.6);
  rep.on_request_out("default/hello-00001", 10.8);
  auto reports = report_list(rep, 11.0);
  ASSERT_EQ(reports.size(), 1u);
  // average over [10.2, 11.0]: (0.2*1 + 0.2*2 + 0.2*1) / 0.8 = 1.0, minus the poke -> 0
  EXPECT_DOUBLE_EQ(reports[0].second.average_concurrency, 0.0);
  EXPECT_DOUBLE_EQ(reports[0].second.request_count, 1);  // 2 - 1
  EXPECT_EQ(rep.tracked_revisions(), 1u);
  reports = report_list(rep, 12.0);  // idle for a whole period and nothing in flight: dropped
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(rep.tracked_revisions(), 0u);
  EXPECT_TRUE(rep.on_request_in("default/hello-00001", 20).has_value());  // pokes again
}

}  // namespace
