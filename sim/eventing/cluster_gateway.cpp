#include "sim/eventing/cluster_gateway.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "core/dataplane/timeouts.hpp"
#include "core/eventing/eventing_objects.hpp"
#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

// Simulation's declared friend: the eventing gateway submits requests into the request path.
struct SimAccess {
  static void submit(Simulation& s, const std::string& ns, const std::string& name, double cpu, double wait,
                     Seconds timeout, std::function<void(int)> done);
};

namespace eventing {
namespace {

struct Pending {
  std::uint32_t seq = 0;
  std::function<void(int)> done;
};
// Requests in flight sent by the eventing engine, by request id (one Simulation per process).
std::map<std::uint32_t, Pending>& pending() {
  static std::map<std::uint32_t, Pending> m;
  return m;
}

}  // namespace

int failure_status(reports::FailureReason reason) {
  switch (reason) {
    case reports::FailureReason::kOverflow503: return 503;
    case reports::FailureReason::kTimeout: return core::dataplane::timeout_outcome(false).status;
    case reports::FailureReason::kUnfinished: return 504;
    case reports::FailureReason::kNoRoute: return 404;
    default: return 502;
  }
}

void request_finished(std::uint32_t id, std::uint32_t seq, bool ok, reports::FailureReason reason, double delay) {
  auto& m = pending();
  if (m.empty()) return;
  auto it = m.find(id);
  if (it == m.end() || it->second.seq != seq) return;
  auto done = std::move(it->second.done);
  m.erase(it);
  const int status = ok ? 200 : failure_status(reason);
  // Deferred: the request path is in the middle of releasing the request.
  after(std::max(0.0, delay), [done = std::move(done), status] { done(status); });
}

std::unique_ptr<EventingEngine> make_eventing_engine(Simulation& sim, reports::EventSink* sink) {
  const SimInput& in = sim.input();
  // The timeline's eventing applies and deletes (a delete of any other kind is the Simulation's).
  std::vector<TimelineChange> timeline;
  for (std::size_t i = 0; i < in.scenario.timeline.size(); ++i) {
    const auto& a = in.scenario.timeline[i];
    TimelineChange c;
    c.at = a.at;
    if (a.kind == models::TimelineAction::Kind::kApply) {
      const auto it = in.timeline_eventing.find(i);
      if (it == in.timeline_eventing.end()) continue;
      c.apply = it->second;
    } else if (a.kind == models::TimelineAction::Kind::kDelete &&
               core::eventing::is_simulated_eventing_kind(core::eventing::eventing_api_version(a.delete_kind), a.delete_kind)) {
      c.kind = a.delete_kind;
      c.namespace_ = a.delete_namespace;
      c.name = a.delete_name;
    } else {
      continue;
    }
    timeline.push_back(std::move(c));
  }
  if (in.eventing.empty() && in.scenario.eventing.producers.empty() && timeline.empty()) return nullptr;
  Simulation* s = &sim;
  auto engine = std::make_unique<EventingEngine>(
      in.eventing, in.scenario.eventing, in.scenario.seed, in.scenario.duration, in.scenario.cluster.hop_latency, sink,
      [s](const std::string& ns, const std::string& name, double cpu, double wait, Seconds timeout,
          std::function<void(int)> done) { SimAccess::submit(*s, ns, name, cpu, wait, timeout, std::move(done)); });
  engine->set_timeline(std::move(timeline));
  return engine;
}

}  // namespace eventing

// Like Simulation::on_arrival for one request sent now: it reaches the SKS one hop later.
void SimAccess::submit(Simulation& s, const std::string& ns, const std::string& name, double cpu, double wait,
                       Seconds timeout, std::function<void(int)> done) {
  const Seconds t0 = s.now();
  after(s.input_.scenario.cluster.hop_latency, [&s, ns, name, cpu, wait, timeout, t0, done = std::move(done)]() mutable {
    int svc_index = -1;
    for (std::size_t i = 0; i < s.services_.size(); ++i)
      if (s.services_[i].name == name && s.services_[i].namespace_name == ns && !s.services_[i].deleted)
        svc_index = static_cast<int>(i);
    const int rev = svc_index < 0 ? -1 : s.pick_revision(s.services_[static_cast<std::size_t>(svc_index)], "", s.route_rng_);
    if (rev < 0) {
      s.stats_.arrival(reports::kNoRevision);
      s.stats_.failed(reports::kNoRevision, reports::FailureReason::kNoRoute);
      after(0.0, [done = std::move(done)] { done(404); });
      return;
    }
    Revision& r = s.revisions_[static_cast<std::size_t>(rev)];
    const std::uint32_t id = s.alloc_request();
    Request& q = s.requests_[id];
    q.t0 = t0;
    q.revision = rev;
    q.cpu = cpu;
    q.wait = wait;
    q.deadline = core::dataplane::request_deadline(t0, {std::min(timeout, r.timeout), 0, 0});
    eventing::pending()[id] = eventing::Pending{q.seq, std::move(done)};
    s.admit_request(rev, id);
  });
}

}  // namespace knsim::sim
