#pragma once
// EventingEngine::Impl, private to sim/eventing: the delivery machinery (broker ingress, trigger
// and subscription deliveries with retries, replies) defined inline here, and the event sources
// (producers, PingSource, ContainerSource/SinkBinding, ApiServerSource) defined in engine_sources.cpp.

#include "sim/eventing/eventing_engine.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include "core/eventing/broker.hpp"
#include "core/eventing/broker_filter.hpp"
#include "core/eventing/broker_ingress.hpp"
#include "core/eventing/channel.hpp"
#include "core/eventing/dispatcher.hpp"
#include "core/eventing/filter.hpp"
#include "core/eventing/sources.hpp"
#include "sim/timers.hpp"

namespace knsim::sim::eventing {

namespace ev = core::eventing;

struct EventingEngine::Impl {
  EventingEngine& self;
  manifests::EventingManifests objects;
  models::EventingScenarioSpec scenario;
  std::uint64_t seed;
  Seconds duration, hop;
  reports::EventSink* sink;
  ServiceCall service_call;
  core::Rng rng;  // reply ids only
  // One stream per destination, Rng::derive(seed, "eventing/subscriber/<uri or Kind/ns/name>"), so
  // that adding a trigger or subscriber does not change the draws of the others.
  std::map<std::string, core::Rng> dest_rngs;
  core::Rng& rng_for(const ev::Destination& d) {
    const std::string key = d.uri ? *d.uri : d.ref ? d.ref->kind + "/" + d.ref->namespace_ + "/" + d.ref->name : "";
    auto it = dest_rngs.find(key);
    if (it == dest_rngs.end()) it = dest_rngs.emplace(key, core::Rng::derive(seed, "eventing/subscriber/" + key)).first;
    return it->second;
  }
  std::vector<ev::TriggerRuntime> runtimes;
  struct Producer {
    std::unique_ptr<models::ArrivalProcess> process;
    core::Rng rng{1};
    std::int64_t count = 0;
  };
  std::vector<Producer> producers;
  struct Behaviour {
    const models::SubscriberBehaviourSpec* spec = nullptr;
    models::Distribution latency, cpu, wait;
  };
  std::vector<Behaviour> behaviours;
  std::int64_t next_id = 0;

  // A sync fan-out (IMC dispatcher, fanout_event_handler.go): the sender's answer waits for every
  // trigger's / subscription's delivery to end; `results[i]` true when it succeeded.
  struct Fanout {
    std::vector<ev::SubscriptionResult> results;
    std::size_t pending = 0;
    bool broker = true;  // answer with broker_ingress_response (else the channel's status)
    std::function<void(int)> answer;
  };
  void fanout_done(const std::shared_ptr<Fanout>& f, std::size_t slot, bool ok) {
    if (!f) return;
    f->results[slot] = ok;
    if (--f->pending > 0) return;
    const int channel_status = ev::channel_fanout_status(ev::FanoutMode::kSync, false, f->results);
    const int status = f->broker ? ev::broker_ingress_response(ev::AttemptOutcome::http(channel_status)) : channel_status;
    if (f->answer) f->answer(status);
  }

  // One delivery (a trigger's or a subscription's) of one event, with its retries.
  struct Delivery {
    bool trigger = true;
    int index = 0;                      // into triggers_ / subscriptions_
    ev::CloudEvent event;
    ev::Destination target;
    ev::RetryConfig retry;
    std::optional<ev::Destination> dls;
    std::optional<ev::Destination> reply_to;  // subscriptions: spec.reply
    std::int64_t ttl = 0;
    int attempts = 0;
    bool dead_letter_phase = false;
    Seconds t0 = 0;
    std::shared_ptr<Fanout> fanout;  // told when the delivery ends
    std::size_t slot = 0;
  };

  Impl(EventingEngine& s, manifests::EventingManifests o, models::EventingScenarioSpec sc, std::uint64_t sd, Seconds d,
       Seconds h, reports::EventSink* sk, ServiceCall call)
      : self(s), objects(std::move(o)), scenario(std::move(sc)), seed(sd), duration(d), hop(h), sink(sk),
        service_call(std::move(call)), rng(core::Rng::derive(sd, "eventing/replies")) {}

  Seconds now() const { return simgrid::s4u::Engine::get_clock(); }
  double now_unix() const { return scenario.start_unix + now(); }

  void emit(reports::EventData data) {
    if (sink) sink->on_event(reports::Event{now(), std::move(data)});
  }
  EventingSeriesPoint& bucket() { return self.series_[static_cast<std::int64_t>(std::floor(now()))]; }
  DeliveryCounters& counters(const Delivery& d) {
    return d.trigger ? self.triggers_[static_cast<std::size_t>(d.index)]
                     : self.subscriptions_[static_cast<std::size_t>(d.index)];
  }

  const Behaviour* behaviour_for(const ev::Destination& dst) const {
    for (const auto& b : behaviours) {
      if (dst.uri && b.spec->uri == *dst.uri) return &b;
      if (dst.ref && dst.ref->kind == "Service" && b.spec->service == dst.ref->name &&
          b.spec->namespace_ == dst.ref->namespace_)
        return &b;
    }
    return nullptr;
  }

  // The behaviour's answer once a request succeeded: a status drawn from `status` and maybe a reply.
  ev::HttpResponse answer(const Behaviour* b, const ev::CloudEvent& in, core::Rng& rng) {
    int status = 200;
    if (b && !b->spec->status.empty()) {
      double u = rng.uniform01();
      status = b->spec->status.back().first;
      for (const auto& [code, p] : b->spec->status) {
        if (u < p) {
          status = code;
          break;
        }
        u -= p;
      }
    }
    if (b && status >= 200 && status < 300 && b->spec->reply_probability > 0 &&
        rng.uniform01() < b->spec->reply_probability) {
      ev::CloudEvent reply;
      reply.id = "reply-" + std::to_string(++next_id);
      reply.source = b->spec->uri.empty() ? "knsim/service/" + b->spec->service : b->spec->uri;
      reply.type = b->spec->reply_type;
      reply.data_size = in.data_size;
      return ev::reply_with_event(reply, status);
    }
    return ev::empty_response(status);
  }

  int find_broker(const std::string& name, const std::string& ns) const {
    for (std::size_t i = 0; i < objects.brokers.size(); ++i)
      if (objects.brokers[i].name == name && objects.brokers[i].namespace_ == ns) return static_cast<int>(i);
    return -1;
  }
  int find_channel(const std::string& name, const std::string& ns) const {
    for (std::size_t i = 0; i < objects.channels.size(); ++i)
      if (objects.channels[i].name == name && objects.channels[i].namespace_ == ns) return static_cast<int>(i);
    return -1;
  }

  // Sends `event` to a destination; `done` gets the answer. Broker/Channel answer 202 after one hop
  // when their ingress accepts (their own fan-out continues on its own).
  void call(const ev::Destination& dst_in, const ev::CloudEvent& event, std::optional<Seconds> timeout,
            std::function<void(ev::HttpResponse)> done) {
    ev::Destination dst = dst_in;
    if (dst.ref && (dst.ref->kind == "Sequence" || dst.ref->kind == "Parallel")) {
      const auto it = objects.flow_address.find(dst.ref->kind + "/" + dst.ref->namespace_ + "/" + dst.ref->name);
      if (it != objects.flow_address.end()) dst.ref = ev::KReference{"messaging.knative.dev/v1", "InMemoryChannel", it->second, dst.ref->namespace_};
    }
    const Behaviour* b = behaviour_for(dst);
    if (dst.ref && (dst.ref->kind == "Broker" || dst.ref->kind == "InMemoryChannel" || dst.ref->kind == "Channel")) {
      const ev::KReference r = *dst.ref;
      after(hop, [this, r, event, done] {
        auto answer = [this, done](int status) { after(hop, [done, status] { done(ev::empty_response(status)); }); };
        if (r.kind == "Broker") broker_ingress(r.name, r.namespace_, event, answer);
        else channel_receive(r.name, r.namespace_, event, answer);
      });
      return;
    }
    if (dst.ref) {  // a Knative Service, through its Route
      core::Rng& dr = rng_for(dst);
      const double cpu = b ? b->cpu.sample(dr) : 0.020;
      const double wait = b ? b->wait.sample(dr) : 0.030;
      service_call(dst.ref->namespace_, dst.ref->name, cpu, wait, timeout.value_or(300.0),
                   [this, b, event, done, &dr](int status) {
                     if (status == 504) {
                       ev::HttpResponse r;
                       r.transport_error = true;
                       done(r);
                     } else if (status >= 200 && status < 300) {
                       done(answer(b, event, dr));
                     } else {
                       done(ev::empty_response(status));
                     }
                   });
      return;
    }
    core::Rng& dr = rng_for(dst);
    const Seconds latency = hop + (b ? b->latency.sample(dr) : 0.001);
    if (timeout && latency > *timeout) {
      after(*timeout, [done] {
        ev::HttpResponse r;
        r.transport_error = true;
        done(r);
      });
      return;
    }
    after(latency, [this, b, event, done, &dr] { done(answer(b, event, dr)); });
  }

  // Broker ingress (broker_ingress_receive), then the channel's fan-out to every trigger; `answer`
  // gets ingress's status once every trigger's delivery ended (202, or 500 when one failed).
  void broker_ingress(const std::string& name, const std::string& ns, const ev::CloudEvent& event,
                      std::function<void(int)> answer) {
    const int bi = find_broker(name, ns);
    ev::IngressRequest req;
    req.uri = "/" + ns + "/" + name;
    req.event = event;
    ev::IngressContext ctx;
    ctx.broker_exists = bi >= 0;
    ctx.channel_address = ev::broker_channel_name(name);
    ctx.now_unix = now_unix();
    const ev::IngressDecision dec = ev::broker_ingress_receive(req, ctx);
    if (!dec.forward) {
      if (answer) answer(dec.status);
      return;
    }
    const auto& broker = objects.brokers[static_cast<std::size_t>(bi)];
    auto fanout = std::make_shared<Fanout>();
    fanout->answer = std::move(answer);
    fanout->pending = 1;  // released after the loop, so that an empty fan-out answers too
    fanout->results.push_back(true);
    for (std::size_t ti = 0; ti < objects.triggers.size(); ++ti) {
      const auto& t = objects.triggers[ti];
      if (t.spec.broker != name || t.namespace_ != ns) continue;
      DeliveryCounters& c = self.triggers_[ti];
      ++c.received;
      ev::FilterRequest fr;
      fr.path = ev::trigger_filter_path(ns, t.name, runtimes[ti].uid);
      fr.event = dec.event;
      const ev::FilterDecision fd = ev::broker_filter_receive(fr, &runtimes[ti]);
      if (!fd.dispatch) {
        if (fd.filter_result == ev::FilterResult::kFail) ++c.filtered;
        fanout->results.push_back(fd.status >= 200 && fd.status < 300);
        continue;  // anything else (TTL exhausted, ...) ends here and counts as lost
      }
      fanout->results.emplace_back();
      ++fanout->pending;
      const ev::SubscriptionDelivery sd = ev::trigger_subscription_delivery(t.spec, broker.spec);
      auto d = std::make_shared<Delivery>();
      d->trigger = true;
      d->index = static_cast<int>(ti);
      d->event = fd.event;
      d->target = t.spec.subscriber;
      d->retry = sd.retry;
      d->dls = sd.dead_letter_sink;
      d->ttl = fd.ttl;
      d->t0 = now();
      d->fanout = fanout;
      d->slot = fanout->results.size() - 1;
      attempt(d);
    }
    fanout_done(fanout, 0, true);
  }

  void channel_receive(const std::string& name, const std::string& ns, const ev::CloudEvent& event,
                       std::function<void(int)> answer) {
    const int ci = find_channel(name, ns);
    if (ci < 0) {
      if (answer) answer(ev::channel_receive_status("POST", false, true));
      return;
    }
    const auto& ch = objects.channels[static_cast<std::size_t>(ci)];
    auto fanout = std::make_shared<Fanout>();
    fanout->broker = false;
    fanout->answer = std::move(answer);
    fanout->pending = 1;
    fanout->results.push_back(true);
    for (std::size_t si = 0; si < objects.subscriptions.size(); ++si) {
      const auto& s = objects.subscriptions[si];
      if (s.channel.name != name || s.channel.namespace_ != ns) continue;
      ++self.subscriptions_[si].received;
      const ev::SubscriptionDelivery sd = ev::subscription_delivery(s.delivery, ch.delivery);
      auto d = std::make_shared<Delivery>();
      d->trigger = false;
      d->index = static_cast<int>(si);
      d->event = event;
      d->retry = sd.retry;
      d->dls = sd.dead_letter_sink;
      d->reply_to = s.reply;
      d->t0 = now();
      if (!s.subscriber) {  // reply only: the event goes straight to the reply destination
        ++self.subscriptions_[si].delivered;
        self.subscriptions_[si].latency_s.push_back(0);
        fanout->results.push_back(true);
        call(*s.reply, event, std::nullopt, [](const ev::HttpResponse&) {});
        continue;
      }
      fanout->results.emplace_back();
      ++fanout->pending;
      d->fanout = fanout;
      d->slot = fanout->results.size() - 1;
      d->target = *s.subscriber;
      attempt(d);
    }
    fanout_done(fanout, 0, true);
  }

  std::string destination_text(const ev::Destination& d) const {
    if (d.uri) return *d.uri;
    if (d.ref) return d.ref->kind + "/" + d.ref->namespace_ + "/" + d.ref->name;
    return "";
  }

  void attempt(std::shared_ptr<Delivery> d) {
    ++d->attempts;
    const ev::Destination& target = d->dead_letter_phase ? *d->dls : d->target;
    call(target, d->event, d->retry.request_timeout, [this, d](ev::HttpResponse resp) { on_answer(d, resp); });
  }

  void on_answer(const std::shared_ptr<Delivery>& d, const ev::HttpResponse& resp) {
    DeliveryCounters& c = counters(*d);
    int status = resp.transport_error ? 0 : resp.status;
    std::optional<ev::CloudEvent> reply;
    if (!resp.transport_error && d->trigger && !d->dead_letter_phase) {
      const ev::FilterResponse fr = ev::broker_filter_respond(resp, d->ttl, destination_text(d->target));
      status = fr.status;
      reply = fr.reply;
    } else if (!resp.transport_error) {
      reply = ev::subscriber_reply(resp);
    }
    const ev::AttemptOutcome outcome =
        resp.transport_error ? ev::AttemptOutcome::transport_failure() : ev::AttemptOutcome::http(status);
    const ev::DispatchDecision step =
        ev::next_dispatch_step(d->retry, d->attempts, outcome, d->dls.has_value() && !d->dead_letter_phase, now_unix());
    std::string outcome_name;
    switch (step.action) {
      case ev::DispatchAction::kDelivered:
        outcome_name = d->dead_letter_phase ? "dead_lettered" : "delivered";
        if (d->dead_letter_phase) {
          ++c.dead_lettered;
          ++bucket().dead_lettered;
        } else {
          ++c.delivered;
          ++bucket().delivered;
          c.latency_s.push_back(now() - d->t0);
          forward_reply(*d, reply);
        }
        break;
      case ev::DispatchAction::kRetry:
        outcome_name = "retry";
        ++c.retries;
        ++bucket().retries;
        after(step.wait, [this, d] { attempt(d); });
        break;
      case ev::DispatchAction::kDeadLetter:
        outcome_name = "dead_letter";
        break;
      case ev::DispatchAction::kLost:
        outcome_name = d->dead_letter_phase ? "dead_letter_failed" : "lost";
        break;
    }
    if (step.action == ev::DispatchAction::kDelivered) fanout_done(d->fanout, d->slot, true);
    if (step.action == ev::DispatchAction::kLost) fanout_done(d->fanout, d->slot, false);
    const std::string& name = c.name;
    emit(reports::DeliveryAttempt{d->trigger ? name : "", d->trigger ? "" : name, d->event.id, d->attempts, status,
                                  outcome_name});
    if (step.action == ev::DispatchAction::kDeadLetter) {
      d->event = ev::make_dead_letter_event(d->event, destination_text(d->target), outcome);
      d->dead_letter_phase = true;
      d->attempts = 0;
      attempt(d);
    }
  }

  // A reply goes back into the broker (triggers; the TTL was re-attached by broker_filter_respond)
  // or to the subscription's reply destination.
  void forward_reply(const Delivery& d, const std::optional<ev::CloudEvent>& reply) {
    if (!reply) return;
    if (d.trigger) {
      const auto& t = objects.triggers[static_cast<std::size_t>(d.index)];
      const ev::CloudEvent r = *reply;
      const std::string broker = t.spec.broker, ns = t.namespace_;
      after(hop, [this, broker, ns, r] { broker_ingress(broker, ns, r, nullptr); });
    } else if (d.reply_to) {
      call(*d.reply_to, *reply, std::nullopt, [](const ev::HttpResponse&) {});
    }
  }

  // --- producers and sources (engine_sources.cpp) ---
  void next_event(std::size_t pi);
  void produce(std::size_t pi);
  void schedule_ping(std::size_t k, std::optional<ev::CronSchedule> sched, double after_unix);
  void fire_ping(std::size_t k, double tick_unix);
  // The adapter's own retries (next_adapter_step: 5 retries, 50 ms doubling), for every source
  // adapter (PingSource, ContainerSource, SinkBinding); si indexes sources_.
  void adapter_send(std::size_t si, const ev::Destination& dst, std::shared_ptr<ev::CloudEvent> e, int attempts);
  // ContainerSource / SinkBinding k: event n (0, 1, ...) at n / rate seconds, evenly spaced, while
  // before the end (a constant 2/s over 60 s sends at 0, 0.5, ..., 59.5: 120 events).
  void schedule_rate(std::size_t k, std::int64_t n);
  // The event a ContainerSource's container (or a SinkBinding's subject) sends: type
  // dev.knative.sources.container / dev.knative.sources.sinkbinding, source = the object's path.
  void fire_rate(std::size_t k);
  // ApiServerSource k saw `change` of Pod `pod`: one event to its sink (adapter retries).
  void fire_apiserver(std::size_t k, ev::ObjectChange change, const std::string& pod);

  std::vector<core::Rng> rate_rngs;
  std::vector<core::Rng> apiserver_rngs;
  std::vector<core::Rng> ping_rngs;
};

}  // namespace knsim::sim::eventing
