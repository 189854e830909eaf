// How long a scaled-down pod stays Terminating (core/kubernetes/pod_drain.hpp), each row by hand
// from drainSleepDuration 30 s and terminationGracePeriodSeconds = the revision timeout.
#include "core/kubernetes/pod_drain.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace {

using namespace knsim::core::kubernetes;

struct Row {
  const char* name;
  DrainInput in;
  double terminated;
  bool killed;
};

TEST(PodDrain, Table) {
  const std::vector<Row> rows = {
      // Idle pod: 100 + 30.
      {"idle", {100, std::nullopt, std::nullopt, 300}, 130, false},
      // Request before termination does not extend the quiet period: 130.
      {"arrival_before", {100, 95.0, std::nullopt, 300}, 130, false},
      // Header example: arrival 101 -> quiet from 131; in-flight done at 103 -> 131.
      {"late_arrival", {100, 101.0, 103.0, 300}, 131, false},
      // A long request ending at 150 outlasts the quiet period: 150.
      {"in_flight_longer", {100, std::nullopt, 150.0, 300}, 150, false},
      // A 600 s request with grace 300: killed at 400.
      {"killed_at_grace", {100, std::nullopt, 700.0, 300}, 400, true},
      // Revision timeout 10 s shorter than the drain: killed at 110.
      {"grace_shorter_than_drain", {100, std::nullopt, std::nullopt, 10}, 110, true},
  };
  const DrainSettings s;
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    const auto d = drain_pod(r.in, s);
    EXPECT_DOUBLE_EQ(d.terminated_at, r.terminated);
    EXPECT_EQ(d.killed, r.killed);
    EXPECT_FALSE(d.reason.empty());
  }
}

TEST(PodDrain, DrainSleepIsASetting) {
  DrainSettings s;
  EXPECT_EQ(s.drain_sleep_duration, 30);  // queue-proxy sharedmain/main.go drainSleepDuration
  s.drain_sleep_duration = 0;  // a scenario that wants the old instant removal
  EXPECT_DOUBLE_EQ(drain_pod({100, std::nullopt, std::nullopt, 300}, s).terminated_at, 100);
  EXPECT_DOUBLE_EQ(drain_pod({100, std::nullopt, 104.0, 300}, s).terminated_at, 104);
}

}  // namespace
