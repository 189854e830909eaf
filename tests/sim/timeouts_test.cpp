// Request timeouts are timed events of the engine (core/dataplane/timeouts): a request still running
// at timeoutSeconds is answered then (504) and frees its containerConcurrency slot at once, so the
// request queued behind it runs. Worked by hand; each TEST is its own process (one SimGrid engine).
#include <gtest/gtest.h>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

using reports::FailureReason;

// containerConcurrency 1, timeoutSeconds 5, one pod ready from t = 0 (min-scale 1), 0.5 ms hops.
// Request A is sent at t = 10 and would take 30 s; request B is sent at t = 12 and takes 0.5 s.
// A's deadline is 10 + 5 = 15: it is answered 504 then and its slot goes to B, which waited
// (in the activator's throttler in Proxy mode, in the queue-proxy's breaker in Serve mode).
//   Serve: B reached the pod at 12.0005 and queued; it starts at 15, ends at 15.5, and the answer
//          is one hop back: latency 15.5005 - 12 = 3.5005 s.
//   Proxy: B waits in the activator; A's slot is freed at 15, B goes one hop to the pod (15.0005),
//          runs until 15.5005 and comes back two hops: latency 15.5015 - 12 = 3.5015 s.
// Before timeouts were events, A held the slot until t = 40 and B failed as a timeout at t = 17.
SimInput slot_input(bool serve_mode) {
  SimInput in = base_input(20, 1);
  auto svc = make_service("hello", 1, {{"autoscaling.knative.dev/min-scale", "1"}});
  svc.spec.configuration.revision_template.spec.timeout_seconds = 5;
  in.services.push_back(svc);
  if (serve_mode) in.autoscaler.target_burst_capacity = 0;  // EBC >= 0: the SKS stays in Serve
  in.scenario.workloads.push_back(workload("hello", constant_rate(0.1), 0.0, 30.0));      // t = 10
  auto b = workload("hello", constant_rate(1.0 / 12.0), 0.0, 0.5);                         // t = 12
  b.name = "short";
  in.scenario.workloads.push_back(b);
  return in;
}

void expect_slot_freed_at_deadline(SimRun& run, double want_latency) {
  run.to(20);
  const auto& stats = run.sim->stats();
  EXPECT_EQ(stats.total_arrivals(), 2);
  EXPECT_EQ(stats.total_succeeded(), 1) << "B runs in the slot A's timeout freed";
  EXPECT_EQ(stats.failed_by(FailureReason::kTimeout), 1) << "A is answered at its deadline";
  EXPECT_NEAR(stats.latency().max(), want_latency, 2e-3);
  // A's failure is counted in the 1 s bucket (14, 15].
  const auto failures = run.events_of<reports::RequestFailureSummary>();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_DOUBLE_EQ(failures[0].first, 15.0);
  EXPECT_EQ(failures[0].second.reason, "timeout");
  // Nothing is left in the pod: A's Exec-less wait was cut off, its slot is free.
  for (std::uint32_t i = 0; i < run.sim->pods().size(); ++i)
    EXPECT_TRUE(run.sim->pod_proxy(PodId{i}).in_flight.empty()) << run.sim->pods()[i].name;
}

TEST(RequestTimeout, ServeModeFreesTheQueueProxySlotAtTheDeadline) {
  SimRun run(slot_input(true));
  expect_slot_freed_at_deadline(run, 3.5005);
  const auto r = run.sim->find_revision("hello-00001");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->control.sks().status.effective_mode, core::api::SksMode::kServe);
}

TEST(RequestTimeout, ProxyModeFreesTheActivatorSlotAtTheDeadline) {
  SimRun run(slot_input(false));
  expect_slot_freed_at_deadline(run, 3.5015);
  const auto r = run.sim->find_revision("hello-00001");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->control.sks().status.effective_mode, core::api::SksMode::kProxy);
}

// A request queued behind a long one, with no slot freed in time, times out at its own deadline,
// not at the next sample: A's timeout is 60 s, B's client timeout 4.5 s (deadline 12 + 4.5 =
// 16.5), and the run is one 20 s slice with one sample at its end. The failure is still counted
// in the bucket (16, 17] (before, it was found at the sample: t = 20).
TEST(RequestTimeout, QueuedRequestFailsAtItsDeadlineNotAtASample) {
  SimInput in = slot_input(true);
  in.services[0].spec.configuration.revision_template.spec.timeout_seconds = 60;
  in.scenario.workloads[1].request.timeout = 4.5;
  SimRun run(std::move(in));
  run.sim->run_until(20);
  run.sim->sample(run.samples, run.node_samples);
  const auto failures = run.events_of<reports::RequestFailureSummary>();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_DOUBLE_EQ(failures[0].first, 17.0) << "bucket (16, 17] holds the failure at 16.5";
  EXPECT_EQ(run.sim->stats().failed_by(FailureReason::kTimeout), 1);
  EXPECT_EQ(run.sim->stats().total_succeeded(), 0);  // A still runs at t = 20
}

}  // namespace
}  // namespace knsim::sim::testing
