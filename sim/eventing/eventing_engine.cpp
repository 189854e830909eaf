#include "sim/eventing/eventing_engine.hpp"

#include <algorithm>
#include <cmath>

#include "sim/eventing/engine_impl.hpp"

namespace knsim::sim::eventing {

EventingEngine::EventingEngine(core::eventing::EventingManifests objects, models::EventingScenarioSpec scenario,
                               std::uint64_t seed, Seconds duration, Seconds hop_latency, reports::EventSink* sink,
                               ServiceCall service_call)
    : impl_(std::make_unique<Impl>(*this, std::move(objects), std::move(scenario), seed, duration, hop_latency, sink,
                                   std::move(service_call))) {
  Impl& m = *impl_;
  // The objects of t = 0 go through add_objects like a timeline apply (sources_ order: producers,
  // then PingSources, ContainerSources/SinkBindings, ApiServerSources).
  core::eventing::EventingManifests initial = std::move(m.objects);
  m.objects = core::eventing::EventingManifests{};
  m.objects.br_defaults = initial.br_defaults;
  for (const auto& p : m.scenario.producers) sources_.emplace_back().name = "producer/" + p.name;
  m.add_objects(initial);
  for (const auto& b : m.scenario.subscribers)
    m.behaviours.push_back({&b, models::Distribution(b.latency), models::Distribution(b.cpu), models::Distribution(b.wait)});
}

EventingEngine::~EventingEngine() = default;

bool EventingEngine::active() const {
  return !triggers_.empty() || !subscriptions_.empty() || !sources_.empty();
}

void EventingEngine::start() {
  Impl& m = *impl_;
  for (std::size_t i = 0; i < m.scenario.producers.size(); ++i) {
    Impl::Producer p;
    p.rng = core::Rng::derive(m.seed, "eventing/producer/" + m.scenario.producers[i].name);
    // A trace-driven producer needs the trace's data (loaded once per file, like the workloads'
    // in sim/timeline.cpp); a bad trace throws TraceError here, which knsim run reports (exit 2).
    const models::ArrivalSpec& arrivals = m.scenario.producers[i].arrivals;
    std::shared_ptr<const models::TraceData> trace;
    if (arrivals.kind == models::ArrivalSpec::Kind::kTrace) trace = m.traces.get(arrivals.trace);
    p.process = models::make_arrival_process(arrivals, 0, std::move(trace));
    m.producers.push_back(std::move(p));
  }
  for (std::size_t i = 0; i < m.producers.size(); ++i)
    if (m.producers[i].process) m.next_event(i);
  m.started = true;
  for (std::size_t k = 0; k < m.objects.ping_sources.size(); ++k) m.start_ping(k);
  for (std::size_t k = 0; k < m.objects.rate_sources.size(); ++k) m.start_rate(k);
  for (const TimelineChange& c : m.timeline) {
    if (c.at >= m.duration) continue;
    at(c.at, [&m, &c] {
      if (c.apply) m.add_objects(*c.apply);
      else m.remove_object(c.kind, c.namespace_name, c.name);
    });
  }
}

void EventingEngine::set_timeline(std::vector<TimelineChange> changes) { impl_->timeline = std::move(changes); }

bool EventingEngine::watches_cluster() const {
  if (!impl_->objects.apiserver_sources.empty()) return true;
  for (const TimelineChange& c : impl_->timeline)
    if (c.apply && !c.apply->apiserver_sources.empty()) return true;
  return false;
}

bool EventingEngine::Impl::watches(std::size_t k, const std::string& api_version, const std::string& kind,
                                   const std::string& ns) const {
  const auto& as = objects.apiserver_sources[k];
  if (apiserver_deleted(k)) return false;
  if (kind != "Pod" && ns != as.namespace_name) return false;  // the informers watch the source's namespace
  for (const auto& [av, kd] : as.resources)
    if (av == api_version && kd == kind) return true;
  return false;
}

void EventingEngine::Impl::track(ev::ObjectChange change, const ev::ObjectChangeInput& obj) {
  if (change == ev::ObjectChange::kAdd) {
    alive.push_back(obj);
  } else if (change == ev::ObjectChange::kDelete) {
    alive.erase(std::remove_if(alive.begin(), alive.end(),
                               [&](const ev::ObjectChangeInput& a) {
                                 return a.api_version == obj.api_version && a.kind == obj.kind &&
                                        a.namespace_name == obj.namespace_name && a.name == obj.name;
                               }),
                alive.end());
  }
}

void EventingEngine::Impl::list_to(std::size_t k) {
  for (ev::ObjectChangeInput obj : alive) {
    if (!watches(k, obj.api_version, obj.kind, obj.namespace_name)) continue;
    if (obj.kind == "Pod") obj.namespace_name = objects.apiserver_sources[k].namespace_name;
    fire_apiserver(k, ev::ObjectChange::kAdd, obj);
  }
}

void EventingEngine::on_object_change(ev::ObjectChange change, const ev::ObjectChangeInput& obj) {
  Impl& m = *impl_;
  m.track(change, obj);
  for (std::size_t k = 0; k < m.objects.apiserver_sources.size(); ++k) {
    if (!m.watches(k, obj.api_version, obj.kind, obj.namespace_name)) continue;
    ev::ObjectChangeInput seen = obj;
    if (obj.kind == "Pod") seen.namespace_name = m.objects.apiserver_sources[k].namespace_name;  // the informer's namespace
    m.fire_apiserver(k, change, seen);
  }
}

void EventingEngine::list_existing(const std::vector<ev::ObjectChangeInput>& alive) {
  Impl& m = *impl_;
  for (const auto& obj : alive) m.track(ev::ObjectChange::kAdd, obj);
  for (std::size_t k = 0; k < m.objects.apiserver_sources.size(); ++k) m.list_to(k);
}

namespace {
// {"p50", "p99", "max"} of latencies in seconds, as milliseconds rounded to the microsecond (like
// the serving latencies of summary.json); all 0 without samples.
nlohmann::ordered_json latency_ms(const reports::LatencyHistogram& h) {
  auto ms = [](double s) { return std::round(s * 1e6) / 1e3; };
  return {{"p50", ms(h.quantile(0.5))}, {"p99", ms(h.quantile(0.99))}, {"max", ms(h.max())}};
}
}  // namespace

nlohmann::ordered_json EventingEngine::summary_json() const {
  auto list = [](const std::vector<DeliveryCounters>& v) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& c : v) {
      nlohmann::ordered_json o;
      o["name"] = c.name;
      o["received"] = c.received;
      o["filtered"] = c.filtered;
      o["delivered"] = c.delivered;
      o["retries"] = c.retries;
      o["dead_lettered"] = c.dead_lettered;
      o["lost"] = c.lost();
      o["in_flight"] = c.in_flight;
      o["latency_ms"] = latency_ms(c.latency);
      a.push_back(o);
    }
    return a;
  };
  nlohmann::ordered_json j;
  j["triggers"] = list(triggers_);
  j["subscriptions"] = list(subscriptions_);
  nlohmann::ordered_json s = nlohmann::ordered_json::array();
  for (const auto& c : sources_) {
    nlohmann::ordered_json o{{"name", c.name},         {"sent", c.sent},          {"accepted", c.accepted},
                             {"failed", c.failed},     {"in_flight", c.in_flight}};
    o["latency_ms"] = latency_ms(c.latency);
    s.push_back(o);
  }
  j["sources"] = s;
  return j;
}

}  // namespace knsim::sim::eventing
