// plan/sweep_table: confidence intervals (worked by hand), the Pareto front, and results.csv
// written, read back and written again byte for byte (what `knsim sweep collect` relies on).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "plan/sweep_table.hpp"

namespace knsim::plan {
namespace {

namespace fs = std::filesystem;

TEST(MeanCi95, StudentTWorkedExamples) {
  // {100, 110, 120}: mean 110, s = 10, t(0.975, 2) = 4.302653, half = 4.302653 * 10 / sqrt(3) = 24.8414.
  const auto a = mean_ci95({100, 110, 120});
  EXPECT_DOUBLE_EQ(a.mean, 110);
  ASSERT_TRUE(a.low && a.high);
  EXPECT_NEAR(*a.high - a.mean, 24.8414, 1e-3);
  EXPECT_NEAR(a.mean - *a.low, 24.8414, 1e-3);
  // {1, 3}: mean 2, s = sqrt(2), t(0.975, 1) = 12.7062, half = 12.7062 * sqrt(2) / sqrt(2) = 12.7062.
  const auto b = mean_ci95({1, 3});
  EXPECT_NEAR(*b.high, 2 + 12.7062, 1e-3);
  // One run: no interval. Identical runs: a zero-width one.
  EXPECT_FALSE(mean_ci95({5}).low);
  const auto c = mean_ci95({5, 5, 5});
  EXPECT_DOUBLE_EQ(*c.low, 5);
  EXPECT_DOUBLE_EQ(*c.high, 5);
}

ResultRow row(std::size_t point, std::uint64_t seed, std::string v, double cost, double p99, double cold) {
  ResultRow r{point, seed, {std::move(v)}, {}};
  r.metrics.values[*metric_index("cost_pod_seconds")] = cost;
  r.metrics.values[*metric_index("latency_p99_ms")] = p99;
  r.metrics.values[*metric_index("cold_start_requests")] = cold;
  return r;
}

TEST(ParetoFront, KeepsOnlyUndominatedPoints) {
  SweepTable t;
  t.keys = {"target"};
  t.rows = {row(0, 1, "a", 100, 50, 3),   // front: cheapest among low-latency
            row(1, 1, "b", 200, 40, 3),   // front: lowest p99
            row(2, 1, "c", 210, 45, 3),   // dominated by b (worse cost and p99, same cold)
            row(3, 1, "d", 90, 80, 0),    // front: cheapest, fewest cold starts
            row(4, 1, "e", 100, 50, 3)};  // equal to a: neither dominates the other
  const auto s = summarize(t);
  EXPECT_EQ(pareto_front(s), (std::vector<std::size_t>{0, 1, 3, 4}));
}

TEST(Summary, GroupsSeedsPerPoint) {
  SweepTable t;
  t.keys = {"target"};
  t.rows = {row(1, 8, "b", 10, 1, 0), row(0, 7, "a", 1, 1, 0), row(1, 7, "b", 30, 1, 0), row(0, 8, "a", 3, 1, 0),
            row(0, 7, "a", 99, 99, 99)};  // a duplicate (point, seed) keeps the first
  t.sort();
  ASSERT_EQ(t.rows.size(), 4u);
  const auto s = summarize(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].runs, 2u);
  EXPECT_DOUBLE_EQ(s[0].get("cost_pod_seconds").mean, 2);
  EXPECT_DOUBLE_EQ(s[1].get("cost_pod_seconds").mean, 20);
  const std::string csv = summary_csv(t.keys, s, {1});
  EXPECT_EQ(csv.substr(0, csv.find('\n')).rfind("point,target,runs,cost_pod_seconds_mean,cost_pod_seconds_ci95_low,", 0), 0u);
  EXPECT_EQ(csv.substr(csv.find('\n') + 1, 14), "1,b,2,20,-107.");  // 20 -+ 12.7062 * 14.142 / 1.414
}

TEST(ResultsCsv, RoundTripIsByteIdentical) {
  SweepTable t;
  t.keys = {"shop.autoscaling.knative.dev/target", "config-autoscaler.stable-window"};
  ResultRow r{3, 42, {"10", "30s"}, {}};
  r.metrics.values = {1234.5, 4800, 10000, 3, 0.0003, 101.25, 0.1 + 0.2, 17, 12};
  t.rows.push_back(r);
  const std::string text = results_csv(t);
  EXPECT_EQ(text,
            "point,seed,shop.autoscaling.knative.dev/target,config-autoscaler.stable-window,cost_pod_seconds,node_seconds,"
            "requests,failed,failed_ratio,latency_p50_ms,latency_p99_ms,cold_start_requests,max_pods\n"
            "3,42,10,30s,1234.5,4800,10000,3,0.0003,101.25,0.30000000000000004,17,12\n");
  const fs::path p = fs::temp_directory_path() / "knsim-plan-results-roundtrip.csv";
  std::ofstream(p) << text;
  std::string error;
  const auto back = read_results_csv(p, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(results_csv(*back), text);
  fs::remove(p);
}

TEST(SplitCsvLine, EmptyCellsAreKept) {
  const struct {
    std::string line;
    std::vector<std::string> cells;
  } cases[] = {
      {"a,b", {"a", "b"}},   {"a,,b", {"a", "", "b"}}, {"a,", {"a", ""}},
      {",a", {"", "a"}},     {",", {"", ""}},          {"", {""}},
  };
  for (const auto& c : cases) EXPECT_EQ(split_csv_line(c.line), c.cells) << "'" << c.line << "'";
}

TEST(ResultsCsv, BadFilesNameLineAndColumn) {
  const fs::path p = fs::temp_directory_path() / "knsim-plan-results-bad.csv";
  const std::string header =
      "point,seed,k,cost_pod_seconds,node_seconds,requests,failed,failed_ratio,latency_p50_ms,latency_p99_ms,"
      "cold_start_requests,max_pods\n";
  const struct {
    std::string text, want;
  } cases[] = {
      {"a,b\n", ":1: not a knsim results.csv header"},
      {header + "0,1,x,1,2,3,4,5,6,7,8\n", ":2: 11 columns, want 12"},
      {header + "0,1,x,1,2,3,4,5,6,7,8,nine\n", ":2: max_pods: not a number: 'nine'"},
      {header + "-1,1,x,1,2,3,4,5,6,7,8,9\n", ":2: point/seed"},
  };
  for (const auto& c : cases) {
    std::ofstream(p) << c.text;
    std::string error;
    EXPECT_FALSE(read_results_csv(p, &error));
    EXPECT_NE(error.find(c.want), std::string::npos) << error;
  }
  fs::remove(p);
}

}  // namespace
}  // namespace knsim::plan
