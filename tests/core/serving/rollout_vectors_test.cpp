// The `rollout` vectors of tests/data/knative/knative-serving-tests.json (TestObserveReady in
// pkg/reconciler/route/traffic/rollout_test.go), loaded as data, plus step tests.
#include "core/serving/rollout.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/test_data.hpp"

namespace {

using namespace knsim::core::serving;
using nlohmann::json;

TEST(RolloutVectors, ObserveReadyMatchesKnative) {
  const json doc = knsim::test::load_json_file(knsim::test::knative_vectors_dir() / "knative-serving-tests.json");
  int count = 0, passed = 0;
  for (const auto& v : doc.at("vectors")) {
    if (v.at("kind") != "rollout") continue;
    ++count;
    SCOPED_TRACE(v.at("id").get<std::string>());
    const auto& cfg = v.at("config");
    // Knative adds the float step duration to a float64 now (int64(nowTS + stepDuration)); a small
    // base keeps that sum exact so the expected "now + step_duration" holds to the nanosecond.
    const std::int64_t start = 1'000'000'000;
    Rollout ro;
    ConfigurationRollout cr;
    cr.configuration_name = "cfg";
    cr.percent = cfg.at("config_percent").get<int>();
    cr.revisions = {{"cfg-00001", cr.percent - 1}, {"cfg-00002", 1}};
    cr.step_params.start_time = start;
    ro.configurations.push_back(cr);
    const auto& step = v.at("steps").at(0);
    ASSERT_EQ(step.at("op"), "observe_ready");
    const std::int64_t now = start + step.at("elapsed_since_start_ns").get<std::int64_t>();
    ro.observe_ready(now, cfg.at("rollout_duration_s").get<double>());
    const auto& e = v.at("expect").at(0);
    const auto& p = ro.configurations[0].step_params;
    bool ok = p.step_duration == e.at("step_duration_ns").get<std::int64_t>() &&
              p.step_size == e.at("step_size").get<int>() && p.next_step_time == now + p.step_duration;
    EXPECT_EQ(p.step_duration, e.at("step_duration_ns").get<std::int64_t>());
    EXPECT_EQ(p.step_size, e.at("step_size").get<int>());
    EXPECT_EQ(p.next_step_time, now + p.step_duration);
    passed += ok ? 1 : 0;
  }
  EXPECT_EQ(count, 5);
  EXPECT_EQ(passed, 5);
}

ConfigurationRollout single(const std::string& rev, int pct) {
  ConfigurationRollout c;
  c.configuration_name = "hello";
  c.percent = pct;
  c.revisions = {{rev, pct}};
  return c;
}

TEST(Rollout, NewRevisionStartsWithOnePercent) {
  Rollout prev{{single("hello-00001", 100)}};
  Rollout cur{{single("hello-00002", 100)}};
  auto [next, when] = cur.step(&prev, 5'000'000'000);
  ASSERT_EQ(next.configurations.size(), 1u);
  const auto& c = next.configurations[0];
  EXPECT_EQ(c.revisions, (std::vector<RevisionRollout>{{"hello-00001", 99}, {"hello-00002", 1}}));
  EXPECT_EQ(c.step_params.start_time, 5'000'000'000);
  EXPECT_EQ(when, 0);  // no step until observe_ready
  EXPECT_FALSE(next.done());
}

TEST(Rollout, StepsUntilDone) {
  // Start at t = 10 s, ingress ready at 11 s, duration 4 s: minStep 1, d = 3, n = 3, step 33, 1 s each.
  Rollout prev{{single("hello-00001", 100)}};
  Rollout cur{{single("hello-00002", 100)}};
  auto [state, when] = cur.step(&prev, to_ns(10));
  state.observe_ready(to_ns(11), 4);
  EXPECT_EQ(state.configurations[0].step_params.step_size, 33);
  EXPECT_EQ(state.configurations[0].step_params.step_duration, to_ns(1));
  std::vector<int> newest;
  for (int t = 12; t <= 16 && !state.done(); ++t) {
    auto [s, w] = cur.step(&state, to_ns(t));
    state = s;
    newest.push_back(state.configurations[0].revisions.back().percent);
  }
  EXPECT_EQ(newest, (std::vector<int>{34, 67, 100}));
  EXPECT_TRUE(state.done());
  EXPECT_EQ(state.configurations[0].revisions.size(), 1u);
  EXPECT_EQ(state.configurations[0].revisions[0].revision_name, "hello-00002");
}

TEST(Rollout, StepTakesFromNewestOldFirst) {
  ConfigurationRollout c;
  c.configuration_name = "hello";
  c.percent = 100;
  c.revisions = {{"r1", 50}, {"r2", 5}, {"r3", 45}};
  c.step_params.step_size = 10;
  c.step_params.step_duration = 7;
  c.step_params.next_step_time = 100;
  step_revisions(c, 99);  // not yet due
  EXPECT_EQ(c.revisions.size(), 3u);
  step_revisions(c, 100);
  EXPECT_EQ(c.revisions, (std::vector<RevisionRollout>{{"r1", 45}, {"r3", 55}}));
  EXPECT_EQ(c.step_params.next_step_time, 107);
}

TEST(Rollout, AdjustPercentage) {
  ConfigurationRollout c;
  c.percent = 60;
  c.revisions = {{"r1", 40}, {"r2", 20}};
  adjust_percentage(70, c);  // increase goes to the newest
  EXPECT_EQ(c.revisions, (std::vector<RevisionRollout>{{"r1", 40}, {"r2", 30}}));
  c.percent = 70;
  adjust_percentage(25, c);  // decrease of 45 comes from the oldest first
  EXPECT_EQ(c.revisions, (std::vector<RevisionRollout>{{"r2", 25}}));
  adjust_percentage(0, c);
  EXPECT_TRUE(c.revisions.empty());
}

TEST(Rollout, OnePercentTargetIsNotRolled) {
  Rollout prev{{single("hello-00001", 1)}};
  Rollout cur{{single("hello-00002", 1)}};
  auto [next, when] = cur.step(&prev, 1);
  EXPECT_EQ(next.configurations[0].revisions, (std::vector<RevisionRollout>{{"hello-00002", 1}}));
}

TEST(Rollout, BuildAndApplyToTraffic) {
  TrafficConfig t;
  t.targets[""] = {{"", "hello-00002", "hello", true, 90}, {"", "pinned-1", "", false, 10}};
  Rollout desired = build_rollout(t);
  ASSERT_EQ(desired.configurations.size(), 1u);
  EXPECT_EQ(desired.configurations[0].percent, 90);
  Rollout state{{single("hello-00001", 90)}};
  auto [next, when] = desired.step(&state, 1);
  const TrafficConfig applied = apply_rollout(t, next);
  const auto& main = applied.targets.at("");
  ASSERT_EQ(main.size(), 3u);
  EXPECT_EQ(main[0].revision_name, "hello-00001");
  EXPECT_EQ(main[0].percent, 89);
  EXPECT_FALSE(main[0].latest_revision);
  EXPECT_EQ(main[1].revision_name, "hello-00002");
  EXPECT_EQ(main[1].percent, 1);
  EXPECT_EQ(main[2].percent, 10);
}

TEST(Rollout, ReconcileDrivesAWholeRolloutInTime) {
  auto traffic_to = [](const std::string& rev) {
    TrafficConfig t;
    t.targets[""] = {{"", rev, "hello", true, 100}};
    return t;
  };
  // Steady state on hello-00001.
  auto d = reconcile_rollout(traffic_to("hello-00001"), std::nullopt, to_ns(1), 60, true);
  EXPECT_EQ(d.next_step_ns, 0);
  std::optional<Rollout> state = d.state;
  // hello-00002 becomes ready at t = 100: 1% moves, the ingress is ready 2 s later.
  d = reconcile_rollout(traffic_to("hello-00002"), state, to_ns(100), 60, false);
  EXPECT_EQ(d.programmed.targets.at("").size(), 2u);
  EXPECT_EQ(d.programmed.targets.at("")[1].percent, 1);
  state = d.state;
  d = reconcile_rollout(traffic_to("hello-00002"), state, to_ns(102), 60, true);
  // minStep 2, d = 58, n = 29, step round(99/29) = 3, every 2 s.
  EXPECT_EQ(d.state.configurations[0].step_params.step_size, 3);
  EXPECT_EQ(d.next_step_ns, to_ns(104));
  state = d.state;
  int steps = 0;
  while (d.next_step_ns != 0 && steps < 100) {
    d = reconcile_rollout(traffic_to("hello-00002"), state, d.next_step_ns, 60, true);
    state = d.state;
    ++steps;
  }
  EXPECT_EQ(steps, 33);  // 1% + 33 x 3% = 100%
  const auto& main = d.programmed.targets.at("");
  ASSERT_EQ(main.size(), 1u);
  EXPECT_EQ(main[0].revision_name, "hello-00002");
  EXPECT_EQ(main[0].percent, 100);
  // Without a duration the new revision takes everything at once.
  d = reconcile_rollout(traffic_to("hello-00003"), state, to_ns(500), 0, true);
  EXPECT_EQ(d.programmed.targets.at("")[0].revision_name, "hello-00003");
}

TEST(Rollout, DurationPrefersTheRouteAnnotation) {
  EXPECT_EQ(rollout_duration_seconds(std::nullopt, 120), 120);
  EXPECT_EQ(rollout_duration_seconds(30.0, 120), 30);
  EXPECT_EQ(rollout_duration_seconds(0.0, 120), 120);
  EXPECT_EQ(rollout_duration_seconds(std::nullopt, 0), 0);
}

}  // namespace
