// Workloads (one arrival process and one random stream per workload) and the scenario timeline:
// apply, delete, failNode, recoverNode, setArrivals at their times.
#include <stdexcept>

#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace {

std::string arrivals_text(const models::ArrivalSpec& a) {
  using K = models::ArrivalSpec::Kind;
  switch (a.kind) {
    case K::kPoisson: return "poisson " + reports::format_number(a.rate) + "/s";
    case K::kConstant: return "constant " + reports::format_number(a.rate) + "/s";
    case K::kSteps: return "steps (" + std::to_string(a.steps.size()) + ")";
    case K::kRamp: return "ramp " + reports::format_number(a.from) + " -> " + reports::format_number(a.to) + "/s";
    case K::kSinusoid: return "sinusoid mean " + reports::format_number(a.mean) + "/s";
    case K::kTrace: return "trace " + a.trace.file;
  }
  return "?";
}

}  // namespace

// A Service or Route named `name` is applied by a timeline action (the workload resolves it then).
bool Simulation::applied_later(const std::string& ns, const std::string& name) const {
  for (const auto& [i, list] : input_.timeline_services)
    for (const auto& s : list)
      if (s.metadata.name == name && s.metadata.namespace_name == ns) return true;
  for (const auto& [i, list] : input_.timeline_routes)
    for (const auto& r : list)
      if (r.metadata.name == name && r.metadata.namespace_name == ns) return true;
  return false;
}

void Simulation::start_workloads() {
  const auto& spec = input_.scenario;
  for (std::size_t i = 0; i < spec.workloads.size(); ++i) {
    const auto& ws = spec.workloads[i];
    Workload w;
    w.spec = ws;
    w.name = ws.name.empty() ? ws.service : ws.name;
    w.service = serving_.route_entry(ws.namespace_name, ws.service);
    if (w.service < 0 && !applied_later(ws.namespace_name, ws.service))
      throw std::runtime_error("workload '" + w.name + "': service '" + ws.service + "' is not in the scenario");
    w.rng = core::Rng::derive(spec.seed, "workload/" + w.name);
    w.cpu = models::Distribution(ws.request.cpu);
    w.wait = models::Distribution(ws.request.wait);
    std::shared_ptr<const models::TraceData> trace;
    if (ws.arrivals.kind == models::ArrivalSpec::Kind::kTrace) trace = traces_.get(ws.arrivals.trace);
    w.process = models::make_arrival_process(ws.arrivals, 0.0, trace);
    workloads_.push_back(std::move(w));
  }
  for (std::size_t i = 0; i < workloads_.size(); ++i) schedule_next_arrival(static_cast<int>(i));
}

void Simulation::schedule_timeline() {
  const auto& tl = input_.scenario.timeline;
  for (std::size_t i = 0; i < tl.size(); ++i) {
    if (tl[i].at >= duration()) continue;
    at(tl[i].at, [this, i] { run_timeline_action(i); });
  }
}

void Simulation::run_timeline_action(std::size_t i) {
      const auto& a = input_.scenario.timeline[i];
      using K = models::TimelineAction::Kind;
      switch (a.kind) {
        case K::kApply: {
          events_.emit(reports::TimelineActionEvent{"apply", a.apply_source});
          auto it = input_.timeline_services.find(i);
          if (it != input_.timeline_services.end())
            for (const auto& svc : it->second) serving_.apply_service(svc, "timeline apply " + a.apply_source);
          if (auto c = input_.timeline_configurations.find(i); c != input_.timeline_configurations.end())
            for (const auto& cfg : c->second) serving_.apply_standalone_configuration(cfg, "timeline apply " + a.apply_source);
          if (auto r = input_.timeline_routes.find(i); r != input_.timeline_routes.end())
            for (const auto& route : r->second) serving_.apply_standalone_route(route, "timeline apply " + a.apply_source);
          break;
        }
        case K::kDelete:
          events_.emit(reports::TimelineActionEvent{"delete", a.delete_kind + " " + a.delete_namespace + "/" + a.delete_name});
          if (a.delete_kind == "Service") serving_.delete_object(ServingKind::kService, a.delete_namespace, a.delete_name);
          if (a.delete_kind == "Configuration") serving_.delete_object(ServingKind::kConfiguration, a.delete_namespace, a.delete_name);
          if (a.delete_kind == "Route") serving_.delete_object(ServingKind::kRoute, a.delete_namespace, a.delete_name);
          break;
        case K::kFailNode:
          events_.emit(reports::TimelineActionEvent{"failNode", a.node});
          cluster_.fail_node(a.node);
          break;
        case K::kFailActivator:
          events_.emit(reports::TimelineActionEvent{"failActivator", a.node});
          cluster_.fail_activator(a.node);
          break;
        case K::kRecoverNode:
          events_.emit(reports::TimelineActionEvent{"recoverNode", a.node});
          cluster_.recover_node(a.node);
          break;
        case K::kSetArrivals: {
          events_.emit(reports::TimelineActionEvent{"setArrivals", a.workload + ": " + arrivals_text(a.arrivals)});
          for (std::size_t w = 0; w < workloads_.size(); ++w) {
            if (workloads_[w].name != a.workload) continue;
            std::shared_ptr<const models::TraceData> trace;
            if (a.arrivals.kind == models::ArrivalSpec::Kind::kTrace) trace = traces_.get(a.arrivals.trace);
            workloads_[w].process = models::make_arrival_process(a.arrivals, now(), trace);
            ++workloads_[w].epoch;
            schedule_next_arrival(static_cast<int>(w));
          }
          break;
        }
      }
}

void Simulation::schedule_next_arrival(int wi) {
  Workload& w = workloads_[static_cast<std::size_t>(wi)];
  if (!w.process) return;
  models::Arrival a;
  if (!w.process->next(w.rng, a) || a.t >= duration()) return;
  const auto epoch = w.epoch;
  const Seconds at_ingress = std::max(now(), a.t + input_.scenario.cluster.hop_latency);
  w.next = std::move(a);  // the event carries only (workload, epoch): small enough to be stored inline
  at(at_ingress, [this, wi, epoch] { on_arrival(wi, epoch); });
}

// A workload's request reaches the ingress: its Route (the trace row's `service` overrides the
// workload's), its tag, and its work drawn from the workload's stream once routed.
void Simulation::on_arrival(int wi, std::uint64_t epoch) {
  Workload& w = workloads_[static_cast<std::size_t>(wi)];
  if (epoch != w.epoch) return;  // replaced by setArrivals
  const models::Arrival a = std::move(w.next);
  schedule_next_arrival(wi);
  if (w.service < 0) w.service = serving_.route_entry(w.spec.namespace_name, w.spec.service);  // applied by the timeline
  RequestSpec spec;
  spec.route = w.service;
  if (!a.service.empty()) {
    spec.route = -1;
    const auto& entries = serving_.entries();
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (entries[i].name == a.service && !entries[i].deleted && entries[i].has_route()) spec.route = static_cast<int>(i);
  }
  spec.tag = !a.tag.empty() ? std::string_view(a.tag) : std::string_view(w.spec.tag);
  spec.split_rng = &w.rng;
  spec.sent = a.t;
  spec.timeout = w.spec.request.timeout;
  data_path_.submit(spec, [&w, &a] {
    RequestWork work;
    work.cpu = w.cpu.sample(w.rng);
    work.wait = (a.has_duration() && !w.spec.request.wait_set) ? a.duration : w.wait.sample(w.rng);
    return work;
  }, nullptr);
}

}  // namespace knsim::sim
