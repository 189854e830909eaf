#include "sim/eventing/cluster_gateway.hpp"

#include <utility>

#include "core/eventing/eventing_objects.hpp"
#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim::eventing {

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
      c.namespace_name = a.delete_namespace;
      c.name = a.delete_name;
    } else {
      continue;
    }
    timeline.push_back(std::move(c));
  }
  if (in.eventing.empty() && in.scenario.eventing.producers.empty() && timeline.empty()) return nullptr;
  Simulation* s = &sim;
  const Seconds hop = in.scenario.cluster.hop_latency;
  // A delivery is sent now and reaches the ingress one hop later, where it is submitted like a
  // workload's request; `done` travels with the request and gets the HTTP status.
  auto call = [s, hop](const std::string& ns, const std::string& name, double cpu, double wait, Seconds timeout,
                       std::function<void(int)> done) {
    const Seconds sent = s->now();
    after(hop, [s, ns, name, cpu, wait, timeout, sent, done = std::move(done)]() mutable {
      s->submit(ns, name, sent, RequestWork{cpu, wait}, timeout, std::move(done));
    });
  };
  auto engine = std::make_unique<EventingEngine>(in.eventing, in.scenario.eventing, in.scenario.seed,
                                                 in.scenario.duration, hop, sink, std::move(call));
  engine->set_timeline(std::move(timeline));
  return engine;
}

void watch_cluster(Simulation& sim, EventingEngine* engine) {
  if (engine == nullptr || !engine->watches_cluster()) return;
  engine->list_existing(sim.alive_objects());
  sim.watch_objects(engine);
}

}  // namespace knsim::sim::eventing
