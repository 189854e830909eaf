// The simulated control plane reconciles by key (core/kubernetes/control_plane.hpp): a revision's
// scale-up decided while its previous one still waits for the Knative controllers joins it, as
// client-go's work queue keeps a key once.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "tests/sim/sim_fixture.hpp"

namespace knsim::sim::testing {
namespace {

// Controllers at 0.1/s, constant (10 s per item), the rest of the control plane unlimited. The
// revision starts with its one pod at t = 0 and ~20 requests in flight, so the KPA scales it up at
// its ticks, every 2 s. Its first scale-up is taken by the controllers at once (pods scheduled
// 10 s later); the next, decided while the first is being processed, waits for it; every later
// one joins that waiting item, so all their pods come together, 20 s after the first decision.
// Queued one item per decision they would come 10 s apart. (Decisions from the second item's
// start on make a third item, not checked here.)
TEST(ControlPlaneQueue, AScaleUpJoinsTheRevisionsWaitingOne) {
  SimInput in = base_input(60, 3);
  in.scenario.cluster.control_plane.knative_controllers = {0.1, 0, core::kubernetes::ServiceTime::kConstant};
  in.services.push_back(make_service("b", 1));
  in.scenario.workloads.push_back(workload("b", constant_rate(20), 0.0, 1.0));
  SimRun run(std::move(in));
  run.to(60);
  std::map<std::string, double> created, scheduled;
  for (const auto& [t, p] : run.events_of<reports::PodPhaseChange>()) {
    if (p.to == "Pending" && p.from.empty()) created[p.pod] = t;
    if (p.to == "Scheduled") scheduled[p.pod] = t;
  }
  double first = 1e9;
  for (const auto& [pod, t] : created)
    if (t > 0) first = std::min(first, t);
  ASSERT_LT(first, 10) << "the KPA scaled up within its first ticks";
  std::set<double> decided_while_waiting;  // creation times after the first scale-up, before it is done
  for (const auto& [pod, t] : created) {
    if (t == 0 || t >= first + 10) continue;  // the initial pod; decisions after the second item was taken
    ASSERT_TRUE(scheduled.count(pod)) << pod;
    const double item_done = t == first ? first + 10 : first + 20;
    EXPECT_GE(scheduled[pod], item_done) << pod << " created at " << t;
    EXPECT_LT(scheduled[pod], item_done + 0.5) << pod << " created at " << t;
    if (t > first) decided_while_waiting.insert(t);
  }
  EXPECT_GE(decided_while_waiting.size(), 2u) << "several scale-ups joined the waiting item";
}

}  // namespace
}  // namespace knsim::sim::testing
