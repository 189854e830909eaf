// core/autoscaler/cadence.hpp: the decider tick every 2 s and the HPA sync every 15 s of the 1 s
// stats loop, the one definition every driver uses.
#include "core/autoscaler/cadence.hpp"

#include <gtest/gtest.h>

namespace knsim::core::autoscaler {
namespace {

TEST(Cadence, TickEveryTwoSecondsHpaEveryFifteen) {
  struct Row {
    double t;
    bool tick, hpa;
  };
  const Row rows[] = {{0, true, true},  {1, false, false}, {2, true, false},   {3, false, false},
                      {15, false, true}, {30, true, true},  {45, false, true}, {59, false, false}};
  for (const auto& r : rows) {
    EXPECT_EQ(decider_tick_due(r.t), r.tick) << r.t;
    EXPECT_EQ(hpa_sync_due(r.t), r.hpa) << r.t;
  }
  // A stats-loop instant off by rounding still counts as its whole second.
  EXPECT_TRUE(decider_tick_due(4.0000000001));
  EXPECT_FALSE(cadence_due(4, 0));
}

}  // namespace
}  // namespace knsim::core::autoscaler
