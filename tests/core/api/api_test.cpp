// core/api helpers: conditions, routing-state strings, SKS ProxyFor.
#include <gtest/gtest.h>

#include "core/api/condition.hpp"
#include "core/api/pod_autoscaler.hpp"
#include "core/api/serverless_service.hpp"

namespace {

using namespace knsim::core::api;

TEST(Condition, TransitionTimeChangesOnlyOnChange) {
  Condition c;
  c.set(ConditionStatus::kTrue, "", "", 10);
  c.set(ConditionStatus::kTrue, "", "", 20);
  EXPECT_DOUBLE_EQ(c.last_transition_time, 10);
  EXPECT_DOUBLE_EQ(c.in_state_for(25), 15);
  c.set(ConditionStatus::kFalse, "NoTraffic", "m", 30);
  EXPECT_DOUBLE_EQ(c.last_transition_time, 30);
  EXPECT_TRUE(c.is_false());
  EXPECT_STREQ(to_string(c.status), "False");
}

TEST(PodAutoscaler, StatesAndStrings) {
  PodAutoscalerStatus pa;
  EXPECT_EQ(pa.active_state(), PaActiveState::kActivating);
  pa.active.status = ConditionStatus::kTrue;
  EXPECT_TRUE(pa.is_active());
  EXPECT_FALSE(pa.is_ready());
  pa.scale_target_initialized = true;
  pa.sks_ready = true;
  EXPECT_TRUE(pa.is_ready());
  EXPECT_EQ(parse_routing_state("active"), RoutingState::kActive);
  EXPECT_EQ(parse_routing_state("reserve"), RoutingState::kReserve);
  EXPECT_EQ(parse_routing_state("pending"), RoutingState::kPending);
  EXPECT_EQ(parse_routing_state("other"), RoutingState::kUnset);
  EXPECT_STREQ(to_string(Reachability::kUnreachable), "Unreachable");
  EXPECT_STREQ(to_string(SksMode::kProxy), "Proxy");
}

TEST(ServerlessService, ProxyForIsZeroWhenServing) {
  ServerlessServiceStatus s;
  s.activator_endpoints_populated.set(ConditionStatus::kFalse, "", "", 5);
  EXPECT_DOUBLE_EQ(s.proxy_for(50), 0);
  s.activator_endpoints_populated.set(ConditionStatus::kTrue, "", "", 40);
  EXPECT_DOUBLE_EQ(s.proxy_for(50), 10);
}

}  // namespace
