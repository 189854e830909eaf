// `knsim cluster compare DIR` end to end on a hand-made recording (tests/data/adapter/compare-window):
// the replay holds 2 ready and 2 desired pods from the start (min-scale = max-scale = 2) and never
// panics, so every figure of compare.json can be worked out from observed.csv by hand; report.html
// holds both series (real and simulated) of the revision.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/compare_report.hpp"
#include "tests/support/cli.hpp"

namespace knsim::cli {
namespace {

namespace fs = std::filesystem;

using knsim::test::run_knsim;
using knsim::test::slurp;

// A copy of the recording in the build tree (compare writes into DIR).
fs::path copy_recording(const std::string& name) {
  const fs::path dir = knsim::test::binary_dir() / "test-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  fs::copy(knsim::test::source_dir() / "tests" / "data" / "adapter" / "compare-window", dir, fs::copy_options::recursive);
  return dir;
}

TEST(ClusterCompare, FiguresOfAHandMadeRecording) {
  const fs::path dir = copy_recording("compare-window");
  const auto first = run_knsim("cluster compare " + dir.string());
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string& out = first.out;
  const auto result = nlohmann::json::parse(slurp(dir / "compare" / "compare.json"));
  ASSERT_EQ(result["revisions"].size(), 1u) << result.dump(2);
  const auto& r = result["revisions"][0];
  EXPECT_EQ(r["revision"], "hello-00001");
  // observed.csv at 10..50 s: actual 2, 3, 4, 0, 2 against the replay's 2 ready pods.
  EXPECT_EQ(r["samples"], 5);
  EXPECT_DOUBLE_EQ(r["mae_pods"].get<double>(), 1.0);          // (0 + 1 + 2 + 2 + 0) / 5
  EXPECT_DOUBLE_EQ(r["within_one_pod"].get<double>(), 0.6);    // 10, 20 and 50 s
  EXPECT_DOUBLE_EQ(r["desired_mae_pods"].get<double>(), 0.2);  // desired 2, 2, 3, 2, 2: one pod off once
  EXPECT_DOUBLE_EQ(r["panic_overlap"].get<double>(), 0.0);     // real panic at 30 and 40 s, the replay none
  EXPECT_EQ(r["cold_starts_observed"], 1);                     // 0 at 40 s -> 2 at 50 s
  EXPECT_EQ(r["cold_starts_simulated"], 0);
  EXPECT_NE(out.find("report.html"), std::string::npos) << out;

  const std::string html = slurp(dir / "compare" / "report.html");
  EXPECT_NE(html.find("real ready (observed.csv actual_pods)"), std::string::npos);
  EXPECT_NE(html.find("simulated ready"), std::string::npos);
  EXPECT_NE(html.find("hello-00001: ready pods, real cluster and simulated replay"), std::string::npos);
  // Both series are drawn: one polyline per line series of the pods plot (4: ready and desired of each).
  std::size_t polylines = 0;
  for (std::size_t at = html.find("<polyline"); at != std::string::npos; at = html.find("<polyline", at + 1)) ++polylines;
  EXPECT_GE(polylines, 4u);
  EXPECT_NE(html.find("<td>1.00</td><td>60.0%</td><td>0.20</td><td>0.0%</td><td>1</td><td>0</td>"), std::string::npos)
      << html.substr(0, 3000);
  EXPECT_NE(html.find("What limits it"), std::string::npos);

  // Deterministic: a second compare writes the same report.
  const auto again = run_knsim("cluster compare " + dir.string());
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(slurp(dir / "compare" / "report.html"), html);

  // The outputs sit in DIR/compare/, so the recording stays a scenario folder: validate (as run and
  // the GUI load it) reads no compare output as a manifest.
  const auto validate = run_knsim("validate " + dir.string());
  EXPECT_EQ(validate.code, 0) << validate.err << validate.out;
}

TEST(ClusterCompare, ColdStartsAndAlignmentWorkedByHand) {
  const double nan = std::nan("");
  EXPECT_EQ(reports::count_scale_from_zero({1, 0, 0, 2, nan, 0, 1}), 2);
  EXPECT_EQ(reports::count_scale_from_zero({0, 1}), 1);
  EXPECT_EQ(reports::count_scale_from_zero({1, 2, 3}), 0);
  EXPECT_EQ(reports::count_scale_from_zero({}), 0);
  // The last simulated sample at or before each observed time; none before the first.
  const auto v = reports::values_at({1, 2, 3, 4}, {0, 0, 5, 6}, {0.5, 2, 3.5, 10});
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(std::isnan(v[0]));
  EXPECT_EQ(v[1], 0);
  EXPECT_EQ(v[2], 5);
  EXPECT_EQ(v[3], 6);
}

}  // namespace
}  // namespace knsim::cli
