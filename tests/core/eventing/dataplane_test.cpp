// Delivery decisions step by step (retries, Retry-After, dead letters), the broker reply loop's
// hop limit, channel subscriptions stages, and the civil-time helpers they rely on.
#include <gtest/gtest.h>

#include "core/eventing/broker_filter.hpp"
#include "core/eventing/broker_ingress.hpp"
#include "core/eventing/channel.hpp"
#include "core/eventing/civil_time.hpp"
#include "core/eventing/dispatcher.hpp"

namespace knsim::core::eventing {
namespace {

TEST(Dispatcher, RetriesThenDeadLetterWithTimeStepped) {
  DeliverySpec spec;
  spec.retry = 3, spec.backoff_policy = "exponential", spec.backoff_delay = "PT1S";
  RetryConfig cfg = retry_config_from_delivery_spec(spec).config;
  // Attempts at t = 0, 1, 3, 7 (waits 1, 2, 4); all 503; then the DLS.
  double t = 0;
  std::vector<double> attempt_times = {0};
  for (int made = 1;; ++made) {
    DispatchDecision d = next_dispatch_step(cfg, made, AttemptOutcome::http(503), true, t);
    if (d.action != DispatchAction::kRetry) {
      EXPECT_EQ(d.action, DispatchAction::kDeadLetter) << d.reason;
      EXPECT_EQ(made, 4);
      break;
    }
    t += d.wait;
    attempt_times.push_back(t);
  }
  EXPECT_EQ(attempt_times, (std::vector<double>{0, 1, 3, 7}));
  // A non-retryable 400 goes straight to the DLS; a 2xx is delivered; a timeout is retried.
  EXPECT_EQ(next_dispatch_step(cfg, 1, AttemptOutcome::http(400), true, 0).action, DispatchAction::kDeadLetter);
  EXPECT_EQ(next_dispatch_step(cfg, 1, AttemptOutcome::http(400), false, 0).action, DispatchAction::kLost);
  EXPECT_EQ(next_dispatch_step(cfg, 1, AttemptOutcome::http(202), false, 0).action, DispatchAction::kDelivered);
  EXPECT_EQ(next_dispatch_step(cfg, 1, AttemptOutcome::transport_failure(), false, 0).action, DispatchAction::kRetry);
}

TEST(Dispatcher, RetryAfterNeedsRetryAfterMax) {
  DeliverySpec spec;
  spec.retry = 2, spec.backoff_policy = "linear", spec.backoff_delay = "PT1S";
  RetryConfig cfg = retry_config_from_delivery_spec(spec).config;
  AttemptOutcome busy = AttemptOutcome::http(429, std::string("30"));
  EXPECT_EQ(next_dispatch_step(cfg, 2, busy, false, 0).wait, 1.0);  // Backoff(1) = 1 s; header ignored
  cfg.retry_after_max = 20;
  EXPECT_EQ(next_dispatch_step(cfg, 2, busy, false, 0).wait, 20.0);  // min(30, 20) > 1
  cfg.retry_after_max = 0;  // PT0S disables it
  EXPECT_EQ(next_dispatch_step(cfg, 2, busy, false, 0).wait, 1.0);
  cfg.retry_after_max = 100;
  EXPECT_EQ(wait_before_retry(cfg, 0, AttemptOutcome::http(500, std::string("30")), 0), 0.0);  // only 429/503
  EXPECT_EQ(parse_retry_after(std::string("Sun, 06 Nov 1994 08:49:37 GMT"), 784111770.0), 7.0);
  EXPECT_EQ(parse_retry_after(std::string("-5"), 0), 0.0);
}

TEST(Dispatcher, DeadLetterEventCarriesErrorExtensions) {
  CloudEvent e;
  e.id = "1", e.source = "/s", e.type = "t";
  std::string body(2000, 'x');
  CloudEvent dl = make_dead_letter_event(e, "http://sub.ns.svc", AttemptOutcome::http(503), body);
  EXPECT_EQ(dl.extension(kErrorDestExtension)->text, "http://sub.ns.svc");
  EXPECT_EQ(dl.extension(kErrorCodeExtension)->text, "503");
  EXPECT_EQ(dl.extension(kErrorDataExtension)->text.size(), kErrorDataMaxLength);
  EXPECT_EQ(make_dead_letter_event(e, "u", AttemptOutcome::transport_failure()).extension(kErrorCodeExtension)->text, "500");
  EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
  EXPECT_EQ(base64_encode("hi"), "aGk=");
}

// A subscriber that echoes every event makes replies re-enter ingress until the TTL runs out:
// 255 deliveries per original event, the 256th pass is rejected with 400.
TEST(BrokerLoop, EchoSubscriberStopsAtTtl) {
  TriggerRuntime trig{"ns", "echo", "uid", std::string("http://echo"), CompiledFilter::constant_result(FilterResult::kNoFilter)};
  IngressContext ctx;
  ctx.channel_address = "http://default-kne-trigger-kn-channel.ns";
  IngressRequest req;
  req.uri = "/ns/default";
  req.event = CloudEvent{};
  req.event->id = "1", req.event->source = "/s", req.event->type = "t";
  int deliveries = 0;
  for (int pass = 1; pass <= 300; ++pass) {
    IngressDecision in = broker_ingress_receive(req, ctx);
    if (!in.forward) {
      EXPECT_EQ(in.status, 400) << in.reason;
      EXPECT_EQ(pass, 256);
      break;
    }
    FilterDecision fd = broker_filter_receive(FilterRequest{"POST", "/triggers/ns/echo/uid", in.event, {}}, &trig);
    ASSERT_TRUE(fd.dispatch) << fd.reason;
    ++deliveries;
    FilterResponse fr = broker_filter_respond(reply_with_event(fd.event), fd.ttl, fd.subscriber_uri);
    ASSERT_TRUE(fr.reply.has_value()) << fr.reason;
    req.event = fr.reply;
  }
  EXPECT_EQ(deliveries, 255);
}

TEST(Channel, SubscriptionStagesAndStatuses) {
  StageTransition t = after_stage(DeliveryStage::kSubscriber, true, true, false, false);
  EXPECT_EQ(t.next, DeliveryStage::kDone);
  EXPECT_TRUE(t.succeeded);  // reply dropped without a reply destination
  EXPECT_EQ(after_stage(DeliveryStage::kSubscriber, true, true, true, false).next, DeliveryStage::kReply);
  EXPECT_EQ(after_stage(DeliveryStage::kReply, false, false, false, true).next, DeliveryStage::kDeadLetter);
  EXPECT_TRUE(after_stage(DeliveryStage::kDeadLetter, true, false, false, true).succeeded);
  EXPECT_FALSE(after_stage(DeliveryStage::kSubscriber, false, false, false, false).succeeded);
  EXPECT_EQ(channel_receive_status("GET", true, true), 405);
  EXPECT_EQ(channel_receive_status("POST", false, true), 404);
  EXPECT_EQ(channel_receive_status("POST", true, false), 400);
  EXPECT_EQ(channel_receive_status("POST", true, true), 0);
  EXPECT_EQ(channel_fanout_status(FanoutMode::kSync, false, {true, true}), 202);
  EXPECT_EQ(channel_fanout_status(FanoutMode::kSync, false, {true, false}), 500);
  EXPECT_EQ(channel_fanout_status(FanoutMode::kAsync, false, {false}), 202);
  CloudEvent reply;
  reply.id = "r", reply.source = "/s", reply.type = "t";
  EXPECT_TRUE(subscriber_reply(reply_with_event(reply, 202)).has_value());
  EXPECT_FALSE(subscriber_reply(reply_with_event(reply, 500)).has_value());
  HttpResponse text = empty_response(200);
  text.body_empty = false;
  text.body = "ok";
  text.headers["Content-Type"] = "text/plain";
  EXPECT_FALSE(subscriber_reply(text).has_value());  // dropped, not an error
  EXPECT_FALSE(subscriber_reply(empty_response(200)).has_value());
}

TEST(CivilTime, CalendarAndFormats) {
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(weekday_from_days(days_from_civil(2026, 1, 1)), 4);  // Thursday
  CivilTime c = civil_from_unix(951782400);                        // 2000-02-29
  EXPECT_EQ(c.month, 2);
  EXPECT_EQ(c.day, 29);
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1.5), "1970-01-01T00:00:01.5Z");
  std::int64_t t = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), t);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), t);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), t);
  EXPECT_EQ(format_http_date_rfc850(t), "Sunday, 06-Nov-94 08:49:37 GMT");
  EXPECT_FALSE(parse_http_date("FOO").has_value());
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT").has_value());
}

}  // namespace
}  // namespace knsim::core::eventing
