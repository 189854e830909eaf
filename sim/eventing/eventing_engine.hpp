#pragma once
// Knative Eventing in the simulated cluster (docs/eventing.md "Simulation"): producers POST
// CloudEvents to a Broker's ingress or an InMemoryChannel; a Broker fans out to its Triggers
// (filter, then a delivery chain with retries/backoff/timeout/dead letter as core/eventing decides);
// a Channel fans out to its Subscriptions; sources (PingSource, ContainerSource, SinkBinding,
// ApiServerSource) send through their adapter's retries. A delivery chain is the IMC dispatcher's
// (event_dispatcher.go::send): the subscriber, then its reply POSTed to the reply destination (a
// trigger's Broker, a subscription's spec.reply) with the same retry config, and on a failure of
// either the ORIGINAL event to the dead-letter sink. A Broker or channel answers its sender once
// every chain of its fan-out ended, reply fan-outs included (sync IMC: 202, or 500 when one was
// lost). Every decision is core/eventing's; this class only moves events in time with kernel
// timers (no actor per event). A destination that is a Knative Service is reached through the
// cluster's request path (ServiceCall: Route, activator, cold start, pods).
//
// Counting (per trigger / subscription): received = filtered + delivered + dead_lettered + lost,
// where delivered = the whole chain (subscriber and reply forwarding) succeeded, dead_lettered = the
// DLS accepted, and lost is whatever is neither filtered, delivered nor dead-lettered at the end of
// the run (lost after the last attempt without or with a failing DLS, or still in flight).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/eventing/cloud_event.hpp"
#include "core/eventing/delivery.hpp"
#include "core/eventing/http_message.hpp"
#include "core/random/rng.hpp"
#include "sim/object_changes.hpp"
#include "core/eventing/eventing_objects.hpp"
#include "models/arrival_process.hpp"
#include "models/distribution.hpp"
#include "models/scenario_spec.hpp"
#include "reports/events.hpp"
#include "reports/latency_histogram.hpp"

namespace knsim::sim::eventing {

using core::Seconds;

// Sends one request to Knative Service ns/name through its Route with the given CPU and non-CPU
// seconds and client timeout; `done(status)` is called once with the HTTP status (200 success,
// 503 overflow, 504 timeout, 404 no route, 502 other failures).
using ServiceCall = std::function<void(const std::string& ns, const std::string& name, double cpu, double wait,
                                       Seconds timeout, std::function<void(int status)> done)>;

// Each counter is kept on its own (none is derived from the others), so that
// received == filtered + delivered + dead_lettered + lost() is a check of the engine's bookkeeping,
// not an identity by construction: every received event either ends at the filter (filtered, or
// lost when the filter stage refuses it otherwise, e.g. TTL exhausted) or starts a delivery chain
// (in_flight + 1), which ends exactly once as delivered, dead_lettered or ended_lost (in_flight - 1).
struct DeliveryCounters {
  std::string name;  // "namespace/name"
  std::int64_t received = 0, filtered = 0, delivered = 0, retries = 0, dead_lettered = 0;
  std::int64_t ended_lost = 0;  // chains that ended lost (no DLS, or the DLS failed too) + filter-stage refusals
  std::int64_t in_flight = 0;   // chains started and not ended (at the end of the run: still in flight)
  // event arrival at the broker/channel -> the subscriber's successful answer (delivered chains;
  // the reply forwarding that follows is not included). A streaming histogram: memory does not grow
  // with the events delivered (quantiles within 0.39 %, max exact).
  reports::LatencyHistogram latency;
  // summary.json `lost`: as documented since eventing's first release, events still in flight at
  // the end of the run count as lost; `in_flight` says how many of them that is.
  std::int64_t lost() const { return ended_lost + in_flight; }
};

// sent == accepted + failed + in_flight, each kept on its own (in_flight: sent, no final answer yet).
struct SourceCounters {
  std::string name;
  std::int64_t sent = 0, accepted = 0, failed = 0, in_flight = 0;
  // send -> the 2xx answer of accepted events (a Broker answers once its whole fan-out ended,
  // replies' fan-outs included; adapter retries included); streaming, as DeliveryCounters' one
  reports::LatencyHistogram latency;
};

// A timeline action on eventing objects: at `at`, apply `apply` (add, or replace an object of the
// same kind/namespace/name) or, without it, delete kind namespace_name/name.
struct TimelineChange {
  Seconds at = 0;
  std::optional<core::eventing::EventingManifests> apply;
  std::string kind, namespace_name, name;
};

class EventingEngine : public ObjectWatcher {
 public:
  EventingEngine(core::eventing::EventingManifests objects, models::EventingScenarioSpec scenario, std::uint64_t seed,
                 Seconds duration, Seconds hop_latency, reports::EventSink* sink, ServiceCall service_call);
  ~EventingEngine() override;
  EventingEngine(const EventingEngine&) = delete;
  EventingEngine& operator=(const EventingEngine&) = delete;

  // The scenario timeline's eventing applies and deletes (call before start()). An applied object
  // takes effect at its time: a new Trigger receives the events its Broker gets from then on, a
  // new source starts sending, a new ApiServerSource lists the objects alive then; an object of
  // the same kind and name is replaced (its counters go on). A delete stops the object: it
  // receives or sends nothing more, its counters stay, deliveries in flight end naturally.
  void set_timeline(std::vector<TimelineChange> changes);
  // Schedules the producers' first events, the sources' first events and the timeline (at t = 0).
  void start();

  // The simulated cluster's own object changes (typed, from the cluster model: sim/object_changes.hpp),
  // for the ApiServerSources: each ApiServerSource whose spec.resources lists the (apiVersion,
  // kind), in its namespace (any namespace for Pods), sends dev.knative.apiserver.{ref,resource}.
  // {add,update,delete} to its sink. The engine also keeps the list of alive objects (for sources
  // applied later).
  void on_object_change(ObjectChangeKind change, const ObjectRef& object) override;
  // Some ApiServerSource exists at t = 0 or is applied by the timeline: attach the watch.
  bool watches_cluster() const;
  // The informer's initial list: one add per watched object of `alive` (the objects alive when the
  // watch starts, e.g. those of t = 0, in order of creation).
  void list_existing(const std::vector<ObjectRef>& alive);

  const std::vector<DeliveryCounters>& triggers() const { return triggers_; }
  const std::vector<DeliveryCounters>& subscriptions() const { return subscriptions_; }
  const std::vector<SourceCounters>& sources() const { return sources_; }
  bool active() const;

  // {"triggers": [...], "subscriptions": [...], "sources": [...]} for summary.json's `eventing`.
  nlohmann::ordered_json summary_json() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<DeliveryCounters> triggers_, subscriptions_;
  std::vector<SourceCounters> sources_;
};

}  // namespace knsim::sim::eventing
