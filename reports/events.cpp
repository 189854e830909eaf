#include "reports/events.hpp"

namespace knsim::reports {
namespace {

using OJson = nlohmann::ordered_json;
using Json = nlohmann::json;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

void payload(OJson& j, const AutoscalerDecision& d) {
  j["revision"] = d.revision;
  j["desired_pods"] = d.desired_pods;
  j["excess_burst_capacity"] = d.excess_burst_capacity;
  j["observed_stable"] = d.observed_stable;
  j["observed_panic"] = d.observed_panic;
  j["target"] = d.target;
  j["ready_pods"] = d.ready_pods;
  j["panic"] = d.panic;
  j["reason"] = d.reason;
}
void payload(OJson& j, const PodPhaseChange& d) {
  j["pod"] = d.pod;
  j["revision"] = d.revision;
  j["node"] = d.node;
  j["from"] = d.from;
  j["to"] = d.to;
  j["reason"] = d.reason;
}
void payload(OJson& j, const ModeSwitch& d) {
  j["revision"] = d.revision;
  j["mode"] = d.mode;
  j["reason"] = d.reason;
}
void payload(OJson& j, const PanicChange& d) {
  j["revision"] = d.revision;
  j["reason"] = d.reason;
}
void payload(OJson& j, const TrafficChange& d) {
  j["service"] = d.service;
  OJson targets = OJson::array();
  for (const TrafficTarget& t : d.targets) {
    targets.push_back(OJson{{"revision", t.revision}, {"tag", t.tag}, {"percent", t.percent}});
  }
  j["targets"] = std::move(targets);
  j["reason"] = d.reason;
}
void payload(OJson& j, const NodeChange& d) {
  j["node"] = d.node;
  j["pods_lost"] = d.pods_lost;
  j["requests_failed"] = d.requests_failed;
  j["reason"] = d.reason;
}
void payload(OJson& j, const TimelineActionEvent& d) {
  j["action"] = d.action;
  j["detail"] = d.detail;
}
void payload(OJson& j, const RequestFailureSummary& d) {
  j["revision"] = d.revision;
  j["reason"] = d.reason;
  j["count"] = d.count;
  j["interval_s"] = d.interval_s;
}
void payload(OJson& j, const ColdStart& d) {
  j["revision"] = d.revision;
  j["pod"] = d.pod;
  j["delay_s"] = d.delay_s;
  j["requests"] = d.requests;
}
void payload(OJson& j, const ScaleEvent& d) {
  j["revision"] = d.revision;
  j["from_pods"] = d.from_pods;
  j["to_pods"] = d.to_pods;
  j["reason"] = d.reason;
}

void payload(OJson& j, const DeliveryAttempt& d) {
  j["trigger"] = d.trigger;
  j["subscription"] = d.subscription;
  j["event_id"] = d.event_id;
  j["attempt"] = d.attempt;
  j["status"] = d.status;
  j["outcome"] = d.outcome;
}

void payload(OJson& j, const ObjectChangeEvent& d) {
  j["api_version"] = d.api_version;
  j["object_kind"] = d.kind;
  j["namespace"] = d.namespace_;
  j["name"] = d.name;
  j["change"] = d.change;
  j["reason"] = d.reason;
}

// Reads j[key] into v when present and of the right type; records the first problem in `error`.
class Reader {
 public:
  explicit Reader(const Json& j) : j_(j) {}
  template <class T>
  Reader& get(const char* key, T& v) {
    const auto it = j_.find(key);
    if (it == j_.end()) {
      fail(std::string("missing field '") + key + "'");
      return *this;
    }
    try {
      v = it->template get<T>();
    } catch (const Json::exception&) {
      fail(std::string("field '") + key + "' has the wrong type");
    }
    return *this;
  }
  const std::string& error() const { return error_; }

 private:
  void fail(std::string e) {
    if (error_.empty()) error_ = std::move(e);
  }
  const Json& j_;
  std::string error_;
};

std::optional<EventData> read_payload(const std::string& kind, const Json& j, Reader& r) {
  if (kind == "autoscaler_decision") {
    AutoscalerDecision d;
    r.get("revision", d.revision).get("desired_pods", d.desired_pods).get("excess_burst_capacity", d.excess_burst_capacity)
        .get("observed_stable", d.observed_stable).get("observed_panic", d.observed_panic).get("target", d.target)
        .get("ready_pods", d.ready_pods).get("panic", d.panic).get("reason", d.reason);
    return d;
  }
  if (kind == "pod_phase") {
    PodPhaseChange d;
    r.get("pod", d.pod).get("revision", d.revision).get("node", d.node).get("from", d.from).get("to", d.to)
        .get("reason", d.reason);
    return d;
  }
  if (kind == "mode_switch") {
    ModeSwitch d;
    r.get("revision", d.revision).get("mode", d.mode).get("reason", d.reason);
    return d;
  }
  if (kind == "panic_start" || kind == "panic_end") {
    PanicChange d;
    d.started = kind == "panic_start";
    r.get("revision", d.revision).get("reason", d.reason);
    return d;
  }
  if (kind == "traffic_change") {
    TrafficChange d;
    r.get("service", d.service).get("reason", d.reason);
    const auto it = j.find("targets");
    if (it == j.end() || !it->is_array()) return std::nullopt;
    for (const Json& t : *it) {
      TrafficTarget tt;
      Reader(t).get("revision", tt.revision).get("tag", tt.tag).get("percent", tt.percent);
      d.targets.push_back(tt);
    }
    return d;
  }
  if (kind == "node_fail" || kind == "node_recover") {
    NodeChange d;
    d.up = kind == "node_recover";
    r.get("node", d.node).get("pods_lost", d.pods_lost).get("requests_failed", d.requests_failed).get("reason", d.reason);
    return d;
  }
  if (kind == "timeline_action") {
    TimelineActionEvent d;
    r.get("action", d.action).get("detail", d.detail);
    return d;
  }
  if (kind == "request_failures") {
    RequestFailureSummary d;
    r.get("revision", d.revision).get("reason", d.reason).get("count", d.count).get("interval_s", d.interval_s);
    return d;
  }
  if (kind == "cold_start") {
    ColdStart d;
    r.get("revision", d.revision).get("pod", d.pod).get("delay_s", d.delay_s).get("requests", d.requests);
    return d;
  }
  if (kind == "scale") {
    ScaleEvent d;
    r.get("revision", d.revision).get("from_pods", d.from_pods).get("to_pods", d.to_pods).get("reason", d.reason);
    return d;
  }
  if (kind == "delivery_attempt") {
    DeliveryAttempt d;
    r.get("trigger", d.trigger).get("subscription", d.subscription).get("event_id", d.event_id);
    r.get("attempt", d.attempt).get("status", d.status).get("outcome", d.outcome);
    return d;
  }
  if (kind == "object_change") {
    ObjectChangeEvent d;
    r.get("api_version", d.api_version).get("object_kind", d.kind).get("namespace", d.namespace_);
    r.get("name", d.name).get("change", d.change).get("reason", d.reason);
    return d;
  }
  return std::nullopt;
}

}  // namespace

std::string_view Event::kind_name() const {
  return std::visit(
      Overloaded{[](const AutoscalerDecision&) -> std::string_view { return "autoscaler_decision"; },
                 [](const PodPhaseChange&) -> std::string_view { return "pod_phase"; },
                 [](const ModeSwitch&) -> std::string_view { return "mode_switch"; },
                 [](const PanicChange& p) -> std::string_view { return p.started ? "panic_start" : "panic_end"; },
                 [](const TrafficChange&) -> std::string_view { return "traffic_change"; },
                 [](const NodeChange& n) -> std::string_view { return n.up ? "node_recover" : "node_fail"; },
                 [](const TimelineActionEvent&) -> std::string_view { return "timeline_action"; },
                 [](const RequestFailureSummary&) -> std::string_view { return "request_failures"; },
                 [](const ColdStart&) -> std::string_view { return "cold_start"; },
                 [](const ScaleEvent&) -> std::string_view { return "scale"; },
                 [](const DeliveryAttempt&) -> std::string_view { return "delivery_attempt"; },
                 [](const ObjectChangeEvent&) -> std::string_view { return "object_change"; }},
      data);
}

nlohmann::ordered_json event_to_json(const Event& e) {
  OJson j;
  j["t_s"] = e.t_s;
  j["kind"] = std::string(e.kind_name());
  std::visit([&j](const auto& d) { payload(j, d); }, e.data);
  return j;
}

std::optional<Event> event_from_json(const nlohmann::json& j, std::string* error) {
  auto fail = [error](std::string e) -> std::optional<Event> {
    if (error) *error = std::move(e);
    return std::nullopt;
  };
  if (!j.is_object()) return fail("an event must be a JSON object");
  Event e;
  std::string kind;
  Reader r(j);
  r.get("t_s", e.t_s).get("kind", kind);
  if (!r.error().empty()) return fail(r.error());
  auto data = read_payload(kind, j, r);
  if (!data) return fail("unknown or malformed event kind '" + kind + "'");
  if (!r.error().empty()) return fail(kind + ": " + r.error());
  e.data = std::move(*data);
  return e;
}

}  // namespace knsim::reports
