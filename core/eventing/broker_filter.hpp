#pragma once
// The broker-filter handler as decision functions (knative/eventing pkg/broker/filter/filter_handler.go;
// spec §3.4). Two halves, because the subscriber call happens in between:
//  1. broker_filter_receive: not POST -> 405; path not /triggers/<ns>/<name>/<uid>[/reply|/dls] ->
//     400; trigger unknown -> 404; UID mismatch -> 400; body not an event -> 400; no knativebrokerttl
//     -> 400; no subscriber URI -> 404; filter Fail -> 200 with nothing written (counted as delivered
//     by the channel, no retry); else dispatch ONCE to the subscriber with the TTL stripped and
//     headers = pass-through + "Prefer: reply" + "Kn-Namespace".
//  2. broker_filter_respond: transport error -> 500; non-2xx -> the same status with pass-through
//     headers (Retry-After) and {"errdestination","errresponsebody"}; 2xx with a valid event -> reply
//     (TTL as received re-attached, status kept, 202 too); 2xx with a non-empty non-event body or a
//     malformed event -> 502; empty 2xx -> the subscriber's status.
#include <cstdint>
#include <optional>
#include <string>

#include "core/eventing/filter.hpp"
#include "core/eventing/http_message.hpp"

namespace knsim::core::eventing {

struct TriggerRuntime {
  std::string namespace_name;
  std::string name;
  std::string uid;
  std::optional<std::string> subscriber_uri;  // status.subscriberUri
  CompiledFilter filter;
};

struct FilterRequest {
  std::string method = "POST";
  std::string path;                 // "/triggers/ns/name/uid"
  std::optional<CloudEvent> event;  // nullopt: the body is not a CloudEvent
  Headers headers;
};

struct FilterDecision {
  bool dispatch = false;      // true: send `event` to `subscriber_uri`, then call broker_filter_respond
  int status = 0;             // the answer when !dispatch
  FilterResult filter_result = FilterResult::kNoFilter;
  CloudEvent event;           // to the subscriber, knativebrokerttl removed
  std::int64_t ttl = 0;       // the TTL the filter saw (re-attached to a reply)
  std::string subscriber_uri;
  Headers subscriber_headers;
  std::string reason;
};

// `trigger` is the lookup result for the <ns>/<name> in the path (nullptr when not found).
FilterDecision broker_filter_receive(const FilterRequest& request, const TriggerRuntime* trigger);

struct FilterResponse {
  int status = 0;
  std::optional<CloudEvent> reply;  // routed back to the broker by the channel (Subscription.reply)
  Headers headers;
  std::string body;                 // error JSON for non-2xx
  std::string reason;
};

FilterResponse broker_filter_respond(const HttpResponse& subscriber_response, std::int64_t ttl_seen,
                                     const std::string& subscriber_uri);

}  // namespace knsim::core::eventing
