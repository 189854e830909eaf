#include "core/eventing/sources.hpp"

#include <cmath>
#include <cstdio>

#include "core/eventing/civil_time.hpp"
#include "core/eventing/json_check.hpp"

namespace knsim::core::eventing {

bool adapter_should_retry(const AttemptOutcome& o) {
  if (o.transport_error || !o.response_present) return true;
  switch (o.status) {
    case 404: case 413: case 425: case 429: case 502: case 503: case 504: return true;
    default: return false;
  }
}

Seconds adapter_retry_wait(int k) { return kAdapterRetryPeriod * std::exp2(static_cast<double>(k)); }

std::vector<Seconds> adapter_backoff_schedule() {
  std::vector<Seconds> w;
  for (int k = 1; k <= kAdapterMaxRetries; ++k) w.push_back(adapter_retry_wait(k));
  return w;
}

DispatchDecision next_adapter_step(int attempts_made, const AttemptOutcome& last) {
  DispatchDecision d;
  d.attempts = attempts_made;
  if (!is_failure(last)) {
    d.action = DispatchAction::kDelivered;
    d.reason = "sent with status " + std::to_string(last.status);
  } else if (adapter_should_retry(last) && attempts_made <= kAdapterMaxRetries) {
    d.action = DispatchAction::kRetry;
    d.wait = adapter_retry_wait(attempts_made);
    d.reason = "retriable outcome " + std::to_string(outcome_status(last)) + ", adapter retry " + std::to_string(attempts_made);
  } else {
    d.action = DispatchAction::kLost;
    d.reason = "send failed with " + std::to_string(outcome_status(last)) + ": event lost (sources have no dead-letter sink)";
  }
  return d;
}

CronParseResult ping_schedule(const PingSourceSpec& spec) {
  std::string s = spec.timezone.empty() ? spec.schedule : "CRON_TZ=" + spec.timezone + " " + spec.schedule;
  return parse_cron(s, true);
}

api::FieldErrors validate_ping_source_spec(const PingSourceSpec& spec, std::int64_t data_max_size) {
  api::FieldErrors errs;
  CronParseResult r = ping_schedule(spec);
  if (!r.schedule) {
    bool tz = r.error.rfind("provided bad location", 0) == 0;
    errs.push_back(api::err_invalid_value(r.error, tz ? "timezone" : "schedule"));
  } else if (spec.schedule.find("@every") != std::string::npos) {
    errs.push_back(api::err_invalid_value(spec.schedule, "schedule", "@every is not supported"));
  }
  if (!spec.data.empty() && !spec.data_base64.empty()) errs.push_back(api::err_generic("expected exactly one, got both", "data, dataBase64"));
  if (!spec.data_base64.empty() && !is_valid_base64(spec.data_base64)) {
    errs.push_back(api::err_invalid_value(spec.data_base64, "dataBase64"));
  }
  if (spec.content_type == "application/json" && !spec.data.empty() && !is_valid_json(spec.data)) {
    errs.push_back(api::err_invalid_value(spec.data, "data"));
  }
  std::int64_t size = make_ping_event(spec, "", "", "", 0).data_size;
  if (data_max_size >= 0 && size > data_max_size) {
    errs.push_back(api::err_invalid_value(std::to_string(size), "data",
                                     "data size exceeds data-max-size " + std::to_string(data_max_size)));
  }
  api::also(errs, api::via_field(validate_destination(spec.sink), "sink"));
  return api::via_field(std::move(errs), "spec");
}

Seconds ping_jitter(Rng& rng) { return static_cast<Seconds>(rng.below(500)) / 1000.0; }

CloudEvent make_ping_event(const PingSourceSpec& spec, const std::string& ns, const std::string& name,
                           const std::string& id, double tick_unix) {
  CloudEvent e;
  e.id = id;
  e.type = kPingEventType;
  e.source = "/apis/v1/namespaces/" + ns + "/pingsources/" + name;
  e.time = format_rfc3339(tick_unix);
  if (!spec.content_type.empty()) e.datacontenttype = spec.content_type;
  if (!spec.data.empty()) {
    e.data_size = static_cast<std::int64_t>(spec.data.size());
  } else if (!spec.data_base64.empty()) {
    std::int64_t n = static_cast<std::int64_t>(spec.data_base64.size());
    std::int64_t pad = 0;
    for (auto it = spec.data_base64.rbegin(); it != spec.data_base64.rend() && *it == '='; ++it) ++pad;
    e.data_size = n / 4 * 3 - pad;
  }
  for (const auto& [k, v] : spec.ce_overrides) e.set_extension(k, ExtensionValue::string(v));
  return e;
}

std::string random_uuid(Rng& rng) {
  std::uint64_t hi = rng.next_u64(), lo = rng.next_u64();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

CloudEvent make_apiserver_event(ApiServerMode mode, ObjectChange change, const ObjectChangeInput& o,
                                const std::string& host, const std::string& id,
                                const std::map<std::string, std::string>& ce_overrides) {
  static constexpr const char* kVerb[] = {"add", "update", "delete"};
  CloudEvent e;
  e.id = id;
  e.type = std::string("dev.knative.apiserver.") + (mode == ApiServerMode::kReference ? "ref." : "resource.") +
           kVerb[static_cast<int>(change)];
  e.source = host;
  e.subject = "/apis/" + o.api_version + "/namespaces/" + o.namespace_name + "/" + o.resource + "/" + o.name;
  e.datacontenttype = "application/json";
  if (mode == ApiServerMode::kReference) {
    // {"apiVersion":"..","kind":"..","name":"..","namespace":".."}
    e.data_size = static_cast<std::int64_t>(52 + o.api_version.size() + o.kind.size() + o.name.size() + o.namespace_name.size());
  } else {
    e.data_size = o.object_size;
  }
  e.set_extension("kind", ExtensionValue::string(o.kind));
  e.set_extension("apiversion", ExtensionValue::string(o.api_version));
  e.set_extension("name", ExtensionValue::string(o.name));
  e.set_extension("namespace", ExtensionValue::string(o.namespace_name));
  for (const auto& [k, v] : ce_overrides) e.set_extension(k, ExtensionValue::string(v));
  return e;
}

std::optional<Seconds> RateGenerator::next_after(Seconds t, Rng& rng) const {
  if (rate_per_second <= 0) return std::nullopt;
  return t + (poisson ? rng.exponential(1.0 / rate_per_second) : 1.0 / rate_per_second);
}

}  // namespace knsim::core::eventing
