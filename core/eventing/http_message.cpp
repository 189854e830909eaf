#include "core/eventing/http_message.hpp"

namespace knsim::core::eventing {

std::string lower_ascii(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

std::optional<std::string> header(const Headers& h, const std::string& name) {
  std::string want = lower_ascii(name);
  for (const auto& [k, v] : h) {
    if (lower_ascii(k) == want) return v;
  }
  return std::nullopt;
}

Headers pass_through_headers(const Headers& h) {
  Headers out;
  for (const auto& [k, v] : h) {
    std::string l = lower_ascii(k);
    if (l == "x-request-id" || l == "retry-after" || l.rfind("knative-", 0) == 0 || l.rfind("x-b3-", 0) == 0) {
      out[k] = v;
    }
  }
  return out;
}

Encoding detect_encoding(const Headers& h) {
  std::optional<std::string> ct = header(h, "Content-Type");
  if (ct && lower_ascii(media_type(*ct)).rfind("application/cloudevents", 0) == 0 &&
      lower_ascii(media_type(*ct)).find("batch") == std::string::npos) {
    return Encoding::kStructured;
  }
  std::optional<std::string> sv = header(h, "ce-specversion");
  if (sv && is_known_specversion(*sv)) return Encoding::kBinary;
  return Encoding::kUnknown;
}

HttpResponse reply_with_event(CloudEvent event, int status) {
  HttpResponse r;
  r.status = status;
  r.headers["ce-specversion"] = event.specversion;
  r.body_empty = false;
  r.event = std::move(event);
  return r;
}

HttpResponse empty_response(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

}  // namespace knsim::core::eventing
