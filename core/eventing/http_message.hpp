#pragma once
// The few HTTP facts the eventing data plane decides on, without an HTTP stack: pass-through
// headers (pkg/utils/headers.go), CloudEvents encoding detection (sdk-go protocol/http
// NewMessage/ReadEncoding) and a response as the driver observed it.
#include <map>
#include <optional>
#include <string>

#include "core/eventing/cloud_event.hpp"

namespace knsim::core::eventing {

// Header names compared case-insensitively; stored as given.
using Headers = std::map<std::string, std::string>;

std::string lower_ascii(std::string s);
std::optional<std::string> header(const Headers& h, const std::string& name);
// PassThroughHeaders: x-request-id, retry-after, and names starting with "knative-" or "x-b3-".
Headers pass_through_headers(const Headers& h);

enum class Encoding { kBinary, kStructured, kUnknown };
// Structured when Content-Type is application/cloudevents(+json...); binary when ce-specversion is a
// known version (1.0, 0.3); otherwise unknown ("not an event").
Encoding detect_encoding(const Headers& h);

// What a subscriber (or any destination) answered, as the driver saw it.
struct HttpResponse {
  bool transport_error = false;  // no response (refused, timeout, ...)
  int status = 200;
  Headers headers;
  bool body_empty = true;
  // The event decoded from the response when its encoding is binary/structured and it parsed and
  // validated; nullopt otherwise (the driver decides; core has no JSON parser).
  std::optional<CloudEvent> event;
  std::string body;  // raw body, for knativeerrordata / errresponsebody (may be left empty)
};

// A reply event the simulator's subscriber model returns (binary mode, status 200 by default).
HttpResponse reply_with_event(CloudEvent event, int status = 200);
HttpResponse empty_response(int status);

}  // namespace knsim::core::eventing
