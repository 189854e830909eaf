// The replay-vs-observed figures of `knsim cluster compare` (adapter/cluster/compare.hpp), worked by hand;
// both CSVs are read by reports::read_pod_tracks (the same reader the GUI's observed overlay uses).
#include "adapter/cluster/compare.hpp"

#include <gtest/gtest.h>

namespace {
using namespace knsim::adapter;
using knsim::reports::read_pod_tracks;

TEST(Compare, FiguresWorkedByHand) {
  const std::string observed =
      "t_s,revision,desired_pods,actual_pods,panic,requests_per_s\n"
      "0,a,3,3,0,10\n10,a,4,3,1,10\n20,a,5,5,1,10\n30,a,,,,\n"
      "0,b,1,1,0,1\n";
  // Simulated every second; at t = 10 and 20 the rows of those seconds are used, at 30 the row of 25.
  const std::string simulated =
      "t_s,revision,desired_pods,ready_pods,pods,panic\n"
      "0,a,3,2,2,0\n10,a,4,3,3,0\n20,a,6,7,7,1\n25,a,6,6,6,1\n";
  const auto o = read_pod_tracks(observed, "observed.csv", "actual_pods", "desired_pods", "panic");
  const auto s = read_pod_tracks(simulated, "timeseries.csv", "ready_pods", "desired_pods", "panic");
  const auto r = compare_series(o, s)["revisions"];
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0]["revision"], "a");
  EXPECT_EQ(r[0]["samples"], 3);                           // the empty row at 30 has no ready value
  EXPECT_DOUBLE_EQ(r[0]["mae_pods"].get<double>(), 1.0);   // |2-3| + |3-3| + |7-5| = 3, / 3
  EXPECT_DOUBLE_EQ(r[0]["within_one_pod"].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(r[0]["desired_mae_pods"].get<double>(), 1.0 / 3);   // 0 + 0 + 1
  EXPECT_DOUBLE_EQ(r[0]["panic_overlap"].get<double>(), 0.5);           // both at 20; either at 10, 20
  EXPECT_EQ(r[1]["samples"], 0);
  EXPECT_EQ(r[1]["note"], "not in the simulation");
}

TEST(Compare, BadCsvNamesFileLineAndColumn) {
  struct Case {
    std::string text, expect;
  };
  const std::vector<Case> cases = {
      {"", "x.csv: empty file"},
      {"t_s,revision,desired_pods,actual_pods\n", "x.csv:1: no column panic"},
      {"t_s,revision,desired_pods,actual_pods,panic\n0,a,1,one,0\n", "x.csv:2: column actual_pods: \"one\" is not a number"},
      {"t_s,revision,desired_pods,actual_pods,panic\n,a,1,1,0\n", "x.csv:2: column t_s is empty"},
      {"t_s,revision,desired_pods,actual_pods,panic\n0,a\n", "x.csv:2: too few columns"},
  };
  for (const auto& c : cases) {
    try {
      read_pod_tracks(c.text, "x.csv", "actual_pods", "desired_pods", "panic");
      ADD_FAILURE() << c.expect;
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), c.expect);
    }
  }
}

}  // namespace
