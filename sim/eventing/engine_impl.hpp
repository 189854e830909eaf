#pragma once
// EventingEngine::Impl, private to sim/eventing: the delivery machinery (broker ingress, trigger
// and subscription deliveries with retries, replies) defined inline here, and the event sources
// (producers, PingSource, ContainerSource/SinkBinding, ApiServerSource) defined in engine_sources.cpp.

#include "sim/eventing/eventing_engine.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include "core/eventing/broker.hpp"
#include "core/eventing/broker_filter.hpp"
#include "core/eventing/broker_ingress.hpp"
#include "core/eventing/channel.hpp"
#include "core/eventing/dispatcher.hpp"
#include "core/eventing/filter.hpp"
#include "core/eventing/sources.hpp"
#include "models/trace.hpp"
#include "sim/timers.hpp"

namespace knsim::sim::eventing {

namespace ev = core::eventing;

struct EventingEngine::Impl {
  EventingEngine& self;
  core::eventing::EventingManifests objects;
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
    const std::string key = d.uri ? *d.uri : d.ref ? d.ref->kind + "/" + d.ref->namespace_name + "/" + d.ref->name : "";
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
  models::TraceCache traces;  // the trace files of trace-driven producers, each loaded once
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

  // One delivery chain (a trigger's or a subscription's) of one event, as the IMC dispatcher runs
  // it (event_dispatcher.go::send): the subscriber with retries, then the subscriber's reply to
  // the reply destination with the SAME retry config, and on a failure of either the ORIGINAL
  // event to the dead-letter sink (same retry config again).
  enum class Phase { kSubscriber, kReply, kDeadLetter };
  struct Delivery {
    bool trigger = true;
    int index = 0;                      // into triggers_ / subscriptions_
    ev::CloudEvent event;               // the original event (the DLS event once it failed)
    ev::Destination target;
    ev::RetryConfig retry;
    std::optional<ev::Destination> dls;
    std::optional<ev::Destination> reply_to;  // trigger: its Broker; subscription: spec.reply
    std::int64_t ttl = 0;
    int attempts = 0;                   // in the current phase, 1-based once started
    Phase phase = Phase::kSubscriber;
    std::optional<ev::CloudEvent> reply;  // kReply: the subscriber's reply being forwarded
    Seconds t0 = 0;
    Seconds subscriber_latency = 0;     // t0 -> the subscriber's successful answer
    std::shared_ptr<Fanout> fanout;     // told when the delivery ends
    std::size_t slot = 0;
  };

  Impl(EventingEngine& s, core::eventing::EventingManifests o, models::EventingScenarioSpec sc, std::uint64_t sd, Seconds d,
       Seconds h, reports::EventSink* sk, ServiceCall call)
      : self(s), objects(std::move(o)), scenario(std::move(sc)), seed(sd), duration(d), hop(h), sink(sk),
        service_call(std::move(call)), rng(core::Rng::derive(sd, "eventing/replies")) {}

  Seconds now() const { return timer_clock(); }
  double now_unix() const { return scenario.start_unix + now(); }

  void emit(reports::EventData data) {
    if (sink) sink->on_event(reports::Event{now(), std::move(data)});
  }
  DeliveryCounters& counters(const Delivery& d) {
    return d.trigger ? self.triggers_[static_cast<std::size_t>(d.index)]
                     : self.subscriptions_[static_cast<std::size_t>(d.index)];
  }

  const Behaviour* behaviour_for(const ev::Destination& dst) const {
    for (const auto& b : behaviours) {
      if (dst.uri && b.spec->uri == *dst.uri) return &b;
      if (dst.ref && dst.ref->kind == "Service" && b.spec->service == dst.ref->name &&
          b.spec->namespace_name == dst.ref->namespace_name)
        return &b;
    }
    return nullptr;
  }

  int find_broker(const std::string& name, const std::string& ns) const {
    for (std::size_t i = 0; i < objects.brokers.size(); ++i)
      if (objects.brokers[i].name == name && objects.brokers[i].namespace_name == ns) return static_cast<int>(i);
    return -1;
  }
  int find_channel(const std::string& name, const std::string& ns) const {
    for (std::size_t i = 0; i < objects.channels.size(); ++i)
      if (objects.channels[i].name == name && objects.channels[i].namespace_name == ns) return static_cast<int>(i);
    return -1;
  }

  // Objects deleted by the timeline (parallel to objects.brokers / triggers / channels /
  // subscriptions; 1 = deleted): they receive nothing more, their counters stay.
  std::vector<char> brokers_gone, triggers_gone, channels_gone, subscriptions_gone;
  std::vector<char> pings_gone, rates_gone, apiservers_gone;  // sources: stop sending
  static bool gone(const std::vector<char>& v, std::size_t i) { return i < v.size() && v[i] != 0; }
  bool ping_deleted(std::size_t k) const { return gone(pings_gone, k); }
  bool rate_deleted(std::size_t k) const { return gone(rates_gone, k); }
  bool apiserver_deleted(std::size_t k) const { return gone(apiservers_gone, k); }
  // Index into sources_ of PingSource / rate source / ApiServerSource k (sources applied by the
  // timeline are appended, so the kinds interleave).
  std::vector<std::size_t> ping_si, rate_si, apiserver_si;
  bool broker_deleted(std::size_t i) const { return gone(brokers_gone, i); }
  bool trigger_deleted(std::size_t i) const { return gone(triggers_gone, i); }
  bool channel_deleted(std::size_t i) const { return gone(channels_gone, i); }
  bool subscription_deleted(std::size_t i) const { return gone(subscriptions_gone, i); }

  std::string destination_text(const ev::Destination& d) const {
    if (d.uri) return *d.uri;
    if (d.ref && d.ref->kind == "Broker") return ev::broker_ingress_url(d.ref->namespace_name, d.ref->name);
    if (d.ref) return d.ref->kind + "/" + d.ref->namespace_name + "/" + d.ref->name;
    return "";
  }

  // --- the delivery machinery (engine_delivery.cpp) ---
  // The behaviour's answer once a request succeeded: a status drawn from `status` and maybe a reply.
  ev::HttpResponse answer(const Behaviour* b, const ev::CloudEvent& in, core::Rng& rng);
  // Sends `event` to a destination; `done` gets the answer. A Broker or Channel answers once its
  // whole fan-out ended (sync IMC), one hop after its ingress/receiver got the event and one hop back.
  void call(const ev::Destination& dst_in, const ev::CloudEvent& event, std::optional<Seconds> timeout,
            std::function<void(ev::HttpResponse)> done);
  // Broker ingress (broker_ingress_receive), then the channel's fan-out to every trigger; `answer`
  // gets ingress's status once every trigger's delivery chain ended (202, or 500 when one failed).
  void broker_ingress(const std::string& name, const std::string& ns, const ev::CloudEvent& event,
                      std::function<void(int)> answer);
  void channel_receive(const std::string& name, const std::string& ns, const ev::CloudEvent& event,
                       std::function<void(int)> answer);
  void attempt(std::shared_ptr<Delivery> d);
  void on_answer(const std::shared_ptr<Delivery>& d, const ev::HttpResponse& resp);
  // The reply-forwarding attempt's answer (Phase::kReply).
  void on_reply_answer(const std::shared_ptr<Delivery>& d, const ev::HttpResponse& resp);
  // The chain ended: delivered (subscriber and reply forwarding succeeded) or lost; tells the fan-out.
  void finish_delivered(const std::shared_ptr<Delivery>& d);
  // The chain failed (subscriber or reply): the original event goes to the DLS naming `failed_dest`.
  void start_dead_letter(const std::shared_ptr<Delivery>& d, const std::string& failed_dest,
                         const ev::AttemptOutcome& last);
  void emit_attempt(const Delivery& d, int status, const std::string& outcome);

  // --- objects (engine_objects.cpp) ---
  bool started = false;               // start() ran: sources added later start at once
  std::vector<TimelineChange> timeline;
  // Adds the objects of `more` (a timeline apply, or the initial manifests) or replaces the object
  // of the same kind/namespace/name (counters kept, a deleted one comes back). New sources start
  // now when started; a new ApiServerSource lists the objects alive now.
  void add_objects(const core::eventing::EventingManifests& more);
  // Timeline delete: the object receives/sends nothing more (a Sequence/Parallel: its channels and
  // subscriptions). False when there is no such eventing object.
  bool remove_object(const std::string& kind, const std::string& ns, const std::string& name);
  void add_trigger(const core::eventing::TriggerObject& t);
  void add_source_counters(std::vector<std::size_t>& index, const std::string& name);

  // --- the ApiServerSources' view of the cluster (eventing_engine.cpp) ---
  std::vector<ev::ObjectChangeInput> alive;  // objects alive now, in creation order (Pods: no namespace)
  void track(ev::ObjectChange change, const ev::ObjectChangeInput& obj);  // keeps `alive` up to date
  void list_to(std::size_t k);               // the informer's initial list: an add per watched alive object

  // --- producers and sources (engine_sources.cpp) ---
  // Bumped when a source is replaced or deleted: its pending timers see a newer generation and stop.
  std::vector<std::uint64_t> ping_gen, rate_gen;
  std::vector<Seconds> rate_t0;  // when rate source k (re)started
  void start_ping(std::size_t k);
  void start_rate(std::size_t k);
  void next_event(std::size_t pi);
  void produce(std::size_t pi);
  void schedule_ping(std::size_t k, std::optional<ev::CronSchedule> sched, double after_unix, std::uint64_t gen);
  void fire_ping(std::size_t k, double tick_unix);
  // The adapter's own retries (next_adapter_step: 5 retries, 50 ms doubling), for every source
  // adapter (PingSource, ContainerSource, SinkBinding); si indexes sources_.
  // t0: when the event was first sent (the source's latency).
  void adapter_send(std::size_t si, const ev::Destination& dst, std::shared_ptr<ev::CloudEvent> e, int attempts,
                    Seconds t0);
  // ContainerSource / SinkBinding k: event n (0, 1, ...) at rate_t0 + n / rate seconds, evenly
  // spaced, while before the end (a constant 2/s from 0 over 60 s: 0, 0.5, ..., 59.5: 120 events).
  void schedule_rate(std::size_t k, std::int64_t n, std::uint64_t gen);
  // The event a ContainerSource's container (or a SinkBinding's subject) sends: type
  // dev.knative.sources.container / dev.knative.sources.sinkbinding, source = the object's path.
  void fire_rate(std::size_t k);
  // ApiServerSource k saw `change` of `obj`: one event to its sink (adapter retries).
  void fire_apiserver(std::size_t k, ev::ObjectChange change, const ev::ObjectChangeInput& obj);
  // ApiServerSource k (not deleted) lists (api_version, kind) in spec.resources and, except for
  // Pods, `ns` is its namespace.
  bool watches(std::size_t k, const std::string& api_version, const std::string& kind, const std::string& ns) const;

  std::vector<core::Rng> rate_rngs;
  std::vector<core::Rng> apiserver_rngs;
  std::vector<core::Rng> ping_rngs;
};

}  // namespace knsim::sim::eventing
