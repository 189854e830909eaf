// Label "slow": issue 17's soak, small. bench/make_day_scenario.py --soak writes 20 Services
// replaying the Azure 2021 sample for 2 simulated days on 4 nodes, a node failure every 3 h (down
// 15 min, rotating worker-0..3), a rollout of fn-000 and fn-010 at 6 h of each day (70/30, then
// 100 % an hour later) and eventing traffic (a Broker with four Triggers, a channel with a
// Subscription, producers, a ContainerSource and a PingSource; flaky subscribers, a dead letter sink
// that fails 10 %): bench/soak_parts.py. The run goes through the `knsim` executable; then
// bench/soak_check.py, the same check bench/run.sh soak-week runs on the full week, must pass: every
// request and every event accounted for in summary.json, the counters agreeing with events.jsonl
// (written independently of them), and the failures, rollouts, retries, dead letters and losses
// all having happened, here in the exact numbers this scenario makes. The check is then shown one
// counter off, so that it is known to fail when the accounting does.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/cli.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kServices = 20, kDays = 2, kFailEveryHours = 3;

// bench/soak_check.py on `out`, with this scenario's exact counts: a node failure every 3 h
// before the end (3 h, 6 h, ..., 45 h), fn-000 and fn-010 rolled out once a day (a 70/30 split
// and two new revisions each).
// Returns its exit code; what it printed goes to *output.
int soak_check(const fs::path& out, std::string* output) {
  const std::string cmd = "python3 '" + (knsim::test::source_dir() / "bench" / "soak_check.py").string() + "' '" +
                          out.string() + "' --node-failures " + std::to_string((kDays * 24 - 1) / kFailEveryHours) +
                          " --rollouts " + std::to_string(2 * kDays) + " --revisions " +
                          std::to_string(kServices + 2 * kDays) + " 2>&1";
  return knsim::test::run_shell(cmd, output);
}

}  // namespace

TEST(Soak, TwoDaysOfFailuresRolloutsAndEventsAllAccountedFor) {
  const fs::path dir = fs::temp_directory_path() / ("knsim-soak-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  struct RemoveAtEnd {  // also when an ASSERT returns early: the outputs are ~120 MB
    fs::path p;
    ~RemoveAtEnd() { fs::remove_all(p); }
  } cleanup{dir};
  const fs::path scenario = dir / "soak.yaml", out = dir / "out";
  const std::string gen = "python3 '" + (knsim::test::source_dir() / "bench" / "make_day_scenario.py").string() +
                          "' --soak --services " + std::to_string(kServices) + " --nodes 4 --days " +
                          std::to_string(kDays) + " --fail-every " + std::to_string(kFailEveryHours) +
                          " --name soak-small --out '" + scenario.string() + "'";
  ASSERT_EQ(std::system(gen.c_str()), 0) << gen;
  const auto run = knsim::test::run_knsim("run '" + scenario.string() + "' --quiet --out '" + out.string() + "'");
  ASSERT_EQ(run.code, 0) << run.err;

  json summary = json::parse(knsim::test::slurp(out / "summary.json"));
  EXPECT_GT(summary.at("requests").at("total").get<long>(), 100000) << "the fleet's load arrived";
  std::string passed;
  EXPECT_EQ(soak_check(out, &passed), 0) << passed;
  EXPECT_NE(passed.find("accounting: PASS"), std::string::npos) << passed;

  // One request more in the total than succeeded + failed: the check must say so and fail.
  summary["requests"]["total"] = summary.at("requests").at("total").get<long>() + 1;
  std::ofstream(out / "summary.json") << summary.dump();
  std::string failed;
  EXPECT_EQ(soak_check(out, &failed), 1) << failed;
  EXPECT_NE(failed.find("FAIL requests: total"), std::string::npos) << failed;
}
