#pragma once
// Event sources as pure generators (docs/spec/eventing.md §6):
//  - PingSource: validation (ping_validation.go), its cron schedule, the emitted event, the
//    pre-send jitter U{0..499} ms (mtping/runner.go cronTick) and the adapter's sdk-go retries.
//  - ApiServerSource: the event for an object add/update/delete (adapter/apiserver/events).
//  - ContainerSource / SinkBinding: the container's own traffic, modelled as a rate generator.
// Sources have no delivery spec: an adapter send is retried by sdk-go
// (ContextWithRetriesExponentialBackoff(50ms, 5)): waits 100, 200, 400, 800, 1600 ms, only on
// 404, 413, 425, 429, 502, 503, 504 or a transport error; then the event is lost.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/eventing/cloud_event.hpp"
#include "core/eventing/cron.hpp"
#include "core/eventing/delivery.hpp"
#include "core/eventing/dispatcher.hpp"
#include "core/api/field_error.hpp"
#include "core/random/rng.hpp"
#include "core/time/time.hpp"

namespace knsim::core::eventing {

inline constexpr Seconds kAdapterRetryPeriod = 0.05;  // sdk-go backoff period
inline constexpr int kAdapterMaxRetries = 5;
inline constexpr Seconds kApiServerResyncPeriod = 10 * 3600;  // adapter.go resyncPeriod
inline constexpr const char* kPingEventType = "dev.knative.sources.ping";

// sdk-go default retriable outcomes of source adapters (500 is NOT retried).
bool adapter_should_retry(const AttemptOutcome& outcome);
// Wait before adapter retry k (1..5): period * 2^k -> 0.1, 0.2, 0.4, 0.8, 1.6 s.
Seconds adapter_retry_wait(int k);
std::vector<Seconds> adapter_backoff_schedule();
// After `attempts_made` (>= 1) adapter sends whose last outcome is `last`: delivered (2xx), retry
// after adapter_retry_wait(attempts_made) while retriable and attempts_made <= 5, else lost.
DispatchDecision next_adapter_step(int attempts_made, const AttemptOutcome& last);

struct PingSourceSpec {
  std::string schedule = "* * * * *";  // default (ping_defaults.go)
  std::string timezone;
  std::string content_type;
  std::string data;
  std::string data_base64;
  Destination sink;
  std::map<std::string, std::string> ce_overrides;  // spec.ceOverrides.extensions
};

// Errors on "spec.schedule" / "spec.timezone" (invalid value: the cron error; @every rejected),
// "spec.data, spec.dataBase64" (expected exactly one, got both), "spec.data" (not JSON while
// contentType is application/json; larger than config-ping-defaults data-max-size, -1 = unlimited),
// "spec.dataBase64" (not base64), "spec.sink".
api::FieldErrors validate_ping_source_spec(const PingSourceSpec& spec, std::int64_t data_max_size = -1);
// The schedule PingSource runs: "CRON_TZ=<timezone> <schedule>" when timezone is set.
CronParseResult ping_schedule(const PingSourceSpec& spec);
// Uniform integer jitter 0..499 ms before each send, in seconds.
Seconds ping_jitter(Rng& rng);
// The event sent at one tick (id from the caller, e.g. random_uuid(rng)).
CloudEvent make_ping_event(const PingSourceSpec& spec, const std::string& ns, const std::string& name,
                           const std::string& id, double tick_unix);

// A version-4 UUID drawn from rng (deterministic per seed).
std::string random_uuid(Rng& rng);

enum class ApiServerMode { kReference, kResource };
enum class ObjectChange { kAdd, kUpdate, kDelete };

struct ObjectChangeInput {
  std::string api_version;  // "v1", "apps/v1"
  std::string kind;         // "Pod"
  std::string resource;     // plural, "pods"
  std::string name;
  std::string namespace_name;
  std::int64_t object_size = 0;  // bytes of the object's JSON (Resource mode data)
};

// dev.knative.apiserver.{ref,resource}.{add,update,delete}; source = api server host; subject =
// /apis/<apiVersion>/namespaces/<ns>/<resource>/<name>; extensions kind, apiversion, name, namespace.
CloudEvent make_apiserver_event(ApiServerMode mode, ObjectChange change, const ObjectChangeInput& object,
                                const std::string& api_server_host, const std::string& id,
                                const std::map<std::string, std::string>& ce_overrides = {});

// ContainerSource / SinkBinding producer: events at `rate_per_second`, Poisson or evenly spaced.
struct RateGenerator {
  double rate_per_second = 1.0;
  bool poisson = true;
  // The next emission strictly after t (t + exponential(1/rate) or t + 1/rate); nullopt if rate <= 0.
  std::optional<Seconds> next_after(Seconds t, Rng& rng) const;
};

}  // namespace knsim::core::eventing
