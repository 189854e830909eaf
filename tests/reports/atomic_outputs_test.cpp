// write_run_outputs is all or nothing (reports/writers.hpp): summary.json marks a complete run, so a
// failed write never leaves one behind, not even the previous run's, and no .partial file remains.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "reports/writers.hpp"
#include "tests/reports/sample_run.hpp"
#include "tests/support/files.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::reports {
namespace {

namespace fs = std::filesystem;

using test::read_text;

struct Written {
  testing::SampleRun run;
  RunSummary summary;
  Written() {
    testing::fill_sample_run(run, 60);
    summary = build_run_summary(run.info, run.stats, run.store, run.events.events());
    summary.wall_seconds = 2.5;
  }
  std::string write(const fs::path& dir, const WriteOptions& opt) const {
    return write_run_outputs(dir, summary, run.store, run.events.events(), opt);
  }
};

bool has_partials(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().ends_with(".partial")) return true;
  return false;
}

TEST(AtomicOutputs, SuccessLeavesEveryFileAndNoPartial) {
  const fs::path dir = test::binary_dir() / "atomic-outputs" / "ok";
  fs::remove_all(dir);
  const Written w;
  WriteOptions opt;
  opt.include_wall = false;
  opt.wall_in_summary = true;  // knsim run: wall figures only in summary.json
  ASSERT_EQ(w.write(dir, opt), "");
  for (const char* f : {"summary.json", "timeseries.csv", "nodes.csv", "events.jsonl", "report.html"})
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  EXPECT_FALSE(has_partials(dir));
  EXPECT_EQ(nlohmann::json::parse(read_text(dir / "summary.json"))["wall_seconds"].get<double>(), 2.5);
  EXPECT_EQ(read_text(dir / "report.html").find("wall time"), std::string::npos);  // report.html stays wall-free
}

// A failed write (here: report.html cannot be renamed into place because a folder has its name)
// removes the earlier run's summary.json and leaves no partial file.
TEST(AtomicOutputs, FailureLeavesNoSummaryNotEvenTheEarlierOne) {
  const fs::path dir = test::binary_dir() / "atomic-outputs" / "fail";
  fs::remove_all(dir);
  const Written w;
  ASSERT_EQ(w.write(dir, {}), "");  // an earlier, complete run
  ASSERT_TRUE(fs::exists(dir / "summary.json"));
  fs::remove(dir / "report.html");
  fs::create_directories(dir / "report.html" / "in-the-way");
  const std::string error = w.write(dir, {});
  EXPECT_NE(error.find("report.html"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(dir / "summary.json"));
  EXPECT_FALSE(has_partials(dir));
}

}  // namespace
}  // namespace knsim::reports
