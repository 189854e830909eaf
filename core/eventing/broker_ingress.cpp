#include "core/eventing/broker_ingress.hpp"

#include <vector>

#include "core/eventing/civil_time.hpp"

namespace knsim::core::eventing {
namespace {

IngressDecision respond(int status, std::string reason) {
  IngressDecision d;
  d.status = status;
  d.reason = std::move(reason);
  return d;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

}  // namespace

IngressDecision broker_ingress_receive(const IngressRequest& req, const IngressContext& ctx) {
  if (req.method == "OPTIONS") {
    IngressDecision d = respond(200, "OPTIONS preflight");
    d.response_headers = {{"WebHook-Allowed-Origin", "*"}, {"WebHook-Allowed-Rate", "*"}};
    return d;
  }
  if (req.method != "POST") return respond(405, "method not allowed: " + req.method);
  if (req.uri == "/") return respond(404, "root request URI");
  std::string path = req.uri;
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  std::vector<std::string> parts = split(path, '/');
  if (parts.size() != 3 || !parts[0].empty()) return respond(400, "malformed request URI: " + req.uri);
  if (!req.event) return respond(400, "failed to extract event from request");
  std::vector<std::string> problems = validate_event(*req.event);
  if (!problems.empty()) return respond(400, "invalid event: " + problems.front());
  if (!ctx.broker_exists) return respond(404, "broker " + parts[1] + "/" + parts[2] + " not found");

  IngressDecision d;
  d.broker_namespace = parts[1];
  d.broker_name = parts[2];
  d.event = *req.event;
  d.event.set_extension(kArrivalTimeExtension, ExtensionValue::string(format_rfc3339(ctx.now_unix)));
  if (ctx.default_ttl) ttl_defaulter(d.event, *ctx.default_ttl);
  std::optional<std::int64_t> ttl = get_ttl(d.event);
  if (!ttl || *ttl <= 0) {
    d.status = 400;
    d.reason = "dropping event based on TTL status (ttl " + (ttl ? std::to_string(*ttl) : std::string("missing")) + ")";
    return d;
  }
  if (!ctx.channel_address) {
    d.status = 500;
    d.reason = "broker channel address unknown";
    return d;
  }
  d.forward = true;
  d.channel_address = *ctx.channel_address;
  d.forward_headers = pass_through_headers(req.headers);
  d.reason = "forwarding to channel with ttl " + std::to_string(*ttl);
  return d;
}

int broker_ingress_response(const AttemptOutcome& channel_outcome) {
  if (is_failure(channel_outcome)) return 500;
  return channel_outcome.status;
}

}  // namespace knsim::core::eventing
