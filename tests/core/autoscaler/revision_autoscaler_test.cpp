// core::autoscaler::RevisionAutoscaler: one revision's KPA loop (scrape, activator stat, decider
// tick, KPA reconcile, SKS status), the loop both the simulator and the cluster shadow drive.
// Time is stepped explicitly; the "cluster" here starts and stops pods instantly (a pod asked for at
// t is ready at t + 1). Defaults: concurrency target 100 x 0.7 = 70 per pod, stable window 60 s,
// scale-to-zero grace 30 s, target-burst-capacity 211.
#include "core/autoscaler/revision_autoscaler.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/autoscaler/cadence.hpp"

namespace {

using namespace knsim::core::autoscaler;
namespace api = knsim::core::api;
namespace cfg = knsim::core::config;
namespace cm = knsim::core::metrics;
using knsim::core::Rng;
using knsim::core::Seconds;

PaStart new_revision() {
  PaStart s;
  s.service_name = "rev-private";
  return s;
}

RevisionAutoscalerSpec reachable_spec() {
  RevisionAutoscalerSpec s;
  s.reachability = api::Reachability::kReachable;
  return s;
}

// --- The PA's ScaleTargetInitialized (what makes Knative's Revision Ready) -----------------------

struct InitialScaleCase {
  const char* name;
  bool allow_zero_initial_scale;             // config-autoscaler allow-zero-initial-scale
  std::optional<std::int32_t> annotation;    // autoscaling.knative.dev/initial-scale
  std::int32_t resolved_initial;             // the scaler's initial scale
  std::int32_t ready_needed;                 // ready pods at which the PA becomes initialized
};

class InitialScale : public ::testing::TestWithParam<InitialScaleCase> {};

TEST_P(InitialScale, ScaleTargetInitializedOnceReadyReachesInitialScale) {
  const auto& c = GetParam();
  cfg::AutoscalerConfig config;
  config.allow_zero_initial_scale = c.allow_zero_initial_scale;
  RevisionAutoscalerSpec spec = reachable_spec();
  spec.annotations.initial_scale = c.annotation;
  RevisionAutoscaler a(config, 600, spec, new_revision(), 0);
  ASSERT_EQ(a.scaler().initial_scale, c.resolved_initial);
  // The Deployment is created with initial-scale replicas; they come up one per second, and the
  // decider (no data yet: no decision) and the reconcile run each second with the ready count.
  std::int32_t replicas = c.resolved_initial;
  for (std::int32_t ready = 0; ready <= 3; ++ready) {
    a.decide(ready, ready);
    const auto d = a.reconcile(ready, ready, replicas);
    if (d.scale.apply && d.scale.scale >= 0) replicas = d.scale.scale;
    EXPECT_EQ(a.pa().status.scale_target_initialized, ready >= c.ready_needed) << "ready " << ready;
    EXPECT_EQ(replicas, c.resolved_initial) << "no decision yet: the Deployment stays at initial-scale";
  }
}

INSTANTIATE_TEST_SUITE_P(
    RevisionAutoscaler, InitialScale,
    ::testing::Values(InitialScaleCase{"Default", false, std::nullopt, 1, 1},
                      InitialScaleCase{"ThreePods", false, 3, 3, 3},
                      // initial-scale 0 without allow-zero-initial-scale is the cluster's initial-scale.
                      InitialScaleCase{"ZeroNotAllowed", false, 0, 1, 1},
                      // With it, the PA is initialized at once with no pod: the Revision is Ready.
                      InitialScaleCase{"ZeroAllowed", true, 0, 0, 0}),
    [](const ::testing::TestParamInfo<InitialScaleCase>& p) { return std::string(p.param.name); });

TEST(RevisionAutoscaler, ZeroInitialScaleIsInactiveAndProxiedUntilAPoke) {
  cfg::AutoscalerConfig config;
  config.allow_zero_initial_scale = true;
  RevisionAutoscalerSpec spec = reachable_spec();
  spec.annotations.initial_scale = 0;
  RevisionAutoscaler a(config, 600, spec, new_revision(), 0);
  // t = 0: the first tick (no data: no decision) and reconcile; no pod, yet initialized.
  EXPECT_FALSE(a.decide(0, 0).result.scale_valid);
  const auto d = a.reconcile(0, 0, 0);
  EXPECT_TRUE(a.pa().status.scale_target_initialized);
  EXPECT_EQ(d.sks_mode, api::SksMode::kProxy);
  EXPECT_TRUE(a.pa().status.is_inactive());
  // The first request reaches the activator at t = 1. The decider has made no decision yet
  // (desiredScale -1, not 0), so its Stat does not poke; the tick at t = 2 decides one pod.
  cm::Stat s;
  s.time = 1;
  s.pod_name = "activator-0";
  s.average_concurrency = 1;
  s.request_count = 1;
  EXPECT_FALSE(a.record_activator_stat(s, 1));
  const auto step = a.decide(2, 0);
  ASSERT_TRUE(step.result.scale_valid);
  EXPECT_EQ(step.result.desired_pod_count, 1);
  const auto up = a.reconcile(2, 0, 0);
  EXPECT_EQ(up.scale.scale, 1);
  EXPECT_TRUE(up.scale.apply);
  EXPECT_EQ(up.sks_mode, api::SksMode::kProxy);   // the activator buffers until the pod is ready
}

// --- A whole cycle: scale from zero on a poke, hold, scale to zero --------------------------------

// One instant of the loop, as a driver runs it: the pods' and the activator's Stats every second,
// the decider every 2 s (or on a poke), then the reconcile and the SKS status.
struct Driver {
  RevisionAutoscaler a;
  Rng rng{7};
  std::int32_t replicas = 1;
  std::int32_t ready = 0;
  std::vector<std::string> log;   // "t: what" for every Deployment patch and mode change

  void step(Seconds t, double pod_concurrency, double activator_concurrency) {
    ready = replicas;   // what was asked one second ago is ready now
    std::vector<cm::Stat> pods;
    for (std::int32_t i = 0; i < ready; ++i) {
      cm::Stat s;
      s.time = t;
      s.pod_name = "pod-" + std::to_string(i);
      s.average_concurrency = pod_concurrency / ready;
      s.request_count = pod_concurrency / ready;
      s.process_uptime = 10;
      pods.push_back(s);
    }
    a.record_pod_stats(pods, t, rng);
    bool poked = false;
    if (activator_concurrency > 0) {
      cm::Stat s;
      s.time = t;
      s.pod_name = "activator-0";
      s.average_concurrency = activator_concurrency;
      s.request_count = activator_concurrency;
      poked = a.record_activator_stat(s, t);
    }
    if (!poked && !decider_tick_due(t)) return;
    a.decide(t, ready);
    const auto d = a.reconcile(t, ready, replicas);
    if (d.scale.apply && d.scale.scale >= 0 && d.scale.scale != replicas) {
      log.push_back(std::to_string(static_cast<int>(t)) + ": replicas " + std::to_string(d.scale.scale) + " " +
                    std::string(d.scale.reason));
      replicas = d.scale.scale;
    }
    const auto sks = a.update_sks(d.sks_mode, d.mode_reason, ready, 2, t);
    if (sks.changed) log.push_back(std::to_string(static_cast<int>(t)) + ": " + api::to_string(sks.effective));
  }
};

struct CycleCase {
  Seconds from, to;          // [from, to)
  double pod_concurrency;    // in flight at the pods
  double activator_concurrency;
  std::int32_t replicas;     // the Deployment after the last step
  bool initialized;          // the PA's ScaleTargetInitialized
  bool panic;                // the decider's last valid decision
};

TEST(RevisionAutoscaler, ScalesUpOnLoadAndToZeroAfterTheStableWindowAndGrace) {
  Driver drv{RevisionAutoscaler(cfg::AutoscalerConfig{}, 600, reachable_spec(), new_revision(), 0), Rng{7}, 1, 0, {}};
  const std::vector<CycleCase> table = {
      // One pod, idle: initialized once it is ready.
      {0, 10, 0, 0, 1, true, false},
      // 300 in flight = 4.3 x the 70 target, more than 2 x one pod: panic, 5 pods.
      {10, 20, 300, 0, 5, true, true},
      // The load stays: five pods hold.
      {20, 80, 300, 0, 5, true, false},
      // Load gone at 80: the 60 s stable window's average falls, one pod at a time.
      {80, 100, 0, 0, 3, true, false},
      {100, 140, 0, 0, 1, true, false},
      // The last pod goes 30 s (the scale-to-zero grace) after the activator is back in the path.
      {140, 300, 0, 0, 0, true, false},
  };
  for (const auto& row : table) {
    for (Seconds t = row.from; t < row.to; t += 1) drv.step(t, row.pod_concurrency, row.activator_concurrency);
    EXPECT_EQ(drv.replicas, row.replicas) << "at " << row.to;
    EXPECT_EQ(drv.a.pa().status.scale_target_initialized, row.initialized) << "at " << row.to;
    EXPECT_EQ(drv.a.panic(), row.panic) << "at " << row.to;
  }
  EXPECT_TRUE(drv.a.pa().status.is_inactive());
  EXPECT_EQ(drv.a.sks().status.effective_mode, api::SksMode::kProxy);
  // Up in panic (the 6 s panic window sees 300 first), Serve once the excess burst capacity
  // 5 x 100 - 211 - 0 turns positive, Proxy again at 2 pods (2 x 100 - 211 < 0), zero 30 s later.
  const std::vector<std::string> want = {"12: replicas 3 Desired", "14: replicas 4 Desired", "16: replicas 5 Desired",
                                         "80: Serve", "84: replicas 4 Desired", "98: replicas 3 Desired",
                                         "112: replicas 2 Desired", "114: Proxy", "126: replicas 1 Desired",
                                         "144: replicas 0 ScaleToZeroFastPath"};
  EXPECT_EQ(drv.log, want);
}

TEST(RevisionAutoscaler, ServeAskedWithoutReadyEndpointsStaysProxy) {
  RevisionAutoscaler a(cfg::AutoscalerConfig{}, 600, reachable_spec(), new_revision(), 0);
  auto step = a.update_sks(api::SksMode::kServe, "ebc", 0, 2, 5);
  EXPECT_FALSE(step.changed);   // it was Proxy and stays Proxy
  EXPECT_EQ(step.effective, api::SksMode::kProxy);
  EXPECT_EQ(a.sks().spec.mode, api::SksMode::kServe);
  step = a.update_sks(api::SksMode::kServe, "ebc", 1, 2, 6);
  EXPECT_TRUE(step.changed);
  EXPECT_EQ(step.effective, api::SksMode::kServe);
  EXPECT_EQ(step.reason, "ebc");
  step = a.update_sks(api::SksMode::kServe, "ebc", 0, 2, 7);
  EXPECT_TRUE(step.changed);
  EXPECT_EQ(step.effective, api::SksMode::kProxy);
  EXPECT_EQ(step.reason, "NoReadyEndpoints");
}

}  // namespace
