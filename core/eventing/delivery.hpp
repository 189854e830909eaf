#pragma once
// The delivery spec of Brokers, Triggers, Channels and Subscriptions (knative/eventing
// pkg/apis/duck/v1/delivery_types.go + delivery_validation.go) and the retry configuration the
// dispatcher derives from it (pkg/kncloudevents/retries.go RetryConfigFromDeliverySpec).
//
// Backoff (docs/spec/eventing.md §4.2): a backoff function is installed only when BOTH backoffPolicy and
// backoffDelay are set; otherwise retries fire immediately. With d = backoffDelay and n the
// zero-based attempt index that go-retryablehttp passes (n = k-1 before retry k):
//   exponential: Backoff(n) = d * 2^n   (PT0.2S: 0.2, 0.4, 0.8, ... 102.4 s for retry 10)
//   linear:      Backoff(n) = d * n     (PT1S, retry 3: waits 0, 1, 2 s)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/api/field_error.hpp"
#include "core/time/time.hpp"

namespace knsim::core::eventing {

// duckv1.KReference + apis.URL: where events go. A ref is resolved by the driver (e.g. a Knative
// Service's URL); uri is absolute, or relative to the ref.
struct KReference {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string namespace_name;
};
struct Destination {
  std::optional<KReference> ref;
  std::optional<std::string> uri;
  bool empty() const { return !ref && !uri; }
};
// Destination.Validate: at least one of ref/uri; an absolute uri not with a ref; a relative uri
// only with a ref; ref needs apiVersion, kind and name.
api::FieldErrors validate_destination(const Destination& d);

enum class BackoffPolicy { kLinear, kExponential };

// The fields exactly as written in a manifest (durations are ISO-8601 text).
struct DeliverySpec {
  std::optional<Destination> dead_letter_sink;
  std::optional<std::int64_t> retry;
  std::optional<std::string> backoff_policy;  // "linear" | "exponential"
  std::optional<std::string> backoff_delay;   // ISO-8601, e.g. "PT0.2S"
  std::optional<std::string> timeout;         // ISO-8601, per attempt
  std::optional<std::string> retry_after_max; // ISO-8601
  std::optional<std::string> format;          // "json" | "binary"
};

// Feature flags of config-features that gate delivery fields (pkg/apis/feature/features.go).
struct EventingFeatures {
  bool delivery_timeout = true;       // "delivery-timeout": enabled by default
  bool delivery_retryafter = false;   // "delivery-retryafter": disabled by default
};

// DeliverySpec.Validate with Knative's messages: retry < 0, unknown backoffPolicy, unparsable
// backoffDelay -> "invalid value: X" on that field; timeout/retryAfterMax invalid or negative ->
// invalid value, or "must not set the field(s)" when their feature is disabled.
api::FieldErrors validate_delivery_spec(const DeliverySpec& spec, const EventingFeatures& features = {});

// The longest wait a backoff returns: Go's maximum time.Duration (2^63-1 ns, about 292 years).
// Longer backoffs (exponential with a large retry count) saturate here instead of overflowing.
inline constexpr Seconds kMaxBackoff = 9223372036.854775807;

struct RetryConfig {
  int retry_max = 0;                           // retries after the first attempt
  std::optional<BackoffPolicy> backoff_policy; // both set -> backoff function installed
  std::optional<Seconds> backoff_delay;
  std::optional<Seconds> request_timeout;      // per attempt; nullopt = none
  std::optional<Seconds> retry_after_max;      // nullopt = Retry-After ignored
  bool selective_retry = false;                // CheckRetry = SelectiveRetry (false for NoRetries)

  // Backoff(attemptNum) as Knative's function computes it (no Retry-After). Example: exponential
  // PT1.5S, attempt 1 -> 3 s; linear PT2.5S, attempt 2 -> 5 s; no function -> 0. Always finite and
  // in [0, kMaxBackoff]: a PT0S delay waits 0 for any attempt, huge attempts saturate.
  Seconds backoff(int attempt_num) const;
  // Waits before retries 1..retry_max when every attempt fails retryably: Backoff(0..retry_max-1).
  std::vector<Seconds> backoff_schedule() const;
};

// NoRetries(): RetryMax 0, backoff 0, CheckRetry always false.
RetryConfig no_retries();

struct RetryConfigResult {
  RetryConfig config;
  std::string error;  // non-empty when a duration does not parse ("failed to parse Spec.BackoffDelay: ...")
  bool ok() const { return error.empty(); }
};
RetryConfigResult retry_config_from_delivery_spec(const DeliverySpec& spec);

}  // namespace knsim::core::eventing
