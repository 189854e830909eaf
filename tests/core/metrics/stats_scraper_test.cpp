// core/metrics/stats_scraper (pkg/autoscaler/metrics/stats_scraper.go scrapePods): which pods are
// sampled, the sum and the N/n extrapolation, and when the random stream is drawn from.
#include "core/metrics/stats_scraper.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace knsim::core::metrics {
namespace {

// Pods "p<i>" with concurrency c[i] and request count 10 * c[i]; uptime u[i].
std::vector<Stat> pods(const std::vector<double>& c, const std::vector<double>& u) {
  std::vector<Stat> out;
  for (std::size_t i = 0; i < c.size(); ++i) {
    Stat s;
    s.pod_name = "p" + std::to_string(i);
    s.average_concurrency = c[i];
    s.request_count = 10 * c[i];
    s.process_uptime = u[i];
    out.push_back(s);
  }
  return out;
}

TEST(StatsScraper, NoReadyPodNoStat) {
  Rng rng(1);
  EXPECT_FALSE(scrape_pods({}, 60, 5, rng).has_value());
}

struct Case {
  const char* name;
  std::vector<double> concurrency, uptime;
  double want_concurrency;  // exact when every pod is sampled, else a property below
  bool draws;               // whether the random stream is used
};

TEST(StatsScraper, SmallPopulationsSampleEveryPodWithoutDrawing) {
  // N <= 3: n = N, the sum is the total, no shuffle (no draw from the stream).
  const Case cases[] = {
      {"one young pod", {4}, {1}, 4, false},
      {"two old pods", {1, 2}, {100, 100}, 3, false},
      {"three mixed", {1, 2, 3}, {100, 5, 100}, 6, false},
  };
  for (const auto& c : cases) {
    Rng rng(7), untouched(7);
    const auto s = scrape_pods(pods(c.concurrency, c.uptime), 60, 12, rng);
    ASSERT_TRUE(s.has_value()) << c.name;
    EXPECT_DOUBLE_EQ(s->average_concurrency, c.want_concurrency) << c.name;
    EXPECT_DOUBLE_EQ(s->request_count, 10 * c.want_concurrency) << c.name;
    EXPECT_EQ(s->pod_name, "scrape");
    EXPECT_DOUBLE_EQ(s->time, 12);
    EXPECT_EQ(rng.below(1000000), untouched.below(1000000)) << c.name << ": no draw expected";
  }
}

// N = 5 -> n = 4. Worked example of the header: concurrency 1..5; any 4 of them, extrapolated by
// 5/4. With 4 old pods and 1 young, the 4 old pods are the sample: (1+2+3+4) * 5/4 = 12.5.
TEST(StatsScraper, OldPodsFirstThenExtrapolated) {
  Rng rng(3);
  const auto s = scrape_pods(pods({1, 2, 3, 4, 5}, {100, 100, 100, 100, 1}), 60, 0, rng);
  ASSERT_TRUE(s.has_value());
  EXPECT_DOUBLE_EQ(s->average_concurrency, 12.5);
  // 2 old pods (concurrency 4, 5) + 3 young: both old ones are in, plus 2 of the 3 young ones.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Rng r(seed);
    const auto t = scrape_pods(pods({1, 2, 3, 4, 5}, {1, 2, 3, 100, 100}), 60, 0, r);
    const double sum = t->average_concurrency * 4.0 / 5.0;  // back to the sampled sum
    const std::set<double> possible = {4 + 5 + 1 + 2, 4 + 5 + 1 + 3, 4 + 5 + 2 + 3};
    EXPECT_TRUE(possible.count(sum) == 1) << "seed " << seed << " sum " << sum;
  }
}

// All old, N = 5: a shuffle of the old pods picks 4; over seeds every pod is left out sometimes.
TEST(StatsScraper, AllOldPodsAreShuffled) {
  std::set<double> left_out;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Rng r(seed);
    const auto t = scrape_pods(pods({1, 2, 3, 4, 5}, {100, 100, 100, 100, 100}), 60, 0, r);
    left_out.insert(15 - t->average_concurrency * 4.0 / 5.0);
  }
  EXPECT_EQ(left_out, (std::set<double>{1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace knsim::core::metrics
