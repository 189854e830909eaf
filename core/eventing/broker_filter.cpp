#include "core/eventing/broker_filter.hpp"

#include <vector>

#include "core/eventing/dispatcher.hpp"

namespace knsim::core::eventing {
namespace {

FilterDecision respond(int status, std::string reason) {
  FilterDecision d;
  d.status = status;
  d.reason = std::move(reason);
  return d;
}

std::vector<std::string> path_parts(const std::string& path) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : path) {
    if (c == '/') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  if (!parts.empty() && parts.front().empty()) parts.erase(parts.begin());  // leading "/"
  return parts;
}

}  // namespace

FilterDecision broker_filter_receive(const FilterRequest& req, const TriggerRuntime* trigger) {
  if (req.method != "POST") return respond(405, "method not allowed: " + req.method);
  // readPathParts: "triggers", ns, name, uid, optional "reply"/"dls" -> 4 or 5 parts after the slash
  // (Knative counts the leading empty segment: 5 or 6).
  std::vector<std::string> parts = path_parts(req.path);
  if ((parts.size() != 4 && parts.size() != 5) || parts[0] != "triggers") {
    return respond(400, "incorrect path: " + req.path);
  }
  if (trigger == nullptr) return respond(404, "trigger " + parts[1] + "/" + parts[2] + " not found");
  if (trigger->uid != parts[3]) return respond(400, "trigger had a different UID");
  if (!req.event) return respond(400, "failed to extract event from request");

  std::optional<std::int64_t> ttl = get_ttl(*req.event);
  if (!ttl) return respond(400, "no TTL seen, dropping event (did it come from the Broker?)");
  FilterDecision d;
  d.ttl = *ttl;
  d.event = *req.event;
  d.event.erase_extension(kTtlExtension);
  if (!trigger->subscriber_uri) return respond(404, "trigger has no subscriber URI");
  d.filter_result = trigger->filter.evaluate(d.event);
  if (d.filter_result == FilterResult::kFail) {
    d.status = 200;
    d.reason = "event filtered out";
    return d;
  }
  d.dispatch = true;
  d.subscriber_uri = *trigger->subscriber_uri;
  d.subscriber_headers = pass_through_headers(req.headers);
  d.subscriber_headers["Prefer"] = "reply";
  d.subscriber_headers["Kn-Namespace"] = trigger->namespace_name;
  d.reason = std::string("filter ") + filter_result_name(d.filter_result) + ", dispatching";
  return d;
}

FilterResponse broker_filter_respond(const HttpResponse& r, std::int64_t ttl_seen, const std::string& subscriber_uri) {
  FilterResponse out;
  if (r.transport_error) {
    out.status = 500;
    out.reason = "failed to reach subscriber";
    return out;
  }
  if (r.status < 200 || r.status >= 300) {
    out.status = r.status;
    out.headers = pass_through_headers(r.headers);
    out.body = "{\"errdestination\":\"" + subscriber_uri + "\",\"errresponsebody\":\"" + base64_encode(r.body) + "\"}";
    out.reason = "subscriber answered " + std::to_string(r.status);
    return out;
  }
  Encoding enc = detect_encoding(r.headers);
  if (enc == Encoding::kUnknown) {
    if (r.body_empty) {
      out.status = r.status;
      out.headers = pass_through_headers(r.headers);
      out.reason = "no reply";
      return out;
    }
    out.status = 502;
    out.reason = "received a non-empty response not recognized as a CloudEvent";
    return out;
  }
  if (!r.event || !validate_event(*r.event).empty()) {
    out.status = 502;
    out.reason = "received a malformed CloudEvent";
    return out;
  }
  out.status = r.status;
  out.reply = *r.event;
  set_ttl(*out.reply, ttl_seen);
  out.headers = pass_through_headers(r.headers);
  out.reason = "reply event with ttl " + std::to_string(ttl_seen);
  return out;
}

}  // namespace knsim::core::eventing
