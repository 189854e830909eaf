// The PA Active condition table of docs/spec/serving.md 5.1 (kpa.go computeActiveCondition).
#include "core/autoscaler/pa_active_condition.hpp"

#include <gtest/gtest.h>

namespace {

using namespace knsim::core::autoscaler;
namespace api = knsim::core::api;
using CS = api::ConditionStatus;

api::PodAutoscalerStatus pa_in(CS status, bool initialized) {
  api::PodAutoscalerStatus pa;
  pa.active.status = status;
  pa.active.last_transition_time = 0;
  pa.scale_target_initialized = initialized;
  pa.service_name = "hello-00001-private";
  return pa;
}

TEST(PaActiveCondition, Table) {
  struct Row {
    const char* name;
    CS before;
    int want, ready, min;
    CS after;
    const char* reason;
  } rows[] = {
      {"want0 from activating times out", CS::kUnknown, 0, 0, 0, CS::kFalse, "TimedOut"},
      {"want0 from active", CS::kTrue, 0, 1, 0, CS::kFalse, "NoTraffic"},
      {"want>0 not enough ready", CS::kFalse, 2, 0, 0, CS::kUnknown, "Queued"},
      {"want-1 not enough ready, active", CS::kTrue, -1, 0, 0, CS::kUnknown, "Queued"},
      {"want-1 not enough ready, inactive", CS::kFalse, -1, 0, 0, CS::kFalse, "NoTraffic"},
      {"want>0 ready", CS::kUnknown, 2, 2, 0, CS::kTrue, ""},
      {"want-1 ready, activating", CS::kUnknown, -1, 1, 0, CS::kTrue, ""},
  };
  for (const auto& r : rows) {
    auto pa = pa_in(r.before, true);
    compute_active_condition(pa, {r.want, r.ready}, r.min, 1, 100);
    EXPECT_EQ(pa.active.status, r.after) << r.name;
    EXPECT_EQ(pa.active.reason, r.reason) << r.name;
  }
}

TEST(PaActiveCondition, InactiveStaysInactiveWhenReadyButNoMetrics) {
  auto pa = pa_in(CS::kFalse, true);
  pa.active.reason = "NoTraffic";
  compute_active_condition(pa, {-1, 1}, 0, 1, 100);
  EXPECT_EQ(pa.active.status, CS::kFalse);
  EXPECT_DOUBLE_EQ(pa.active.last_transition_time, 0);  // unchanged
}

TEST(PaActiveCondition, InitialScaleIsTheThresholdUntilInitialized) {
  auto pa = pa_in(CS::kUnknown, false);
  EXPECT_EQ(active_threshold(pa, 0, 3), 3);
  compute_active_condition(pa, {1, 2}, 0, 3, 10);
  EXPECT_EQ(pa.active.status, CS::kUnknown);  // 2 < 3
  EXPECT_FALSE(pa.scale_target_initialized);
  compute_active_condition(pa, {1, 3}, 0, 3, 20);
  EXPECT_EQ(pa.active.status, CS::kTrue);
  EXPECT_TRUE(pa.scale_target_initialized);
  EXPECT_EQ(active_threshold(pa, 0, 3), 1);
  EXPECT_DOUBLE_EQ(pa.active.in_state_for(50), 30);
}

TEST(PaActiveCondition, InitialScaleZeroGoesInactive) {
  auto pa = pa_in(CS::kUnknown, false);
  compute_active_condition(pa, {-1, 0}, 0, 0, 5);  // minReady 0
  EXPECT_EQ(pa.active.status, CS::kFalse);
  EXPECT_EQ(pa.active.reason, "NoTraffic");
}

}  // namespace
