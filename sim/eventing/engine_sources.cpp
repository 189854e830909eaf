// The event sources of the eventing engine: scenario producers, PingSource (cron + jitter),
// ContainerSource / SinkBinding (evenly spaced at knsim.dev/rate) and ApiServerSource (the
// simulated cluster's Pod changes), all sent with the source adapter's retries.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/eventing/sources.hpp"
#include "sim/eventing/engine_impl.hpp"

namespace knsim::sim::eventing {

void EventingEngine::Impl::next_event(std::size_t pi) {
  Producer& p = producers[pi];
  models::Arrival a;
  if (!p.process->next(p.rng, a) || a.t >= duration) return;
  at(std::max(now(), a.t), [this, pi] { produce(pi); });
}

void EventingEngine::Impl::produce(std::size_t pi) {
  const auto& spec = scenario.producers[pi];
  Producer& p = producers[pi];
  next_event(pi);
  ev::CloudEvent e;
  e.id = spec.name + "-" + std::to_string(++p.count);
  e.source = spec.source;
  e.type = spec.type;
  e.data_size = static_cast<std::int64_t>(spec.size_bytes);
  for (const auto& [k, v] : spec.extensions) e.set_extension(k, ev::ExtensionValue::string(v));
  ++self.sources_[pi].sent;
  ++self.sources_[pi].in_flight;
  ev::Destination dst;
  dst.ref = ev::KReference{spec.broker.empty() ? "messaging.knative.dev/v1" : "eventing.knative.dev/v1",
                           spec.broker.empty() ? "InMemoryChannel" : "Broker",
                           spec.broker.empty() ? spec.channel : spec.broker, spec.namespace_name};
  const Seconds t0 = now();
  call(dst, e, std::nullopt, [this, pi, t0](const ev::HttpResponse& r) {
    SourceCounters& c = self.sources_[pi];
    --c.in_flight;
    if (r.status >= 200 && r.status < 300) {
      ++c.accepted;
      c.latency.record(now() - t0);
    } else {
      ++c.failed;
    }
  });
}

// PingSource k from now: robfig's Next is strictly after its argument, so start from the second
// before the first whole second >= now: a tick at exactly now fires (at t = 0: a tick at the
// scenario's start), one earlier than now does not (applied at 2.5 s: the first tick is 3 s).
void EventingEngine::Impl::start_ping(std::size_t k) {
  if (ping_deleted(k)) return;
  const auto parsed = ev::ping_schedule(objects.ping_sources[k].spec);
  schedule_ping(k, parsed.schedule, std::ceil(now_unix()) - 1, ping_gen[k]);
}

void EventingEngine::Impl::schedule_ping(std::size_t k, std::optional<ev::CronSchedule> sched, double after_unix,
                                         std::uint64_t gen) {
  if (!sched) return;
  const auto next = sched->next(after_unix);
  if (!next) return;
  core::Rng& r = ping_rngs[k];
  const Seconds t = static_cast<double>(*next) - scenario.start_unix + ev::ping_jitter(r);
  if (t >= duration) return;
  at(std::max(now(), t), [this, k, sched, next, gen] {
    if (gen != ping_gen[k]) return;  // replaced or deleted since
    schedule_ping(k, sched, static_cast<double>(*next), gen);
    fire_ping(k, static_cast<double>(*next));
  });
}

void EventingEngine::Impl::fire_ping(std::size_t k, double tick_unix) {
  const auto& ps = objects.ping_sources[k];
  const std::size_t si = ping_si[k];
  ++self.sources_[si].sent;
  ++self.sources_[si].in_flight;
  auto ev_ptr = std::make_shared<ev::CloudEvent>(
      ev::make_ping_event(ps.spec, ps.namespace_name, ps.name, ev::random_uuid(ping_rngs[k]), tick_unix));
  adapter_send(si, ps.spec.sink, ev_ptr, 0, now());
}

// The adapter's own retries (next_adapter_step: 5 retries, 50 ms doubling), for every source
// adapter (PingSource, ContainerSource, SinkBinding); si indexes sources_.
void EventingEngine::Impl::adapter_send(std::size_t si, const ev::Destination& dst, std::shared_ptr<ev::CloudEvent> e,
                                       int attempts, Seconds t0) {
  call(dst, *e, std::nullopt, [this, si, dst, e, attempts, t0](const ev::HttpResponse& r) {
    const auto outcome = r.transport_error ? ev::AttemptOutcome::transport_failure() : ev::AttemptOutcome::http(r.status);
    const ev::DispatchDecision step = ev::next_adapter_step(attempts + 1, outcome);
    SourceCounters& c = self.sources_[si];
    if (step.action != ev::DispatchAction::kRetry) --c.in_flight;  // a final answer
    if (step.action == ev::DispatchAction::kDelivered) {
      ++c.accepted;
      c.latency.record(now() - t0);
    } else if (step.action == ev::DispatchAction::kRetry) {
      after(step.wait, [this, si, dst, e, attempts, t0] { adapter_send(si, dst, e, attempts + 1, t0); });
    } else {
      ++c.failed;
    }
  });
}

void EventingEngine::Impl::start_rate(std::size_t k) {
  if (rate_deleted(k)) return;
  rate_t0[k] = now();
  schedule_rate(k, 0, rate_gen[k]);
}

// ContainerSource / SinkBinding k: event n (0, 1, ...) at rate_t0 + n / rate seconds, evenly
// spaced, while before the end (a constant 2/s from 0 over 60 s: 0, 0.5, ..., 59.5: 120 events).
void EventingEngine::Impl::schedule_rate(std::size_t k, std::int64_t n, std::uint64_t gen) {
  const double rate = objects.rate_sources[k].rate.rate_per_second;
  if (!(rate > 0)) return;
  const Seconds t = rate_t0[k] + static_cast<double>(n) / rate;
  if (t >= duration) return;
  at(std::max(now(), t), [this, k, n, gen] {
    if (gen != rate_gen[k]) return;  // replaced or deleted since
    schedule_rate(k, n + 1, gen);
    fire_rate(k);
  });
}

// The event a ContainerSource's container (or a SinkBinding's subject) sends: type
// dev.knative.sources.container / dev.knative.sources.sinkbinding, source = the object's path.
void EventingEngine::Impl::fire_rate(std::size_t k) {
  const auto& rs = objects.rate_sources[k];
  const std::size_t si = rate_si[k];
  ++self.sources_[si].sent;
  ++self.sources_[si].in_flight;
  auto e = std::make_shared<ev::CloudEvent>();
  e->id = ev::random_uuid(rate_rngs[k]);
  const bool container = rs.kind == "ContainerSource";
  e->type = container ? "dev.knative.sources.container" : "dev.knative.sources.sinkbinding";
  e->source = "/apis/v1/namespaces/" + rs.namespace_name + (container ? "/containersources/" : "/sinkbindings/") + rs.name;
  adapter_send(si, rs.sink, e, 0, now());
}

// ApiServerSource k saw `change` of `obj`: one event to its sink (adapter retries).
void EventingEngine::Impl::fire_apiserver(std::size_t k, ev::ObjectChange change, const ev::ObjectChangeInput& obj) {
  const auto& as = objects.apiserver_sources[k];
  const std::size_t si = apiserver_si[k];
  ++self.sources_[si].sent;
  ++self.sources_[si].in_flight;
  auto e = std::make_shared<ev::CloudEvent>(ev::make_apiserver_event(
      as.mode, change, obj, "https://kubernetes.default.svc", ev::random_uuid(apiserver_rngs[k])));
  adapter_send(si, as.sink, e, 0, now());
}

}  // namespace knsim::sim::eventing
