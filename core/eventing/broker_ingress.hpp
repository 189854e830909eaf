#pragma once
// Broker ingress of the MT channel-based broker as a decision function
// (knative/eventing pkg/broker/ingress/ingress_handler.go ServeHTTP + receive; spec §2.2):
//   OPTIONS -> 200 (WebHook-Allowed-Origin/Rate: *); not POST -> 405; URI "/" -> 404; path not
//   exactly /<ns>/<broker> (a trailing "/" ignored) -> 400; body not an event or invalid -> 400;
//   broker unknown -> 404; then knativearrivaltime = now, TTL defaulter (absent/unparsable -> 255,
//   else ttl - 1) and TTL <= 0 -> 400 (dropped); no channel address -> 500; else forward ONCE (no
//   retry, no timeout) to the channel: any failure -> 500, success -> the channel's status (202).
#include <optional>
#include <string>

#include "core/eventing/cloud_event.hpp"
#include "core/eventing/dispatcher.hpp"
#include "core/eventing/http_message.hpp"

namespace knsim::core::eventing {

struct IngressRequest {
  std::string method = "POST";
  std::string uri;                  // "/ns/broker"
  std::optional<CloudEvent> event;  // nullopt: the body is not a CloudEvent
  Headers headers;
};

struct IngressContext {
  bool broker_exists = true;
  std::optional<std::string> channel_address;     // broker status annotation; nullopt -> 500
  std::optional<int> default_ttl = kDefaultMaxTtl; // nullopt: no TTL defaulter configured
  double now_unix = 0;                            // for knativearrivaltime
};

struct IngressDecision {
  bool forward = false;  // true: send `event` to `channel_address`, answer with ingress_response()
  int status = 0;        // the answer when !forward
  CloudEvent event;      // the event as forwarded (TTL and arrival time applied)
  std::string broker_namespace;
  std::string broker_name;
  std::string channel_address;
  Headers response_headers;
  Headers forward_headers;  // pass-through request headers
  std::string reason;
};

IngressDecision broker_ingress_receive(const IngressRequest& request, const IngressContext& context);
// Status ingress answers once the channel replied: 500 on any failure, else the channel's status.
int broker_ingress_response(const AttemptOutcome& channel_outcome);

}  // namespace knsim::core::eventing
