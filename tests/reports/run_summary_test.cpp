#include "reports/run_summary.hpp"

#include <gtest/gtest.h>

#include "cmake/version.hpp"
#include "tests/reports/sample_run.hpp"

namespace knsim::reports {
namespace {

TEST(RunSummary, InvariantsOnTheSampleRun) {
  testing::SampleRun run;
  testing::fill_sample_run(run, 600);
  run.info.wall_seconds = 2.0;
  run.info.revision_services["hello-00003"] = "hello";  // created, never served
  const RunSummary s = build_run_summary(run.info, run.stats, run.store, run.events.events());
  EXPECT_EQ(s.requests_total, s.requests_succeeded + s.requests_failed);
  std::int64_t by_reason = 0;
  for (const auto& [reason, n] : s.failed_by_reason) by_reason += n;
  EXPECT_EQ(by_reason, s.requests_failed);
  EXPECT_GT(s.failed_by_reason.at("overflow_503"), 0);
  EXPECT_EQ(s.failed_by_reason.at("timeout"), 0);  // always present
  ASSERT_EQ(s.revisions.size(), 3u);
  EXPECT_EQ(s.revisions[2].name, "hello-00003");
  EXPECT_EQ(s.revisions[2].requests, 0);
  EXPECT_NEAR(s.revisions[0].share + s.revisions[1].share, 1.0, 1e-12);
  EXPECT_NEAR(s.revisions[0].share, 0.7, 0.01);
  EXPECT_EQ(s.revisions[0].scale_events, 2);
  EXPECT_EQ(s.revisions[0].proxy_seconds, 19);  // t = 1..19 in Proxy, 1 s samples
  EXPECT_EQ(s.revisions[0].panic_seconds, 59);  // 200 < t < 260
  EXPECT_EQ(s.nodes_max, 3);
  EXPECT_EQ(s.node_seconds, 300 * 3 + 300 * 2);  // worker-1 down after t = 300
  EXPECT_DOUBLE_EQ(s.simulated_requests_per_wall_second, static_cast<double>(s.requests_total) / 2.0);
  EXPECT_EQ(s.knsim_version, knsim::version_string());
  EXPECT_GT(s.latency_p99_ms, s.latency_p50_ms);
  EXPECT_GE(s.latency_max_ms, s.latency_p99_ms);
  EXPECT_EQ(s.cold_start_requests, 2 * 19);
}

TEST(RunSummary, JsonKeysAndNestingAsScenarioMd) {
  RunSummary s;
  s.scenario = "step-load";
  s.seed = 7;
  s.knsim_version = "knsim 0.1.0 (commit test)";
  s.duration_s = 1200;
  s.requests_total = 10;
  s.requests_succeeded = 8;
  s.requests_failed = 2;
  s.failed_by_reason = {{"overflow_503", 1}, {"timeout", 0}, {"no_route", 0}, {"unfinished", 1}};
  s.latency_p50_ms = 12.5;
  s.revisions.push_back({"hello-00001", "hello", 10, 1.0, 3, 3600, 20, 5, 4});
  s.nodes_max = 3;
  s.node_seconds = 3600;
  s.wall_seconds = 1.25;
  s.simulated_requests_per_wall_second = 8;
  s.config = nlohmann::ordered_json{{"seed", 7}};
  EXPECT_EQ(to_json(s, false).dump(),
            "{\"scenario\":\"step-load\",\"seed\":7,\"knsim_version\":\"knsim 0.1.0 (commit test)\",\"duration_s\":1200.0,"
            "\"requests\":{\"total\":10,\"succeeded\":8,\"failed\":2,\"failed_by_reason\":{\"overflow_503\":1,"
            "\"timeout\":0,\"no_route\":0,\"unfinished\":1}},"
            "\"latency_ms\":{\"p50\":12.5,\"p90\":0.0,\"p99\":0.0,\"max\":0.0},\"cold_start_requests\":0,"
            "\"revisions\":[{\"name\":\"hello-00001\",\"service\":\"hello\",\"requests\":10,\"share\":1.0,"
            "\"pods_max\":3,\"pod_seconds\":3600.0,\"panic_seconds\":20.0,\"proxy_seconds\":5.0,\"scale_events\":4}],"
            "\"nodes\":{\"max\":3,\"node_seconds\":3600.0},\"wall_seconds\":0.0,"
            "\"simulated_requests_per_wall_second\":0.0,\"config\":{\"seed\":7}}");
  EXPECT_EQ(to_json(s, true)["wall_seconds"], 1.25);
}

}  // namespace
}  // namespace knsim::reports
