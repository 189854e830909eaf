// Activator throttler: capacity, subsetting, LB policies, queueing (pkg/activator/net/throttler.go).
#include "core/dataplane/throttler.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/dataplane/timeouts.hpp"

namespace {

using namespace knsim::core::dataplane;
using knsim::core::Rng;

std::vector<Backend> pods(int n) {
  std::vector<Backend> out;
  for (int i = 0; i < n; ++i) out.push_back({static_cast<std::uint32_t>(i), "10.0.0." + std::to_string(10 + i)});
  return out;
}

TEST(Throttler, CalculateCapacityTable) {
  struct Row {
    std::int64_t cc, backends, trackers, activators, want;
  } rows[] = {
      {10, 5, 5, 1, 50},                            // direct routing
      {10, 7, 3, 3, 30},                            // this activator's 3 trackers
      {10, 7, 0, 3, 23},                            // cluster IP: 70 / 3
      {1, 1, 0, 5, 1},                              // cluster IP: at least 1
      {0, 2, 2, 1, kRevisionMaxConcurrency},        // CC 0: infinite breaker open
      {0, 0, 0, 1, 0},                              // no backends: closed
      {10, 0, 0, 2, 0},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(calculate_capacity(r.cc, r.backends, r.trackers, r.activators), r.want)
        << r.cc << " " << r.backends << " " << r.trackers << " " << r.activators;
  }
}

TEST(Throttler, AssignSliceTable) {
  using V = std::vector<std::size_t>;
  EXPECT_EQ(assign_slice(7, 0, 3), (V{0, 1, 6}));
  EXPECT_EQ(assign_slice(7, 1, 3), (V{2, 3}));
  EXPECT_EQ(assign_slice(7, 2, 3), (V{4, 5}));
  EXPECT_EQ(assign_slice(2, 3, 5), (V{1}));      // more activators than pods: i mod P
  EXPECT_EQ(assign_slice(3, -1, 4), (V{0, 1, 2}));  // unknown index: all
  EXPECT_EQ(assign_slice(3, 0, 1), (V{0, 1, 2}));   // single activator: all
  EXPECT_TRUE(assign_slice(0, 0, 2).empty());
}

TEST(Throttler, PolicyByContainerConcurrency) {
  EXPECT_EQ(lb_policy_for(0), LbPolicyKind::kRandomChoice2);
  EXPECT_EQ(lb_policy_for(1), LbPolicyKind::kFirstAvailable);
  EXPECT_EQ(lb_policy_for(3), LbPolicyKind::kFirstAvailable);
  EXPECT_EQ(lb_policy_for(4), LbPolicyKind::kRoundRobin);
}

TEST(Throttler, RequestsWaitForTheFirstPod) {
  Rng rng(7);
  RevisionThrottler t(0);
  std::vector<Dispatch> started;
  for (RequestId id = 1; id <= 3; ++id) EXPECT_EQ(t.try_request(id, rng).admission, Admission::kQueued);
  EXPECT_EQ(t.capacity(), 0);
  t.update_backends(pods(1), 0, 2, rng, started);  // CC 0 ignores subsetting
  ASSERT_EQ(started.size(), 3u);  // the infinite breaker opens: everybody goes
  EXPECT_EQ(started[0].request, 1u);
  EXPECT_EQ(started[2].pod, 0u);
  EXPECT_EQ(t.in_flight(), 3);
}

TEST(Throttler, ContainerConcurrencyBoundsPerPodAndQueues) {
  Rng rng(1);
  RevisionThrottler t(2);  // first-available
  std::vector<Dispatch> started;
  t.update_backends(pods(2), -1, 1, rng, started);
  EXPECT_EQ(t.capacity(), 4);
  std::map<std::uint32_t, int> per_pod;
  for (RequestId id = 1; id <= 4; ++id) {
    auto r = t.try_request(id, rng);
    ASSERT_EQ(r.admission, Admission::kAdmitted);
    ++per_pod[r.pod];
  }
  EXPECT_EQ(per_pod[0], 2);  // first available fills pod 0 first
  EXPECT_EQ(per_pod[1], 2);
  EXPECT_EQ(t.try_request(5, rng).admission, Admission::kQueued);
  EXPECT_EQ(t.try_request(6, rng).admission, Admission::kQueued);
  t.cancel(5);  // request 5 timed out in the queue
  t.release(1, rng, started);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].request, 6u);
  EXPECT_EQ(started[0].pod, 1u);
}

TEST(Throttler, RoundRobinSpreadsOverPods) {
  Rng rng(1);
  RevisionThrottler t(10);
  std::vector<Dispatch> started;
  t.update_backends(pods(3), -1, 1, rng, started);
  std::vector<std::uint32_t> order;
  for (RequestId id = 1; id <= 6; ++id) order.push_back(t.try_request(id, rng).pod);
  EXPECT_EQ(order, (std::vector<std::uint32_t>{0, 1, 2, 0, 1, 2}));
}

TEST(Throttler, RandomChoiceTwoPrefersTheLighterPod) {
  Rng rng(42);
  RevisionThrottler t(0);
  std::vector<Dispatch> started;
  t.update_backends(pods(2), 0, 1, rng, started);
  // With two pods both are always compared: load stays balanced within one request.
  std::map<std::uint32_t, int> load;
  for (RequestId id = 1; id <= 100; ++id) ++load[t.try_request(id, rng).pod];
  EXPECT_EQ(load[0], 50);
  EXPECT_EQ(load[1], 50);
}

TEST(Throttler, SubsettingLimitsCapacityToAssignedPods) {
  Rng rng(3);
  RevisionThrottler t(10);
  std::vector<Dispatch> started;
  t.update_backends(pods(7), 1, 3, rng, started);
  EXPECT_EQ(t.assigned_pods(), 2u);
  EXPECT_EQ(t.capacity(), 20);
  // Scaling the revision keeps in-flight counts of pods that stay.
  for (RequestId id = 1; id <= 5; ++id) ASSERT_EQ(t.try_request(id, rng).admission, Admission::kAdmitted);
  t.update_backends(pods(9), 1, 3, rng, started);  // slice [3, 6)
  EXPECT_EQ(t.capacity(), 30);
  EXPECT_EQ(t.in_flight(), 5);
}

TEST(Timeouts, DeadlinesAndOutcomes) {
  EXPECT_DOUBLE_EQ(response_start_deadline(10, {300, 60, 0}), 70);
  EXPECT_DOUBLE_EQ(response_start_deadline(10, {300, 0, 0}), 310);
  EXPECT_DOUBLE_EQ(response_start_deadline(0, {30, 300, 0}), 30);
  EXPECT_DOUBLE_EQ(request_deadline(10, {300, 60, 0}), 310);
  // 504 from the timeout handler wherever the request waits or runs (activator or queue-proxy).
  EXPECT_EQ(timeout_outcome(true).status, 504);
  EXPECT_STREQ(timeout_outcome(true).reason, "activator request timeout");
  EXPECT_EQ(timeout_outcome(false).status, 504);
  EXPECT_STREQ(timeout_outcome(false).reason, "request timeout");
}

}  // namespace
