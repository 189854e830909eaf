#include "core/eventing/dispatcher.hpp"

#include <charconv>

#include "core/eventing/civil_time.hpp"

namespace knsim::core::eventing {

AttemptOutcome AttemptOutcome::http(int status, std::optional<std::string> retry_after) {
  AttemptOutcome o;
  o.status = status;
  o.retry_after = std::move(retry_after);
  return o;
}

AttemptOutcome AttemptOutcome::transport_failure() {
  AttemptOutcome o;
  o.response_present = false;
  o.transport_error = true;
  return o;
}

bool selective_retry(const AttemptOutcome& o) {
  if (o.transport_error || !o.response_present) return true;
  int s = o.status;
  return s >= 500 || s == 404 || s == 408 || s == 409 || s == 429 || s == -1;
}

bool is_failure(const AttemptOutcome& o) {
  if (o.transport_error || !o.response_present) return true;
  return o.status < 200 || o.status >= 300;
}

int outcome_status(const AttemptOutcome& o) {
  if (o.transport_error || !o.response_present) return 500;
  return o.status;
}

Seconds parse_retry_after(const std::optional<std::string>& header, double now_unix) {
  if (!header || header->empty()) return 0;
  const std::string& h = *header;
  long long secs = 0;
  auto [p, ec] = std::from_chars(h.data(), h.data() + h.size(), secs);
  if (ec == std::errc() && p == h.data() + h.size()) return secs > 0 ? static_cast<Seconds>(secs) : 0.0;
  std::optional<std::int64_t> date = parse_http_date(h);
  if (!date) return 0;
  double until = static_cast<double>(*date) - now_unix;
  return until > 0 ? until : 0.0;
}

Seconds wait_before_retry(const RetryConfig& config, int attempt_num, const AttemptOutcome& last, double now_unix) {
  Seconds retry_after = 0;
  if (config.retry_after_max && last.response_present && !last.transport_error &&
      (last.status == 429 || last.status == 503)) {
    retry_after = parse_retry_after(last.retry_after, now_unix);
    if (*config.retry_after_max < retry_after) retry_after = *config.retry_after_max;
  }
  Seconds backoff = config.backoff(attempt_num);
  return retry_after > backoff ? retry_after : backoff;
}

DispatchDecision next_dispatch_step(const RetryConfig& config, int attempts_made, const AttemptOutcome& last,
                                    bool has_dead_letter_sink, double now_unix) {
  DispatchDecision d;
  d.attempts = attempts_made;
  if (!is_failure(last)) {
    d.action = DispatchAction::kDelivered;
    d.reason = "delivered with status " + std::to_string(last.status);
    return d;
  }
  int i = attempts_made - 1;  // zero-based index of the attempt just made
  bool retryable = config.selective_retry && selective_retry(last);
  if (retryable && config.retry_max - i > 0) {
    d.action = DispatchAction::kRetry;
    d.wait = wait_before_retry(config, i, last, now_unix);
    d.reason = "retryable outcome " + std::to_string(outcome_status(last)) + ", retry " +
               std::to_string(attempts_made) + " of " + std::to_string(config.retry_max);
    return d;
  }
  d.action = has_dead_letter_sink ? DispatchAction::kDeadLetter : DispatchAction::kLost;
  std::string why = retryable ? "retries exhausted" : "non-retryable status";
  d.reason = why + " (" + std::to_string(outcome_status(last)) + ")" +
             (has_dead_letter_sink ? ", sending to dead-letter sink" : ", no dead-letter sink: event lost");
  return d;
}

std::string base64_encode(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  while (i + 2 < bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
    i += 3;
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

CloudEvent make_dead_letter_event(const CloudEvent& original, const std::string& failed_destination,
                                  const AttemptOutcome& last, const std::string& response_body) {
  CloudEvent e = original;
  e.set_extension(kErrorDestExtension, ExtensionValue::string(failed_destination));
  e.set_extension(kErrorCodeExtension, ExtensionValue::string(std::to_string(outcome_status(last))));
  if (!response_body.empty()) {
    std::string data = base64_encode(response_body);
    if (data.size() > kErrorDataMaxLength) data.resize(kErrorDataMaxLength);
    e.set_extension(kErrorDataExtension, ExtensionValue::string(data));
  }
  return e;
}

}  // namespace knsim::core::eventing
