// The HTTP-behaviour cases of knative-eventing-tests.json: broker_filter_handler (33),
// broker_ingress_handler (12) and channel_fanout (18), run through the decision functions with the
// subscriber / channel / replier answers the Knative tests configure.
#include <gtest/gtest.h>

#include <functional>

#include "core/eventing/broker_filter.hpp"
#include "core/eventing/broker_ingress.hpp"
#include "core/eventing/channel.hpp"
#include "core/eventing/dispatcher.hpp"
#include "tests/core/eventing/vector_support.hpp"

namespace knsim::test::eventing {
namespace ev = knsim::core::eventing;
using nlohmann::json;

namespace {

ev::Headers headers_from_json(const json& j) {
  ev::Headers h;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) h[it.key()] = it.value().get<std::string>();
  }
  return h;
}

// "request headers: foo=bar, Traceparent=0, ..., Content-Type=application/cloudevents+json (structured)"
ev::Headers headers_from_note(const std::string& note) {
  ev::Headers h;
  const std::string marker = "request headers: ";
  std::size_t p = note.find(marker);
  if (p == std::string::npos) return h;
  std::string rest = note.substr(p + marker.size());
  while (!rest.empty()) {
    std::size_t comma = rest.find(", ");
    std::string item = rest.substr(0, comma);
    std::size_t eq = item.find('=');
    std::string value = item.substr(eq + 1);
    value = value.substr(0, value.find(" ("));
    h[item.substr(0, eq)] = value;
    if (comma == std::string::npos) break;
    rest = rest.substr(comma + 2);
  }
  return h;
}

// makeDifferentEvent() of filter_handler_test.go: a valid event distinct from the request.
ev::CloudEvent different_event() {
  ev::CloudEvent e;
  e.id = "another-id";
  e.source = "another-source";
  e.type = "com.example.someotherevent";
  return e;
}

ev::HttpResponse subscriber_response(const json& j) {
  ev::HttpResponse r;
  r.status = j.value("status", 200);
  r.headers = headers_from_json(j.value("headers", json::object()));
  if (j.contains("event")) {
    ev::CloudEvent e = j["event"].is_string() ? different_event() : event_from_json(j["event"]);
    r = ev::reply_with_event(e, r.status);
    for (const auto& [k, v] : headers_from_json(j.value("headers", json::object()))) r.headers[k] = v;
    return r;
  }
  const json& body = j.value("body", json());
  r.body_empty = body.is_null() || body.get<std::string>().empty();
  if (!r.body_empty) r.body = body.get<std::string>();
  // A structured body "{}" is an event that does not parse: r.event stays empty (malformed).
  return r;
}

std::optional<ev::TriggerRuntime> trigger_from_json(const json& j) {
  if (j.is_null()) return std::nullopt;
  ev::TriggerRuntime t;
  t.namespace_name = j["namespace"].get<std::string>();
  t.name = j["name"].get<std::string>();
  t.uid = j["uid"].get<std::string>();
  if (!j["subscriberUri"].is_null()) t.subscriber_uri = "http://subscriber.test/";
  std::optional<ev::TriggerFilter> filter;
  const json& f = j["spec"]["filter"];
  if (!f.is_null()) {
    filter.emplace();
    if (f.contains("attributes") && !f["attributes"].is_null()) {
      filter->attributes.emplace();
      for (auto it = f["attributes"].begin(); it != f["attributes"].end(); ++it) {
        (*filter->attributes)[it.key()] = it.value().get<std::string>();
      }
    }
  }
  std::vector<ev::SubscriptionsApiFilter> filters;
  for (const auto& x : j.value("filters", json::array())) filters.push_back(*api_filter_from_json(x));
  t.filter = ev::compile_trigger_filter(filter, filters);
  return t;
}

}  // namespace

TEST(EventingHandlerVectors, BrokerFilter) {
  auto cases = load_vectors("broker_filter_handler");
  ASSERT_GE(cases.size(), 1u);  // 33 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    const json& ex = c["expect"];
    std::optional<ev::TriggerRuntime> trigger = trigger_from_json(in["trigger"]);
    ev::FilterRequest req;
    req.method = in["method"].get<std::string>();
    req.path = in["path"].get<std::string>();
    req.event = event_from_json(in["event"]);
    req.headers = headers_from_note(in.value("note", ""));
    ev::FilterDecision d = ev::broker_filter_receive(req, trigger ? &*trigger : nullptr);
    EXPECT_EQ(d.dispatch, ex["dispatched"].get<bool>()) << d.reason;
    int status = d.status;
    ev::FilterResponse resp;
    if (d.dispatch) {
      EXPECT_FALSE(d.event.extension(ev::kTtlExtension)) << "TTL must be stripped before the subscriber";
      resp = ev::broker_filter_respond(subscriber_response(in["subscriber_response"]), d.ttl, d.subscriber_uri);
      status = resp.status;
    }
    if (ex.contains("status")) { EXPECT_EQ(status, ex["status"].get<int>()) << d.reason << " / " << resp.reason; }
    if (ex.contains("status_per_code")) { EXPECT_EQ(status, ex["status_per_code"].get<int>()) << d.reason; }
    if (ex.contains("response_event")) {
      ASSERT_TRUE(resp.reply.has_value()) << resp.reason;
      EXPECT_EQ(resp.reply->type, ex["response_event"]["type"].get<std::string>());
      EXPECT_EQ(resp.reply->source, ex["response_event"]["source"].get<std::string>());
      EXPECT_EQ(resp.reply->id, ex["response_event"]["id"].get<std::string>());
      EXPECT_EQ(ev::get_ttl(*resp.reply), ex["response_event"]["extensions"]["knativebrokerttl"].get<long long>());
    }
    for (const auto& [k, v] : headers_from_json(ex.value("subscriber_request_headers_include", json::object()))) {
      EXPECT_EQ(ev::header(d.subscriber_headers, k).value_or("<absent>"), v) << k;
    }
    if (ex.contains("subscriber_request_headers_exclude")) {
      EXPECT_FALSE(ev::header(d.subscriber_headers, "foo"));
      EXPECT_FALSE(ev::header(d.subscriber_headers, "Traceparent"));
      for (const auto& [k, v] : d.subscriber_headers) EXPECT_EQ(k.find("knativebrokerttl"), std::string::npos);
    }
    for (const auto& [k, v] : headers_from_json(ex.value("response_headers_include", json::object()))) {
      EXPECT_EQ(ev::header(resp.headers, k).value_or("<absent>"), v) << k;
    }
    for (const auto& k : ex.value("response_headers_exclude", json::array())) {
      EXPECT_FALSE(ev::header(resp.headers, k.get<std::string>())) << k;
    }
  }
}

TEST(EventingHandlerVectors, BrokerIngress) {
  auto cases = load_vectors("broker_ingress_handler");
  ASSERT_GE(cases.size(), 1u);  // 12 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    const json& ex = c["expect"];
    ev::IngressRequest req;
    req.method = in["method"].get<std::string>();
    req.uri = in["uri"].get<std::string>();
    req.headers = headers_from_json(in.value("request_headers", json::object()));
    ev::CloudEvent good;
    good.id = "1234", good.source = "/mycontext", good.type = "com.example.someevent";
    std::string body = in.value("body", "");
    if (body == "not an event") {
      req.event = std::nullopt;
    } else if (body == "getInvalidEvent()") {
      req.event = good;
      req.event->id.clear();  // fails event.Validate()
    } else {
      req.event = good;
    }
    ev::IngressContext ctx;
    ctx.broker_exists = in.value("broker_exists", true);
    ctx.now_unix = 1'566'862'697.0;
    if (!in.contains("ttl_defaulter")) ctx.default_ttl = 100;
    else if (in["ttl_defaulter"].is_null()) ctx.default_ttl = std::nullopt;
    else ctx.default_ttl = in["ttl_defaulter"].get<int>();
    if (!(in.contains("broker_status_annotations") && in["broker_status_annotations"].is_null())) {
      ctx.channel_address = "http://name-kne-trigger-kn-channel.ns.svc.cluster.local";
    }
    ev::IngressDecision d = ev::broker_ingress_receive(req, ctx);
    int status = d.status;
    if (d.forward) {
      EXPECT_EQ(ev::get_ttl(d.event), 100) << "no incoming TTL: the defaulter sets it";
      EXPECT_TRUE(d.event.extension(ev::kArrivalTimeExtension));
      status = ev::broker_ingress_response(ev::AttemptOutcome::http(in.value("channel_response", 202)));
    }
    EXPECT_EQ(status, ex["status"].get<int>()) << d.reason;
    for (const auto& [k, v] : headers_from_json(ex.value("headers_include", json::object()))) {
      EXPECT_EQ(ev::header(d.response_headers, k).value_or("<absent>"), v) << k;
    }
    for (const auto& [k, v] : headers_from_json(ex.value("channel_request_headers_include", json::object()))) {
      EXPECT_EQ(ev::header(d.forward_headers, k).value_or("<absent>"), v) << k;
    }
    if (ex.contains("channel_request_headers_include")) { EXPECT_FALSE(ev::header(d.forward_headers, "foo")); }
  }
}

namespace {

// One stage of a subscription (a destination that answers `status_for(call)` on every attempt)
// with the vector's retry config (null -> NoRetries). `calls` counts the destination's calls.
bool run_stage(const ev::RetryConfig& cfg, const std::function<int(int)>& status_for, int& calls) {
  for (int made = 1;; ++made) {
    ev::DispatchDecision d = ev::next_dispatch_step(cfg, made, ev::AttemptOutcome::http(status_for(calls++)), false, 0);
    if (d.action != ev::DispatchAction::kRetry) return d.action == ev::DispatchAction::kDelivered;
  }
}

// The answers the Knative test doubles give: a status, "first call 202, later calls 403
// [succeedOnce]", or "<status> with ... CloudEvent ..." (a success carrying a reply event).
int status_of(const json& answer, int call) {
  if (answer.is_number_integer()) return answer.get<int>();
  std::string s = answer.get<std::string>();
  if (s.rfind("first call ", 0) == 0) {
    int first = std::stoi(s.substr(11));
    std::size_t later = s.find("later calls ");
    return call == 0 ? first : std::stoi(s.substr(later + 12));
  }
  if (!s.empty() && s[0] >= '1' && s[0] <= '9') return std::stoi(s);
  return 200;
}

// "sleeps 1s then 202" -> 1.0 (seconds the subscriber takes), 0 when it answers at once.
double sleep_of(const json& answer) {
  if (!answer.is_string()) return 0;
  std::string s = answer.get<std::string>();
  if (s.rfind("sleeps ", 0) != 0) return 0;
  std::size_t unit = s.find_first_not_of("0123456789.", 7);
  double v = std::stod(s.substr(7, unit - 7));
  return s.compare(unit, 2, "ms") == 0 ? v / 1000.0 : v;
}

}  // namespace

TEST(EventingHandlerVectors, ChannelFanout) {
  auto cases = load_vectors("channel_fanout");
  ASSERT_GE(cases.size(), 1u);  // 18 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    ev::FanoutMode mode = in["mode"] == "sync" ? ev::FanoutMode::kSync : ev::FanoutMode::kAsync;
    bool receiver_error = in.value("receiver_func", "") == "returns error";
    std::vector<ev::SubscriptionResult> results;
    int replier_calls = 0;
    ev::RetryConfig cfg = ev::no_retries();
    if (in.contains("retry_config") && !in["retry_config"].is_null()) {
      ev::RetryConfigResult r = ev::retry_config_from_delivery_spec(delivery_from_json(in["retry_config"]));
      ASSERT_TRUE(r.ok()) << r.error;
      cfg = r.config;
    }
    const double guard = in.contains("fanout_timeout_ms") ? in["fanout_timeout_ms"].get<double>() / 1000.0
                                                          : ev::kFanoutTimeout;
    for (int s = 0; s < in.value("subs", 0); ++s) {
      const json& sub = in.value("subscriber", json());
      if (sleep_of(sub) > guard) {  // still running when the fan-out guard expires
        results.push_back(std::nullopt);
        continue;
      }
      std::string text = sub.is_string() ? sub.get<std::string>() : "";
      bool has_reply_event = text.find("CloudEvent") != std::string::npos;
      int subscriber_calls = 0;
      bool ok = run_stage(cfg, [&](int call) { return status_of(sub.is_null() ? json(202) : sub, call); }, subscriber_calls);
      ev::StageTransition t = ev::after_stage(ev::DeliveryStage::kSubscriber, ok, has_reply_event, in.value("reply", false), false);
      if (t.next == ev::DeliveryStage::kReply) {
        bool reply_ok = run_stage(cfg, [&](int call) { return status_of(in["replier"], call); }, replier_calls);
        t = ev::after_stage(ev::DeliveryStage::kReply, reply_ok, false, false, false);
      }
      ASSERT_EQ(t.next, ev::DeliveryStage::kDone);
      results.push_back(t.succeeded);
    }
    EXPECT_EQ(ev::channel_fanout_status(mode, receiver_error, results), c["expect"]["channel_status"].get<int>());
  }
}

}  // namespace knsim::test::eventing
