// PingSource (validation, schedule with time zone, jitter, event shape), ApiServerSource events,
// rate generators, and the Sequence / Parallel routing plans.
#include <gtest/gtest.h>

#include "core/eventing/civil_time.hpp"
#include "core/eventing/flows.hpp"
#include "core/eventing/json_check.hpp"
#include "core/eventing/sources.hpp"

namespace knsim::core::eventing {
namespace {

Destination uri(const std::string& u) { return Destination{std::nullopt, u}; }

std::string render(const api::FieldErrors& errs) {
  std::string out;
  for (const api::FieldError& e : errs) out += e.path + ": " + e.message + "\n";
  return out;
}

TEST(PingSource, Validation) {
  PingSourceSpec ok;
  ok.sink = uri("http://sink");
  EXPECT_EQ(render(validate_ping_source_spec(ok)), "");
  PingSourceSpec bad = ok;
  bad.schedule = "* * * *";
  EXPECT_EQ(render(validate_ping_source_spec(bad)), "spec.schedule: invalid value: expected 5 to 6 fields, found 4: [* * * *]\n");
  bad = ok;
  bad.timezone = "Mars/Olympus";
  EXPECT_EQ(render(validate_ping_source_spec(bad)).rfind("spec.timezone: invalid value: provided bad location Mars/Olympus", 0), 0u);
  bad = ok;
  bad.schedule = "@every 1m";
  EXPECT_EQ(render(validate_ping_source_spec(bad)), "spec.schedule: invalid value: @every 1m\n");
  bad = ok;
  bad.data = "{}", bad.data_base64 = "e30=";
  bad.sink = Destination{};
  EXPECT_EQ(render(validate_ping_source_spec(bad)),
            "spec.data, spec.dataBase64: expected exactly one, got both\n"
            "spec.sink.ref, spec.sink.uri: expected at least one, got none\n");
}

TEST(PingSource, DataValidation) {
  PingSourceSpec spec;
  spec.sink = uri("http://sink");
  spec.content_type = "application/json";
  spec.data = "{\"a\": [1, 2.5e3, true, null, \"x\\u00e9\"]}";
  EXPECT_EQ(render(validate_ping_source_spec(spec)), "");
  spec.data = "{a: 1}";
  EXPECT_EQ(render(validate_ping_source_spec(spec)), "spec.data: invalid value: {a: 1}\n");
  spec.content_type = "text/plain";
  EXPECT_EQ(render(validate_ping_source_spec(spec)), "");
  EXPECT_EQ(render(validate_ping_source_spec(spec, 3)), "spec.data: invalid value: 6\n");
  spec.data.clear();
  spec.data_base64 = "not base64!";
  EXPECT_EQ(render(validate_ping_source_spec(spec)), "spec.dataBase64: invalid value: not base64!\n");
  for (const char* ok : {"{}", "[]", "0", "-1.5E+3", "\"s\"", " {\"k\":{\"n\":[]}} ", "true"}) {
    EXPECT_TRUE(is_valid_json(ok)) << ok;
  }
  for (const char* bad : {"", "{", "[1,]", "01", "{\"a\" 1}", "tru", "\"\\x\"", "1 2", "{\"a\":1,}", ".5"}) {
    EXPECT_FALSE(is_valid_json(bad)) << bad;
  }
  EXPECT_TRUE(is_valid_base64("aGVsbG8="));
  EXPECT_FALSE(is_valid_base64("aGVsbG8"));
}

TEST(PingSource, TicksJitterAndEvent) {
  PingSourceSpec spec;
  spec.schedule = "0 9 * * *";
  spec.timezone = "Asia/Tokyo";
  spec.content_type = "application/json";
  spec.data = "{\"hello\":1}";
  spec.ce_overrides = {{"team", "blue"}};
  CronParseResult sched = ping_schedule(spec);
  ASSERT_TRUE(sched.schedule.has_value()) << sched.error;
  double t = static_cast<double>(unix_from_civil({2026, 3, 1, 0, 0, 1}));
  std::optional<std::int64_t> tick = sched.schedule->next(t);
  ASSERT_TRUE(tick.has_value());
  EXPECT_EQ(format_rfc3339(static_cast<double>(*tick)), "2026-03-02T00:00:00Z");  // 09:00 JST

  Rng rng(7);
  Rng same(7);
  for (int i = 0; i < 1000; ++i) {
    Seconds j = ping_jitter(rng);
    EXPECT_GE(j, 0.0);
    EXPECT_LE(j, 0.499);
    EXPECT_EQ(j, ping_jitter(same));  // deterministic per seed
    EXPECT_EQ(std::fmod(j * 1000.0, 1.0), 0.0);  // whole milliseconds
  }
  std::string id = random_uuid(rng);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  CloudEvent e = make_ping_event(spec, "ns", "heartbeat", id, static_cast<double>(*tick));
  EXPECT_EQ(e.type, "dev.knative.sources.ping");
  EXPECT_EQ(e.source, "/apis/v1/namespaces/ns/pingsources/heartbeat");
  EXPECT_EQ(e.datacontenttype, "application/json");
  EXPECT_EQ(e.data_size, 11);
  EXPECT_EQ(e.extension("team")->text, "blue");
  EXPECT_TRUE(validate_event(e).empty());
  PingSourceSpec b64;
  b64.data_base64 = "aGVsbG8=";
  EXPECT_EQ(make_ping_event(b64, "ns", "p", "1", 0).data_size, 5);
}

TEST(ApiServerSource, EventShapes) {
  ObjectChangeInput pod{"v1", "Pod", "pods", "web-1", "default", 4096};
  CloudEvent ref = make_apiserver_event(ApiServerMode::kReference, ObjectChange::kAdd, pod, "https://10.96.0.1:443", "id1");
  EXPECT_EQ(ref.type, "dev.knative.apiserver.ref.add");
  EXPECT_EQ(ref.source, "https://10.96.0.1:443");
  EXPECT_EQ(ref.subject, "/apis/v1/namespaces/default/pods/web-1");
  EXPECT_EQ(ref.extension("kind")->text, "Pod");
  EXPECT_EQ(ref.extension("apiversion")->text, "v1");
  EXPECT_EQ(ref.extension("name")->text, "web-1");
  EXPECT_EQ(ref.extension("namespace")->text, "default");
  // {"apiVersion":"v1","kind":"Pod","name":"web-1","namespace":"default"}
  EXPECT_EQ(ref.data_size, 69);
  CloudEvent res = make_apiserver_event(ApiServerMode::kResource, ObjectChange::kDelete, pod, "h", "id2");
  EXPECT_EQ(res.type, "dev.knative.apiserver.resource.delete");
  EXPECT_EQ(res.data_size, 4096);
  EXPECT_EQ(kApiServerResyncPeriod, 36000.0);
}

TEST(Sources, AdapterRetriesAndRateGenerator) {
  EXPECT_EQ(adapter_backoff_schedule(), (std::vector<Seconds>{0.1, 0.2, 0.4, 0.8, 1.6}));
  EXPECT_FALSE(adapter_should_retry(AttemptOutcome::http(500)));
  // A sink answering 503 forever: 6 attempts, waits 0.1 .. 1.6 s, then lost; 500 is lost at once.
  std::vector<Seconds> waits;
  int made = 1;
  for (;; ++made) {
    DispatchDecision d = next_adapter_step(made, AttemptOutcome::http(503));
    if (d.action != DispatchAction::kRetry) {
      EXPECT_EQ(d.action, DispatchAction::kLost);
      break;
    }
    waits.push_back(d.wait);
  }
  EXPECT_EQ(made, 6);
  EXPECT_EQ(waits, adapter_backoff_schedule());
  EXPECT_EQ(next_adapter_step(1, AttemptOutcome::http(500)).action, DispatchAction::kLost);
  EXPECT_EQ(next_adapter_step(3, AttemptOutcome::http(202)).action, DispatchAction::kDelivered);
  EXPECT_TRUE(adapter_should_retry(AttemptOutcome::transport_failure()));
  RateGenerator even{4.0, false};
  Rng rng(1);
  EXPECT_DOUBLE_EQ(*even.next_after(10.0, rng), 10.25);
  RateGenerator poisson{2.0, true};
  double t = 0;
  int n = 0;
  while ((t = *poisson.next_after(t, rng)) < 5000.0) ++n;
  EXPECT_NEAR(n / 5000.0, 2.0, 0.1);
  EXPECT_FALSE((RateGenerator{0.0, true}.next_after(0, rng)).has_value());
}

TEST(Flows, SequencePlan) {
  std::vector<SequenceStep> steps = {{uri("http://a"), std::nullopt}, {uri("http://b"), DeliverySpec{}}, {uri("http://c"), std::nullopt}};
  FlowPlan p = plan_sequence("seq", steps, uri("http://done"));
  EXPECT_EQ(p.channels, (std::vector<std::string>{"seq-kn-sequence-0", "seq-kn-sequence-1", "seq-kn-sequence-2"}));
  EXPECT_EQ(p.address_channel, "seq-kn-sequence-0");
  ASSERT_EQ(p.subscriptions.size(), 3u);
  EXPECT_EQ(p.subscriptions[0].subscriber.destination->uri, "http://a");
  EXPECT_EQ(p.subscriptions[0].reply->channel, "seq-kn-sequence-1");
  EXPECT_TRUE(p.subscriptions[1].delivery.has_value());
  EXPECT_EQ(p.subscriptions[2].reply->destination->uri, "http://done");
  EXPECT_FALSE(plan_sequence("s", steps, std::nullopt).subscriptions[2].reply.has_value());
}

TEST(Flows, ParallelPlan) {
  std::vector<ParallelBranch> branches = {{uri("http://f0"), uri("http://s0"), std::nullopt, std::nullopt},
                                          {std::nullopt, uri("http://s1"), uri("http://r1"), std::nullopt}};
  FlowPlan p = plan_parallel("par", branches, uri("http://all"));
  EXPECT_EQ(p.channels, (std::vector<std::string>{"par-kn-parallel", "par-kn-parallel-0", "par-kn-parallel-1"}));
  EXPECT_EQ(p.address_channel, "par-kn-parallel");
  ASSERT_EQ(p.subscriptions.size(), 4u);
  EXPECT_EQ(p.subscriptions[0].name, "par-kn-parallel-filter-0");
  EXPECT_EQ(p.subscriptions[0].subscriber.destination->uri, "http://f0");
  EXPECT_EQ(p.subscriptions[0].reply->channel, "par-kn-parallel-0");
  EXPECT_EQ(p.subscriptions[1].reply->destination->uri, "http://all");  // spec.reply fallback
  EXPECT_EQ(p.subscriptions[2].subscriber.channel, "par-kn-parallel-1");  // no filter: straight through
  EXPECT_FALSE(p.subscriptions[2].reply.has_value());
  EXPECT_EQ(p.subscriptions[3].reply->destination->uri, "http://r1");
}

}  // namespace
}  // namespace knsim::core::eventing
