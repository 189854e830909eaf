#include "reports/events.hpp"

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "core/text/whole_number.hpp"

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

// One field list per event type, used both ways (writing events.jsonl / stream lines and reading
// them back in the GUI), so a field's JSON name is written down once. `f(name, member)` is called
// in the JSON key order; D is the type or its const version.
template <class D, class T>
concept Is = std::same_as<std::remove_const_t<D>, T>;

template <class D, class F> requires Is<D, AutoscalerDecision>
void fields(D& d, F&& f) {
  f("revision", d.revision), f("desired_pods", d.desired_pods), f("excess_burst_capacity", d.excess_burst_capacity);
  f("observed_stable", d.observed_stable), f("observed_panic", d.observed_panic), f("target", d.target);
  f("ready_pods", d.ready_pods), f("panic", d.panic), f("reason", d.reason);
}
template <class D, class F> requires Is<D, PodPhaseChange>
void fields(D& d, F&& f) {
  f("pod", d.pod), f("revision", d.revision), f("node", d.node), f("from", d.from), f("to", d.to);
  f("reason", d.reason);
}
template <class D, class F> requires Is<D, ModeSwitch>
void fields(D& d, F&& f) { f("revision", d.revision), f("mode", d.mode), f("reason", d.reason); }
template <class D, class F> requires Is<D, PanicChange>  // `started` is the kind (panic_start/_end)
void fields(D& d, F&& f) { f("revision", d.revision), f("reason", d.reason); }
template <class D, class F> requires Is<D, TrafficTarget>
void fields(D& d, F&& f) { f("revision", d.revision), f("tag", d.tag), f("percent", d.percent); }
template <class D, class F> requires Is<D, TrafficChange>
void fields(D& d, F&& f) { f("service", d.service), f("targets", d.targets), f("reason", d.reason); }
template <class D, class F> requires Is<D, NodeChange>  // `up` is the kind (node_recover/node_fail)
void fields(D& d, F&& f) {
  f("node", d.node), f("pods_lost", d.pods_lost), f("requests_failed", d.requests_failed), f("reason", d.reason);
}
template <class D, class F> requires Is<D, TimelineActionEvent>
void fields(D& d, F&& f) { f("action", d.action), f("detail", d.detail); }
template <class D, class F> requires Is<D, RequestFailureSummary>
void fields(D& d, F&& f) { f("revision", d.revision), f("reason", d.reason), f("count", d.count), f("interval_s", d.interval_s); }
template <class D, class F> requires Is<D, ColdStart>
void fields(D& d, F&& f) { f("revision", d.revision), f("pod", d.pod), f("delay_s", d.delay_s), f("requests", d.requests); }
template <class D, class F> requires Is<D, ScaleEvent>
void fields(D& d, F&& f) {
  f("revision", d.revision), f("from_pods", d.from_pods), f("to_pods", d.to_pods), f("reason", d.reason);
}
template <class D, class F> requires Is<D, DeliveryAttempt>
void fields(D& d, F&& f) {
  f("trigger", d.trigger), f("subscription", d.subscription), f("event_id", d.event_id), f("attempt", d.attempt);
  f("status", d.status), f("outcome", d.outcome);
}
template <class D, class F> requires Is<D, ObjectChangeEvent>
void fields(D& d, F&& f) {
  f("api_version", d.api_version), f("object_kind", d.kind), f("namespace", d.namespace_name), f("name", d.name);
  f("change", d.change), f("reason", d.reason);
}

template <class T>
OJson to_object(const T& d);

// Writes each field; a list of structs (traffic targets) becomes an array of objects.
struct Writer {
  OJson& j;
  template <class V>
  void operator()(const char* key, const V& v) const {
    if constexpr (requires { v.begin(); fields(*v.begin(), [](const char*, const auto&) {}); }) {
      OJson a = OJson::array();
      for (const auto& x : v) a.push_back(to_object(x));
      j[key] = std::move(a);
    } else {
      j[key] = v;
    }
  }
};

template <class T>
OJson to_object(const T& d) {
  OJson j = OJson::object();
  fields(d, Writer{j});
  return j;
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
    if constexpr (requires { v.push_back({}); fields(v.front(), [](const char*, auto&) {}); }) {
      if (!it->is_array()) {
        fail(std::string("field '") + key + "' must be an array");
        return *this;
      }
      for (const Json& x : *it) {
        typename T::value_type item;
        Reader sub(x);
        fields(item, [&sub](const char* k, auto& m) { sub.get(k, m); });
        if (!sub.error().empty()) fail(std::string(key) + ": " + sub.error());
        v.push_back(std::move(item));
      }
    } else {
      try {
        v = it->template get<T>();
      } catch (const Json::exception&) {
        fail(std::string("field '") + key + "' has the wrong type");
      }
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

template <class T>
EventData read_as(Reader& r, T d = {}) {
  fields(d, [&r](const char* key, auto& member) { r.get(key, member); });
  return d;
}

std::optional<EventData> read_payload(const std::string& kind, Reader& r) {
  if (kind == "autoscaler_decision") return read_as<AutoscalerDecision>(r);
  if (kind == "pod_phase") return read_as<PodPhaseChange>(r);
  if (kind == "mode_switch") return read_as<ModeSwitch>(r);
  if (kind == "panic_start" || kind == "panic_end") {
    PanicChange d;
    d.started = kind == "panic_start";
    return read_as(r, d);
  }
  if (kind == "traffic_change") return read_as<TrafficChange>(r);
  if (kind == "node_fail" || kind == "node_recover") {
    NodeChange d;
    d.up = kind == "node_recover";
    return read_as(r, d);
  }
  if (kind == "timeline_action") return read_as<TimelineActionEvent>(r);
  if (kind == "request_failures") return read_as<RequestFailureSummary>(r);
  if (kind == "cold_start") return read_as<ColdStart>(r);
  if (kind == "scale") return read_as<ScaleEvent>(r);
  if (kind == "delivery_attempt") return read_as<DeliveryAttempt>(r);
  if (kind == "object_change") return read_as<ObjectChangeEvent>(r);
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

namespace {

// A string nlohmann writes as it is: printable ASCII (0x20..0x7e) without a quote or a backslash.
// Eight bytes at a time (every event's reason goes through here: a scalar loop was a quarter of
// the time spent writing events.jsonl). With k = 0x0101...01: any_zero(v) is non-zero exactly
// when a byte of v is 0; any_below(x, n) exactly when a byte of x below 0x80 is below n. The last
// 1-7 bytes are checked as eight too, padded with spaces (plain): a byte at a time, the tails of
// an event's six short strings cost more than their bodies.
bool plain(const std::string& s) {
  constexpr std::uint64_t k = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto any_zero = [](std::uint64_t v) { return (v - k) & ~v & kHigh; };
  auto any_below = [](std::uint64_t x, std::uint64_t n) { return (x - k * n) & ~x & kHigh; };
  auto special = [&](std::uint64_t x) {
    return (x & kHigh) | any_below(x, 0x20) | any_zero(x ^ (k * 0x7f)) | any_zero(x ^ (k * '"')) |
           any_zero(x ^ (k * '\\'));
  };
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    if (special(x)) return false;
  }
  if (i == n) return true;
  std::uint64_t x = k * ' ';
  std::memcpy(&x, p + i, n - i);
  return !special(x);
}

// A number as nlohmann's serializer writes it (Grisu2 shortest round trip; null when not finite).
// Whole numbers below 1e15, most of the events' numbers, take core::text's shortcut (same text).
void append_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (core::text::append_whole_number(out, v)) return;
  char buf[64];
  out.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, v));
}

// fields() straight to text. A field it does not write itself (a nested list, a string that needs
// escaping) clears `ok`: the caller then falls back to event_to_json.
struct TextWriter {
  std::string& out;
  bool ok = true;
  // The key's length is known at compile time (fields() passes literals): one append, no strlen.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    char buf[N + 4];
    buf[0] = ',';
    buf[1] = '"';
    std::memcpy(buf + 2, k, N - 1);
    buf[N + 1] = '"';
    buf[N + 2] = ':';
    out.append(buf, N + 3);
  }
  template <std::size_t N, class V>
  void operator()(const char (&k)[N], const V& v) {
    if (!ok) return;
    if constexpr (std::is_same_v<V, std::string>) {
      if (!plain(v)) {
        ok = false;
        return;
      }
      key(k);
      out += '"';
      out += v;
      out += '"';
    } else if constexpr (std::is_same_v<V, bool>) {
      key(k);
      out += v ? "true" : "false";
    } else if constexpr (std::is_floating_point_v<V>) {
      key(k);
      append_number(out, static_cast<double>(v));
    } else if constexpr (std::is_integral_v<V>) {
      key(k);
      char buf[24];
      out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    } else {
      ok = false;
    }
  }
};

}  // namespace

void append_event_json(const Event& e, std::string& out) {
  const std::size_t start = out.size();
  out += "{\"t_s\":";
  append_number(out, e.t_s);
  out += ",\"kind\":\"";
  out += e.kind_name();
  out += '"';
  TextWriter w{out};
  std::visit([&w](const auto& d) { fields(d, w); }, e.data);
  if (w.ok) {
    out += '}';
    return;
  }
  out.resize(start);
  out += event_to_json(e).dump();
}

nlohmann::ordered_json event_to_json(const Event& e) {
  OJson j;
  j["t_s"] = e.t_s;
  j["kind"] = std::string(e.kind_name());
  std::visit([&j](const auto& d) { fields(d, Writer{j}); }, e.data);
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
  auto data = read_payload(kind, r);
  if (!data) return fail("unknown or malformed event kind '" + kind + "'");
  if (!r.error().empty()) return fail(kind + ": " + r.error());
  e.data = std::move(*data);
  return e;
}

}  // namespace knsim::reports
