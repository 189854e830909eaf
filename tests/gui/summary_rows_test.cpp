// The side-by-side summary rows read summary.json objects (docs/spec/scenario.md) of two runs.
#include "gui/summary_rows.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace knsim::gui {
namespace {

const nlohmann::json kBase = nlohmann::json::parse(R"({
  "requests": {"total": 100, "succeeded": 98, "failed": 2},
  "latency_ms": {"p50": 20, "p90": 40, "p99": 812.5, "max": 900},
  "cold_start_requests": 7,
  "revisions": [{"name": "a", "pod_seconds": 120, "pods_max": 3}, {"name": "b", "pod_seconds": 30.5, "pods_max": 5}],
  "nodes": {"max": 2, "node_seconds": 240}})");

TEST(SummaryRows, ValuesByPath) {
  EXPECT_DOUBLE_EQ(summary_value(kBase, "pod_seconds"), 150.5) << "cost sums every revision";
  EXPECT_DOUBLE_EQ(summary_value(kBase, "pods_max"), 5) << "max over revisions";
  EXPECT_DOUBLE_EQ(summary_value(kBase, "latency_ms/p99"), 812.5);
  EXPECT_DOUBLE_EQ(summary_value(kBase, "requests/failed"), 2);
  EXPECT_TRUE(std::isnan(summary_value(kBase, "latency_ms/p999")));
  EXPECT_TRUE(std::isnan(summary_value(nlohmann::json(), "pod_seconds")));
}

TEST(SummaryRows, SideBySide) {
  nlohmann::json alt = kBase;
  alt["cold_start_requests"] = 1;
  const auto rows = summary_rows(kBase, alt);
  bool saw_cold = false, saw_cost = false;
  for (const auto& r : rows) {
    if (r.label == "cold-start requests") {
      saw_cold = true;
      EXPECT_EQ(r.baseline, "7");
      EXPECT_EQ(r.what_if, "1");
    }
    if (r.label == "cost (pod-seconds)") {
      saw_cost = true;
      EXPECT_EQ(r.baseline, "150.50");
    }
  }
  EXPECT_TRUE(saw_cold && saw_cost);
  for (const auto& r : summary_rows(kBase, nlohmann::json())) EXPECT_EQ(r.what_if, "–") << r.label;
}

}  // namespace
}  // namespace knsim::gui
