// plan/run_pool: child processes J at a time, a run's folder renamed from .partial only on exit 0,
// failures reported with the end of their log; format_eta. A fake knsim (a shell script written
// here) stands in for the simulator so the pool's own behaviour is what is tested.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "plan/run_pool.hpp"

namespace knsim::plan {
namespace {

namespace fs = std::filesystem;

TEST(FormatEta, ShortDurations) {
  const struct {
    double s;
    const char* want;
  } cases[] = {{0, "0s"}, {-3, "0s"}, {42.4, "42s"}, {59.6, "1m00s"}, {185, "3m05s"}, {3720, "1h02m"}, {36000, "10h00m"}};
  for (const auto& c : cases) EXPECT_EQ(format_eta(c.s), c.want) << c.s;
}

// `fake run ID CODE --quiet --out DIR`: notes ID in DIR/../started, counts concurrent runs, writes
// DIR/summary.json, says something on stderr, exits CODE.
fs::path write_fake(const fs::path& dir) {
  const fs::path fake = dir / "fake-knsim.sh";
  std::ofstream(fake) << "#!/bin/sh\n"
                         "out=\"$6\"\n"
                         "root=$(dirname \"$out\")\n"
                         "echo x >> \"$root/running.$2\"\n"
                         "n=$(ls \"$root\" | grep -c '^running\\.')\n"
                         "echo $n >> \"$root/concurrency\"\n"
                         "sleep 0.2\n"
                         "rm \"$root/running.$2\"\n"
                         "echo '{}' > \"$out/summary.json\"\n"
                         "echo \"run $2 says: exiting with $3\" >&2\n"
                         "exit $3\n";
  ::chmod(fake.c_str(), 0755);
  return fake;
}

TEST(RunJobs, ParallelLimitRenameOnSuccessAndFailureLogs) {
  const fs::path dir = fs::temp_directory_path() / ("knsim-run-pool-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "runs");
  const fs::path fake = write_fake(dir);
  std::vector<RunJob> jobs;
  for (int i = 0; i < 5; ++i) {
    const std::string id = "j" + std::to_string(i);
    jobs.push_back({id, {id, i == 3 ? "1" : "0"}, dir / "runs" / id});
  }
  std::vector<std::string> done;
  std::string failure;
  const std::size_t failed = run_jobs(jobs, PoolOptions{fake, 2, false, 0}, [&](const JobOutcome& o) {
    done.push_back(o.job->id);
    if (o.exit_code != 0) failure = o.error;
    EXPECT_EQ(o.exit_code, o.job->id == "j3" ? 1 : 0);
  });
  EXPECT_EQ(failed, 1u);
  EXPECT_EQ(std::set<std::string>(done.begin(), done.end()).size(), 5u);  // each reported once
  for (int i = 0; i < 5; ++i) {
    const std::string id = "j" + std::to_string(i);
    // Success: the final folder with the outputs and the log; failure: only the .partial folder.
    EXPECT_EQ(fs::exists(dir / "runs" / id / "summary.json"), i != 3) << id;
    EXPECT_EQ(fs::exists(dir / "runs" / (id + ".partial")), i == 3) << id;
  }
  EXPECT_NE(failure.find("run j3 says: exiting with 1"), std::string::npos) << failure;
  std::ifstream conc(dir / "runs" / "concurrency");
  int n = 0, most = 0;
  while (conc >> n) most = std::max(most, n);
  EXPECT_GE(most, 1);
  EXPECT_LE(most, 2) << "never more than --jobs at a time";
  // A program that cannot start: every job fails with -1 and a message, none hangs.
  std::string why;
  EXPECT_EQ(run_jobs({jobs[0]}, PoolOptions{dir / "no-such-program", 1, false, 0},
                     [&](const JobOutcome& o) { why = std::to_string(o.exit_code) + " " + o.error; }),
            1u);
  EXPECT_FALSE(why.empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace knsim::plan
