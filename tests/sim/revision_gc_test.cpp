// The simulation follows core's routing state (core/serving/routing_state) and collects revisions
// with core's config-gc decision (core/serving/revision_gc). Each TEST is its own process.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

// Applies `svc` at time `at` (a timeline apply).
void apply_at(SimInput& in, double at, core::api::Service svc) {
  const std::size_t i = in.scenario.timeline.size();
  in.scenario.timeline.push_back({});
  in.scenario.timeline.back().at = at;
  in.scenario.timeline.back().kind = models::TimelineAction::Kind::kApply;
  in.scenario.timeline.back().apply_source = "v";
  in.timeline_services[i] = {std::move(svc)};
}

std::set<std::string> gc_deleted(const SimRun& run) {
  std::set<std::string> out;
  for (const auto& [t, e] : run.events_of<reports::ObjectChangeEvent>())
    if (e.kind == "Revision" && e.change == "delete" && e.reason == "garbage collected (config-gc)") out.insert(e.name);
  return out;
}

// config-gc: both retain times disabled (never stale), min-non-active 0, max-non-active 1. Four
// revisions, each taking all the traffic in turn: once hello-00004 is Ready and routed, 00001..00003
// are reserve (non-active); core keeps the newest last-active one (00003) and collects the others.
TEST(RevisionGc, MaxNonActiveRevisionsCollectsTheOldest) {
  SimInput in = base_input(60);
  in.gc.retain_since_create_time = core::config::kGcDisabled;
  in.gc.retain_since_last_active_time = core::config::kGcDisabled;
  in.gc.min_non_active_revisions = 0;
  in.gc.max_non_active_revisions = 1;
  in.services.push_back(make_service("hello", 10));
  apply_at(in, 10, make_service("hello", 10, {}, "img:v2"));
  apply_at(in, 20, make_service("hello", 10, {}, "img:v3"));
  apply_at(in, 30, make_service("hello", 10, {}, "img:v4"));
  in.scenario.workloads.push_back(workload("hello", constant_rate(10), 0.0, 0.02));
  SimRun run(std::move(in));
  run.to(60);
  EXPECT_EQ(gc_deleted(run), (std::set<std::string>{"hello-00001", "hello-00002"}));
  const auto r3 = run.sim->find_revision("hello-00003");
  ASSERT_TRUE(r3.has_value());
  EXPECT_FALSE(r3->serving.deleted);
  EXPECT_EQ(r3->serving.routing_state, core::api::RoutingState::kReserve);
  EXPECT_EQ(r3->control.pa().spec.reachability, core::api::Reachability::kUnreachable);
  EXPECT_TRUE(run.sim->find_revision("hello-00001")->serving.deleted);
  EXPECT_EQ(run.sim->find_revision("hello-00004")->serving.routing_state, core::api::RoutingState::kActive);
}

// Knative's defaults (min-non-active-revisions 20) keep every revision of a short run.
TEST(RevisionGc, DefaultsKeepRecentRevisions) {
  SimInput in = base_input(40);
  in.services.push_back(make_service("hello", 10));
  apply_at(in, 10, make_service("hello", 10, {}, "img:v2"));
  SimRun run(std::move(in));
  run.to(40);
  EXPECT_TRUE(gc_deleted(run).empty());
  EXPECT_EQ(run.sim->find_revision("hello-00001")->serving.routing_state, core::api::RoutingState::kReserve);
}

// A revision no Route ever referenced stays routingState pending: reachability Unknown (pa.go),
// so its min-scale still holds. Traffic pinned to hello-00001; hello-00002 (min-scale 1) is created
// but never routed.
TEST(RevisionGc, NeverRoutedRevisionStaysPendingAndUnknown) {
  SimInput in = base_input(120);
  core::api::TrafficTarget pin;
  pin.revision_name = "hello-00001";
  pin.percent = 100;
  auto v1 = make_service("hello", 10);
  v1.spec.route.traffic = {pin};
  in.services.push_back(v1);
  auto v2 = make_service("hello", 10, {{"autoscaling.knative.dev/min-scale", "1"}}, "img:v2");
  v2.spec.route.traffic = {pin};
  apply_at(in, 10, v2);
  SimRun run(std::move(in));
  run.to(120);
  const auto r2 = run.sim->find_revision("hello-00002");
  ASSERT_TRUE(r2.has_value());
  EXPECT_EQ(r2->serving.routing_state, core::api::RoutingState::kPending);
  EXPECT_EQ(r2->control.pa().spec.reachability, core::api::Reachability::kUnknown);
  EXPECT_EQ(r2->deployment.endpoints.size(), 1u) << "min-scale 1 holds for an Unknown revision";
}

}  // namespace
}  // namespace knsim::sim::testing
