// The delivery cases of knative-eventing-tests.json: backoff (22), retry_config (7),
// retry_decision (19), retry_after_backoff (18), ttl (5) and backoff_schedule (4).
#include <gtest/gtest.h>

#include "core/eventing/civil_time.hpp"
#include "core/eventing/dispatcher.hpp"
#include "core/eventing/sources.hpp"
#include "tests/core/eventing/vector_support.hpp"

namespace knsim::test::eventing {
namespace ev = knsim::core::eventing;
using nlohmann::json;

namespace {
long long ms(double s) { return std::llround(s * 1000.0); }
}  // namespace

TEST(EventingDeliveryVectors, Backoff) {
  auto cases = load_vectors("backoff");
  ASSERT_GE(cases.size(), 1u);  // 22 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    const json& ex = c["expect"];
    ev::RetryConfig cfg;
    if (in["delivery"].is_null()) {
      cfg = ev::no_retries();
      if (ex.contains("checkRetry(nil,nil)")) {
        EXPECT_FALSE(cfg.selective_retry);
        ev::AttemptOutcome nothing;
        nothing.response_present = false;
        EXPECT_NE(ev::next_dispatch_step(cfg, 1, nothing, false, 0).action, ev::DispatchAction::kRetry);
      }
      if (ex.contains("retryAfterMax")) { EXPECT_FALSE(cfg.retry_after_max.has_value()); }
    } else {
      ev::RetryConfigResult r = ev::retry_config_from_delivery_spec(delivery_from_json(in["delivery"]));
      ASSERT_TRUE(r.ok()) << r.error;
      cfg = r.config;
    }
    EXPECT_EQ(ms(cfg.backoff(in["attemptNum"].get<int>())), ex["backoff_ms"].get<long long>());
    if (ex.contains("retryMax")) { EXPECT_EQ(cfg.retry_max, ex["retryMax"].get<int>()); }
    if (ex.contains("requestTimeout_ms")) { EXPECT_EQ(ms(cfg.request_timeout.value_or(-1)), ex["requestTimeout_ms"].get<long long>()); }
    if (ex.contains("retryAfterMax_ms")) { EXPECT_EQ(ms(cfg.retry_after_max.value_or(-1)), ex["retryAfterMax_ms"].get<long long>()); }
  }
}

TEST(EventingDeliveryVectors, RetryConfig) {
  auto cases = load_vectors("retry_config");
  ASSERT_GE(cases.size(), 1u);  // 7 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    ev::RetryConfigResult r = ev::retry_config_from_delivery_spec(delivery_from_json(c["input"]["delivery"]));
    EXPECT_EQ(!r.ok(), c["expect"]["error"].get<bool>()) << r.error;
    if (c["expect"].contains("retryMax")) { EXPECT_EQ(r.config.retry_max, c["expect"]["retryMax"].get<int>()); }
    if (c["expect"].contains("checkRetry_non_nil")) { EXPECT_TRUE(r.config.selective_retry); }
  }
}

TEST(EventingDeliveryVectors, SelectiveRetry) {
  auto cases = load_vectors("retry_decision");
  ASSERT_GE(cases.size(), 1u);  // 19 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    ev::AttemptOutcome o;
    o.response_present = in["response_present"].get<bool>();
    o.transport_error = in["transport_error"].get<bool>();
    o.status = in["status"].is_null() ? 0 : in["status"].get<int>();
    EXPECT_EQ(ev::selective_retry(o), c["expect"]["retry"].get<bool>());
  }
}

TEST(EventingDeliveryVectors, RetryAfterBackoff) {
  auto cases = load_vectors("retry_after_backoff");
  ASSERT_GE(cases.size(), 1u);  // 18 in the shipped file
  const double now = 1'700'000'000.0;  // the instant the simulated request completes
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    ev::RetryConfig cfg;
    cfg.selective_retry = true;
    cfg.retry_max = 5;
    // "normal_backoff_s": a linear backoff whose Backoff(attemptNum) is that value.
    cfg.backoff_policy = ev::BackoffPolicy::kLinear;
    cfg.backoff_delay = in["normal_backoff_s"].get<double>() / in["attemptNum"].get<int>();
    if (!in["retryAfterMax_s"].is_null()) cfg.retry_after_max = in["retryAfterMax_s"].get<double>();
    std::optional<std::string> header;
    if (!in["retry_after_header"].is_null()) {
      std::string h = in["retry_after_header"].get<std::string>();
      // "<HTTP-date now+30s, RFC850>": an HTTP-date that many seconds after the request.
      if (h.rfind("<HTTP-date now+", 0) == 0) {
        long long ahead = std::stoll(h.substr(15));
        h = ev::format_http_date_rfc850(static_cast<std::int64_t>(now) + ahead);
      }
      header = h;
    }
    ev::AttemptOutcome last = ev::AttemptOutcome::http(in["status"].get<int>(), header);
    EXPECT_DOUBLE_EQ(ev::wait_before_retry(cfg, in["attemptNum"].get<int>(), last, now), c["expect"]["backoff_s"].get<double>());
  }
}

TEST(EventingDeliveryVectors, TtlDefaulter) {
  auto cases = load_vectors("ttl");
  ASSERT_GE(cases.size(), 1u);  // 5 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    ev::CloudEvent e;
    e.id = "1", e.source = "/s", e.type = "t";
    const json& ttl = in["incoming_knativebrokerttl"];
    if (ttl.is_number_integer()) ev::set_ttl(e, ttl.get<long long>());
    else if (ttl.is_string()) e.set_extension(ev::kTtlExtension, ev::ExtensionValue::string(ttl.get<std::string>()));
    ev::ttl_defaulter(e, in["default_ttl"].get<int>());
    ASSERT_TRUE(ev::get_ttl(e).has_value());
    EXPECT_EQ(*ev::get_ttl(e), c["expect"]["knativebrokerttl"].get<long long>());
  }
}

TEST(EventingDeliveryVectors, BackoffSchedules) {
  auto cases = load_vectors("backoff_schedule");
  ASSERT_GE(cases.size(), 1u);  // 4 in the shipped file
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const json& in = c["input"];
    const json& ex = c["expect"];
    std::vector<double> waits;
    int attempts = 0;
    if (in.contains("delivery")) {
      ev::RetryConfigResult r = ev::retry_config_from_delivery_spec(delivery_from_json(in["delivery"]));
      ASSERT_TRUE(r.ok());
      // Drive the dispatcher with failing (503) attempts and collect its waits.
      ev::AttemptOutcome fail = ev::AttemptOutcome::http(503);
      for (attempts = 1;; ++attempts) {
        ev::DispatchDecision d = ev::next_dispatch_step(r.config, attempts, fail, false, 0);
        if (d.action != ev::DispatchAction::kRetry) {
          EXPECT_EQ(d.action, ev::DispatchAction::kLost);
          break;
        }
        waits.push_back(d.wait);
      }
    } else {
      waits = ev::adapter_backoff_schedule();
      attempts = static_cast<int>(waits.size()) + 1;
      for (int s : ex["retriable_statuses"]) { EXPECT_TRUE(ev::adapter_should_retry(ev::AttemptOutcome::http(s))) << s; }
      EXPECT_FALSE(ev::adapter_should_retry(ev::AttemptOutcome::http(500)));
      EXPECT_TRUE(ev::adapter_should_retry(ev::AttemptOutcome::http(in["sink_status"].get<int>())));
    }
    EXPECT_EQ(attempts, ex["attempts"].get<int>());
    ASSERT_EQ(waits.size(), ex["waits_before_retry_ms"].size());
    double total = 0;
    for (std::size_t k = 0; k < waits.size(); ++k) {
      EXPECT_EQ(ms(waits[k]), ex["waits_before_retry_ms"][k].get<long long>()) << "retry " << k + 1;
      total += waits[k];
    }
    EXPECT_EQ(ms(total), ex["total_backoff_ms"].get<long long>());
  }
}

}  // namespace knsim::test::eventing
