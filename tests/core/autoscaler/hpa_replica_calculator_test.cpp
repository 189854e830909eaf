// The Kubernetes HPA's resource replica calculation (replica_calculator.go GetResourceReplicas):
// each row worked out by hand from the rules in core/autoscaler/hpa_replica_calculator.hpp.
#include "core/autoscaler/hpa_replica_calculator.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace knsim::core::autoscaler;

constexpr double kNow = 1000;

// A Running pod started `age` s ago, Ready since `ready_for` s (negative: not Ready, readiness
// last changed at its start), with `usage` millicores of a 500m request sampled now over 15 s.
HpaPodSample pod(const std::string& name, double age, double ready_for, std::optional<std::int64_t> usage) {
  HpaPodSample p;
  p.name = name;
  p.start_time = kNow - age;
  p.ready = ready_for >= 0;
  p.ready_last_transition = ready_for >= 0 ? kNow - ready_for : kNow - age;
  p.usage_milli = usage;
  p.sample_timestamp = kNow;
  p.sample_window = 15;
  p.request_milli = 500;
  return p;
}

struct Row {
  const char* name;
  std::int32_t current;
  std::int32_t target;
  std::vector<HpaPodSample> pods;
  bool valid;
  std::int32_t replicas;
  std::int32_t utilization;
  int ready, ignored, missing;
};

std::vector<Row> rows() {
  std::vector<Row> r;
  // 4 old Ready pods at 100 % of 500m, target 80: utilization 100, ratio 1.25 -> ceil(1.25 * 4) = 5.
  r.push_back({"all_ready_scale_up", 4, 80,
               {pod("a", 600, 590, 500), pod("b", 600, 590, 500), pod("c", 600, 590, 500), pod("d", 600, 590, 500)},
               true, 5, 100, 4, 0, 0});
  // 85 % of 80 % target: ratio floor(85)/80 = 1.0625 within 0.1 -> keep 4.
  r.push_back({"within_tolerance", 4, 80,
               {pod("a", 600, 590, 425), pod("b", 600, 590, 425), pod("c", 600, 590, 425), pod("d", 600, 590, 425)},
               true, 4, 85, 4, 0, 0});
  // The header's worked example: 3 busy Ready pods, 4 new unready ones with samples -> keep 7.
  r.push_back({"unready_new_pods_hold_scale_up", 7, 80,
               {pod("a", 600, 590, 500), pod("b", 600, 590, 500), pod("c", 600, 590, 500), pod("n1", 20, -1, 10),
                pod("n2", 20, -1, 10), pod("n3", 20, -1, 10), pod("n4", 20, -1, 10)},
               true, 7, 100, 3, 4, 0});
  // 4 busy Ready pods at 200 %, 1 unready new pod: ratio 2.5; with the new pod at 0 %:
  // floor(100 * 4000 / 2500) = 160 -> 2.0 -> ceil(2.0 * 5) = 10.
  r.push_back({"unready_pod_counts_zero", 5, 80,
               {pod("a", 600, 590, 1000), pod("b", 600, 590, 1000), pod("c", 600, 590, 1000), pod("d", 600, 590, 1000),
                pod("n", 10, -1, 0)},
               true, 10, 200, 4, 1, 0});
  // A Ready pod within the CPU initialization period whose sample is younger than one window after
  // it became Ready (Ready 5 s, window 15 s) is ignored too. The 2 counted pods give 100 / 50 = 2.0
  // > 1, so it counts as 0: floor(100 * 1000 / 1500) = 66 -> 1.32 -> ceil(1.32 * 3) = 4.
  r.push_back({"fresh_ready_sample_ignored", 3, 50,
               {pod("a", 600, 590, 500), pod("b", 600, 590, 500), pod("c", 60, 5, 500)}, true, 4, 100, 2, 1, 0});
  // Scale-down with a missing pod: 3 pods at 20 %, one without a sample; target 80: ratio 0.25;
  // missing at 100 %: floor(100 * 800 / 2000) = 40 -> 0.5 -> ceil(0.5 * 4) = 2.
  r.push_back({"missing_pod_full_on_scale_down", 4, 80,
               {pod("a", 600, 590, 100), pod("b", 600, 590, 100), pod("c", 600, 590, 100), pod("m", 600, 590, {})},
               true, 2, 20, 3, 0, 1});
  // Scale-up with a missing pod: 2 at 120 %, one missing, target 60: ratio 2.0; missing at 0 %:
  // floor(100 * 1200 / 1500) = 80 -> 1.333 -> ceil(1.333 * 3) = 4.
  r.push_back({"missing_pod_zero_on_scale_up", 3, 60,
               {pod("a", 600, 590, 600), pod("b", 600, 590, 600), pod("m", 600, 590, {})}, true, 4, 120, 2, 0, 1});
  // Direction flip: 1 Ready pod at 100 % (ratio 100/90 = 1.11 > tolerance), 1 missing: at 0 % the
  // ratio is 50/90 = 0.56 < 1 -> keep current 2.
  r.push_back({"missing_flip_keeps_current", 2, 90, {pod("a", 600, 590, 500), pod("m", 600, 590, {})}, true, 2, 100,
               1, 0, 1});
  // Past the initialization period a pod that is not Ready but was Ready before (readiness changed
  // long after its start) counts with its sample.
  r.push_back({"was_ready_counts_after_init", 2, 50,
               {pod("a", 600, 590, 500), [] {
                  HpaPodSample p = pod("b", 600, -1, 500);
                  p.ready_last_transition = kNow - 100;  // lost readiness 100 s ago, 500 s after start
                  return p;
                }()},
               true, 4, 100, 2, 0, 0});
  // Pending pods are ignored; Failed and deleting pods are not grouped, but their samples stay in the
  // sums as in Kubernetes: (500 * 4) / (500 * 4) = 100 % of target 100 -> within tolerance, keep 4.
  r.push_back({"pending_failed_deleting", 4, 100,
               {pod("a", 600, 590, 500), pod("b", 600, 590, 500),
                [] {
                  HpaPodSample p = pod("p", 5, -1, {});
                  p.phase = HpaPodPhase::kPending;
                  return p;
                }(),
                [] {
                  HpaPodSample p = pod("f", 600, 590, 500);
                  p.phase = HpaPodPhase::kFailed;
                  return p;
                }(),
                [] {
                  HpaPodSample p = pod("x", 600, 590, 500);
                  p.deleting = true;
                  return p;
                }()},
               true, 4, 100, 2, 1, 0});
  // No sample from any counted pod: no recommendation.
  r.push_back({"no_metrics", 2, 80, {pod("n", 10, -1, 100), pod("m", 600, 590, {})}, false, 0, 0, 0, 1, 1});
  return r;
}

TEST(HpaReplicaCalculator, Table) {
  for (const Row& row : rows()) {
    SCOPED_TRACE(row.name);
    const HpaReplicaResult got = hpa_resource_replicas(row.current, row.target, /*cpu=*/true, row.pods, kNow);
    EXPECT_EQ(got.valid, row.valid) << got.reason;
    EXPECT_EQ(got.replicas, row.replicas) << got.reason;
    if (row.valid) {
      EXPECT_EQ(got.utilization, row.utilization);
    }
    EXPECT_EQ(got.ready_pods, row.ready);
    EXPECT_EQ(got.ignored_pods, row.ignored);
    EXPECT_EQ(got.missing_pods, row.missing);
    EXPECT_FALSE(got.reason.empty());
  }
}

// Memory (not CPU): the readiness rules do not apply, so the unready new pod's sample counts.
TEST(HpaReplicaCalculator, ReadinessRulesOnlyForCpu) {
  const std::vector<HpaPodSample> pods = {pod("a", 600, 590, 500), pod("n", 10, -1, 500)};
  const auto cpu = hpa_resource_replicas(2, 50, true, pods, kNow);
  const auto mem = hpa_resource_replicas(2, 50, false, pods, kNow);
  EXPECT_EQ(cpu.ignored_pods, 1);
  EXPECT_EQ(mem.ignored_pods, 0);
  EXPECT_EQ(mem.ready_pods, 2);
  EXPECT_EQ(mem.replicas, 4);  // 100 % / 50 % * 2 pods
}

TEST(HpaReplicaCalculator, NoPodsIsInvalid) {
  const auto got = hpa_resource_replicas(3, 80, true, {}, kNow);
  EXPECT_FALSE(got.valid);
  EXPECT_EQ(got.reason, "no pods returned by selector while calculating replica count");
}

}  // namespace
