#include "core/eventing/delivery.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/eventing/iso8601_duration.hpp"

namespace knsim::core::eventing {
namespace {

bool is_absolute_uri(const std::string& uri) {
  std::size_t colon = uri.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = uri[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

// A non-negative ISO-8601 duration field gated by a feature flag.
void validate_gated_duration(api::FieldErrors& errs, const std::optional<std::string>& value, bool enabled,
                             const std::string& field) {
  if (!value) return;
  if (!enabled) {
    errs.push_back(api::err_disallowed_fields(field));
    return;
  }
  Iso8601Result r = parse_iso8601_duration(*value);
  if (!r.seconds || *r.seconds < 0) errs.push_back(api::err_invalid_value(*value, field));
}

}  // namespace

api::FieldErrors validate_destination(const Destination& d) {
  api::FieldErrors errs;
  if (d.empty()) {
    errs.push_back(api::err_generic("expected at least one, got none", "ref, uri"));
    return errs;
  }
  if (d.ref && d.uri && is_absolute_uri(*d.uri)) {
    errs.push_back(api::err_generic("Absolute URI is not allowed when Ref or [apiVersion, kind, name] is present",
                               "[apiVersion, kind, name], ref, uri"));
  }
  if (!d.ref && d.uri && !is_absolute_uri(*d.uri)) {
    errs.push_back(api::err_invalid_value("Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent", "uri"));
  }
  if (d.ref) {
    if (d.ref->name.empty()) errs.push_back(api::err_missing_field("ref.name"));
    if (d.ref->kind.empty()) errs.push_back(api::err_missing_field("ref.kind"));
    if (d.ref->api_version.empty()) errs.push_back(api::err_missing_field("ref.apiVersion"));
  }
  return errs;
}

api::FieldErrors validate_delivery_spec(const DeliverySpec& spec, const EventingFeatures& features) {
  api::FieldErrors errs;
  if (spec.dead_letter_sink) api::also(errs, api::via_field(validate_destination(*spec.dead_letter_sink), "deadLetterSink"));
  if (spec.retry && *spec.retry < 0) errs.push_back(api::err_invalid_value(std::to_string(*spec.retry), "retry"));
  if (spec.backoff_policy && *spec.backoff_policy != "linear" && *spec.backoff_policy != "exponential") {
    errs.push_back(api::err_invalid_value(*spec.backoff_policy, "backoffPolicy"));
  }
  if (spec.backoff_delay && !parse_iso8601_duration(*spec.backoff_delay).seconds) {
    errs.push_back(api::err_invalid_value(*spec.backoff_delay, "backoffDelay"));
  }
  validate_gated_duration(errs, spec.timeout, features.delivery_timeout, "timeout");
  validate_gated_duration(errs, spec.retry_after_max, features.delivery_retryafter, "retryAfterMax");
  if (spec.format && *spec.format != "json" && *spec.format != "binary") {
    errs.push_back(api::err_invalid_value(*spec.format, "format"));
  }
  return errs;
}

Seconds RetryConfig::backoff(int attempt_num) const {
  if (!backoff_policy || !backoff_delay) return 0.0;
  // A zero (or negative, rejected by validation) delay never waits, whatever the attempt: this also
  // avoids 0 x inf = NaN for exponential attempts >= 1024 where exp2 overflows a double.
  const Seconds d = *backoff_delay;
  if (!(d > 0.0) || attempt_num < 0) return 0.0;
  Seconds wait = 0.0;
  if (*backoff_policy == BackoffPolicy::kExponential) {
    // Go: d * time.Duration(math.Exp2(n)); the multiplier is an integer. 2^n beyond the longest
    // Go duration saturates (Go would overflow int64 there): PT0.2S, n = 9 -> 102.4 s; n = 40 ->
    // 0.2 * 2^40 s > kMaxBackoff -> kMaxBackoff.
    if (attempt_num >= 64) return kMaxBackoff;
    wait = d * std::floor(std::exp2(static_cast<double>(attempt_num)));
  } else {
    wait = d * attempt_num;
  }
  if (!std::isfinite(wait) || wait > kMaxBackoff) return kMaxBackoff;
  return wait;
}

std::vector<Seconds> RetryConfig::backoff_schedule() const {
  std::vector<Seconds> waits;
  for (int k = 1; k <= retry_max; ++k) waits.push_back(backoff(k - 1));
  return waits;
}

RetryConfig no_retries() { return RetryConfig{}; }

RetryConfigResult retry_config_from_delivery_spec(const DeliverySpec& spec) {
  RetryConfigResult out;
  out.config.selective_retry = true;
  // Knative's retry is an *int32; the manifest reader rejects values outside it. Clamp here too so a
  // caller that skipped validation never wraps (4294967296 would otherwise become 0 retries).
  if (spec.retry) {
    out.config.retry_max = static_cast<int>(std::clamp<std::int64_t>(*spec.retry, 0, std::numeric_limits<std::int32_t>::max()));
  }
  if (spec.backoff_policy && spec.backoff_delay) {
    Iso8601Result d = parse_iso8601_duration(*spec.backoff_delay);
    if (!d.seconds) {
      out.error = "failed to parse Spec.BackoffDelay: " + d.error;
      return out;
    }
    // An unknown policy leaves the no-retries backoff in place (the webhook rejects it earlier).
    if (*spec.backoff_policy == "exponential" || *spec.backoff_policy == "linear") {
      out.config.backoff_policy =
          *spec.backoff_policy == "exponential" ? BackoffPolicy::kExponential : BackoffPolicy::kLinear;
      out.config.backoff_delay = *d.seconds;
    }
  }
  if (spec.timeout) {
    Iso8601Result t = parse_iso8601_duration(*spec.timeout);
    if (!t.seconds) {
      out.error = "failed to parse Spec.Timeout: " + t.error;
      return out;
    }
    out.config.request_timeout = *t.seconds;
  }
  if (spec.retry_after_max) {
    Iso8601Result r = parse_iso8601_duration(*spec.retry_after_max);
    if (!r.seconds) {
      out.error = "failed to parse Spec.RetryAfterMax: " + r.error;
      return out;
    }
    out.config.retry_after_max = *r.seconds;
  }
  return out;
}

}  // namespace knsim::core::eventing
