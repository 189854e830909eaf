// Sampling only observes: the same scenario with different spec.sampleInterval values gives the same
// request outcomes, latencies, pod-, panic-, Proxy- and node-seconds, per-revision requests and
// scale events, eventing counters and a byte-identical events.jsonl. Every shipped scenario, plus
// tests/data/scenarios/overload-timeout.yaml (containerConcurrency 1, timeoutSeconds 3, a burst:
// most requests time out in a queue or while running). Intervals 1 s, 7 s (does not divide the
// duration) and 0.3 s.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cli.hpp"

namespace knsim::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> scenarios() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(knsim::test::source_dir() / "scenarios"))
    if (e.path().extension() == ".yaml") out.push_back(e.path().string());
  out.push_back((knsim::test::source_dir() / "tests" / "data" / "scenarios" / "overload-timeout.yaml").string());
  std::sort(out.begin(), out.end());
  return out;
}

// What must not depend on the sample interval. pods_max and nodes.max are maxima over samples,
// so they may (a short peak between two samples is not seen); they are left out.
nlohmann::json interval_free(const nlohmann::json& s) {
  nlohmann::json j;
  j["requests"] = s["requests"];
  j["latency_ms"] = s["latency_ms"];
  j["cold_start_requests"] = s["cold_start_requests"];
  j["node_seconds"] = s["nodes"]["node_seconds"];
  for (const auto& r : s["revisions"])
    j["revisions"].push_back({r["name"], r["requests"], r["pod_seconds"], r["panic_seconds"], r["proxy_seconds"],
                              r["scale_events"]});
  if (s.contains("eventing")) j["eventing"] = s["eventing"];
  return j;
}

class SampleInterval : public ::testing::TestWithParam<std::string> {};

TEST_P(SampleInterval, DoesNotChangeTheRun) {
  const fs::path scenario = GetParam();
  const std::string stem = scenario.stem().string();
  std::string events_1s;
  nlohmann::json summary_1s;
  for (const char* iv : {"1s", "7s", "0.3s"}) {
    const fs::path out = knsim::test::scratch("interval-" + stem + "-" + iv);
    ASSERT_EQ(knsim::test::run_cli("run " + scenario.string() + " --quiet --set scenario.sampleInterval=" + iv +
                                   " --out " + out.string()),
              0)
        << stem << " " << iv;
    const auto summary = interval_free(nlohmann::json::parse(knsim::test::slurp(out / "summary.json")));
    const std::string events = knsim::test::slurp(out / "events.jsonl");
    fs::remove_all(out);
    if (std::string(iv) == "1s") {
      summary_1s = summary;
      events_1s = events;
      ASSERT_FALSE(events.empty()) << stem;
      continue;
    }
    EXPECT_EQ(summary.dump(1), summary_1s.dump(1)) << stem << ": sampleInterval " << iv << " vs 1s";
    EXPECT_TRUE(events == events_1s) << stem << ": events.jsonl differs with sampleInterval " << iv;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SampleInterval, ::testing::ValuesIn(scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string name = fs::path(p.param).stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The overload scenario's timeouts are real: most requests time out, and some succeed.
TEST(SampleIntervalOverload, TimesOutMostRequests) {
  const fs::path out = knsim::test::scratch("interval-overload");
  ASSERT_EQ(knsim::test::run_cli("run " + (knsim::test::source_dir() / "tests/data/scenarios/overload-timeout.yaml").string() +
                                 " --quiet --out " + out.string()),
            0);
  const auto s = nlohmann::json::parse(knsim::test::slurp(out / "summary.json"));
  EXPECT_GT(s["requests"]["failed_by_reason"]["timeout"].get<long>(), s["requests"]["total"].get<long>() / 2);
  EXPECT_GT(s["requests"]["succeeded"].get<long>(), 100);
  EXPECT_LT(s["latency_ms"]["max"].get<double>(), 3000.0 + 1.0) << "nothing succeeds after its 3 s deadline";
  fs::remove_all(out);
}

}  // namespace
}  // namespace knsim::cli
