#pragma once
// Typed run events: what happened, when (t_s, simulated seconds) and why. The simulator sends
// them to an EventSink; reports/ writes them to events.jsonl (one JSON object per line, keys
// `t_s`, `kind`, then the payload's fields) and counts them in the summary; the stream protocol
// (docs/run-stream.md) sends the same objects as `{"type":"event", ...}` lines.
//
// kind strings (Event::kind_name):
//   autoscaler_decision  AutoscalerDecision (every KPA/HPA tick result, with its reason and inputs)
//   pod_phase            PodPhaseChange
//   mode_switch          ModeSwitch (SKS Proxy <-> Serve)
//   panic_start, panic_end  PanicChange
//   traffic_change       TrafficChange (a route's configured split)
//   node_fail, node_recover NodeChange
//   timeline_action      TimelineActionEvent
//   request_failures     RequestFailureSummary (failures aggregated per revision, reason, interval)
//   cold_start           ColdStart
//   scale                ScaleEvent (a deployment's replica count changed)
//   delivery_attempt     DeliveryAttempt (one eventing delivery attempt, sim/eventing)
//   object_change        ObjectChangeEvent (a Service, Configuration, Revision, Route or Deployment
//                        was added, updated or deleted: what an ApiServerSource's informer sees)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time/time.hpp"

namespace knsim::reports {

using core::Seconds;

struct AutoscalerDecision {
  std::string revision;
  std::int64_t desired_pods = 0;          // the decider's desired scale (after bounds)
  double excess_burst_capacity = 0;       // EBC; < 0 means the activator stays in the path
  double observed_stable = 0;             // stable-window average concurrency (or RPS)
  double observed_panic = 0;              // panic-window average
  double target = 0;                      // target per pod (after target-utilization)
  std::int64_t ready_pods = 0;
  bool panic = false;
  std::string reason;                     // the core's short reason string
};

struct PodPhaseChange {
  std::string pod, revision, node;  // node empty while unscheduled
  std::string from, to;             // Pending, Scheduled, Pulling, Starting, Ready, Terminating, Terminated, Failed
  std::string reason;
};

struct ModeSwitch {
  std::string revision;
  std::string mode;  // "Proxy" or "Serve" (the new mode)
  std::string reason;
};

struct PanicChange {
  std::string revision;
  bool started = true;  // true: panic_start, false: panic_end
  std::string reason;
};

struct TrafficTarget {
  std::string revision, tag;
  double percent = 0;
};
struct TrafficChange {
  std::string service;  // "namespace/name" or "name"
  std::vector<TrafficTarget> targets;
  std::string reason;
};

struct NodeChange {
  std::string node;
  bool up = false;  // false: node_fail, true: node_recover
  std::int64_t pods_lost = 0;
  std::int64_t requests_failed = 0;
  std::string reason;
};

struct TimelineActionEvent {
  std::string action;  // apply, delete, failNode, recoverNode, setArrivals
  std::string detail;  // "hello-v2.yaml", "Service default/hello", "worker-1", "web: poisson 5/s"
};

struct RequestFailureSummary {
  std::string revision;  // empty when no revision was chosen (no_route)
  std::string reason;    // overflow_503, timeout, no_route, unfinished, node_failure, ...
  std::int64_t count = 0;
  Seconds interval_s = 0;  // the failures happened in (t_s - interval_s, t_s]
};

struct ColdStart {
  std::string revision, pod;
  Seconds delay_s = 0;          // how long the first waiting request waited for the pod
  std::int64_t requests = 0;    // requests that waited for it
};

struct ScaleEvent {
  std::string revision;
  std::int64_t from_pods = 0, to_pods = 0;
  std::string reason;
};

// One attempt to deliver a CloudEvent for a Trigger or a Subscription (exactly one set), with the
// HTTP status (0: no response: timeout or transport error) and what the dispatcher decided.
// `event_id` is the event the trigger/subscription received; `attempt` counts within the phase.
// Subscriber attempts: delivered (chain ends), replied (2xx with a reply: forwarding follows),
// retry, dead_letter (the DLS follows), lost. Reply-forwarding attempts (the reply POSTed to the
// trigger's Broker or the subscription's spec.reply): delivered (chain ends), reply_retry,
// reply_dead_letter (the ORIGINAL event goes to the DLS), lost. DLS attempts: dead_lettered,
// dead_letter_failed (lost). Every chain ends with exactly one delivered / dead_lettered / lost /
// dead_letter_failed (or nothing while still in flight at the end of the run).
struct DeliveryAttempt {
  std::string trigger, subscription;
  std::string event_id;
  std::int64_t attempt = 1;  // 1-based
  std::int64_t status = 0;
  std::string outcome;
};

// The simulated API server's object changes (Pods are not in it: pod_phase says those): a Service,
// Configuration, Revision or Route (serving.knative.dev/v1) or a revision's Deployment (apps/v1)
// was added, updated (spec changed, a Revision became Ready, a Route's programmed traffic changed)
// or deleted. One event per change, so events.jsonl stays small.
struct ObjectChangeEvent {
  std::string api_version;  // "serving.knative.dev/v1", "apps/v1"
  std::string kind;         // Service, Configuration, Revision, Route, Deployment
  std::string namespace_name;
  std::string name;
  std::string change;  // add, update, delete
  std::string reason;  // "apply", "timeline apply x.yaml", "Ready", "traffic", "deleted", ...
};

using EventData = std::variant<AutoscalerDecision, PodPhaseChange, ModeSwitch, PanicChange,
                               TrafficChange, NodeChange, TimelineActionEvent,
                               RequestFailureSummary, ColdStart, ScaleEvent, DeliveryAttempt,
                               ObjectChangeEvent>;

struct Event {
  Seconds t_s = 0;
  EventData data;

  std::string_view kind_name() const;  // see the table above
  template <class T>
  const T* as() const { return std::get_if<T>(&data); }
};

// JSON of one event: {"t_s":..,"kind":"..", payload fields...} with keys in a fixed order.
nlohmann::ordered_json event_to_json(const Event& e);
// Appends event_to_json(e).dump() to `out`: the same bytes, written directly for the common events
// (events.jsonl gets every pod phase and decision of a run: a fleet day writes millions).
void append_event_json(const Event& e, std::string& out);
// Back from JSON (the GUI reads stream lines); nullopt with `error` set on an unknown kind or a
// missing/mistyped field. A `type` key is ignored.
std::optional<Event> event_from_json(const nlohmann::json& j, std::string* error = nullptr);

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(const Event& e) = 0;
};

// Keeps every event in arrival order (for events.jsonl, the summary and report.html).
class EventLog : public EventSink {
 public:
  void on_event(const Event& e) override { events_.push_back(e); }
  const std::vector<Event>& events() const { return events_; }

 private:
  std::vector<Event> events_;
};

// Forwards each event to several sinks (not owned), in the order added.
class FanoutSink : public EventSink {
 public:
  void add(EventSink* sink) { sinks_.push_back(sink); }
  void on_event(const Event& e) override {
    for (EventSink* s : sinks_) s->on_event(e);
  }

 private:
  std::vector<EventSink*> sinks_;
};

}  // namespace knsim::reports
