#include "core/eventing/cloud_event.hpp"

#include <charconv>

namespace knsim::core::eventing {

ExtensionValue ExtensionValue::string(std::string s) {
  ExtensionValue v;
  v.kind = ExtensionKind::kString;
  v.text = std::move(s);
  return v;
}

ExtensionValue ExtensionValue::integer_value(std::int64_t i) {
  ExtensionValue v;
  v.kind = ExtensionKind::kInteger;
  v.integer = i;
  v.text = std::to_string(i);
  return v;
}

ExtensionValue ExtensionValue::boolean_value(bool b) {
  ExtensionValue v;
  v.kind = ExtensionKind::kBoolean;
  v.boolean = b;
  v.text = b ? "true" : "false";
  return v;
}

const ExtensionValue* CloudEvent::extension(const std::string& name) const {
  auto it = extensions.find(name);
  return it == extensions.end() ? nullptr : &it->second;
}

bool is_known_specversion(const std::string& v) { return v == "1.0" || v == "0.3"; }

std::vector<std::string> validate_event(const CloudEvent& e) {
  std::vector<std::string> errs;
  if (!is_known_specversion(e.specversion)) errs.push_back("specversion: unknown value \"" + e.specversion + "\"");
  if (e.id.empty()) errs.push_back("id: MUST be a non-empty string");
  if (e.source.empty()) errs.push_back("source: REQUIRED but MISSING");
  if (e.type.empty()) errs.push_back("type: MUST be a non-empty string");
  if (e.subject && e.subject->empty()) errs.push_back("subject: if present, MUST be a non-empty string");
  if (e.specversion == "1.0") {
    for (const auto& [name, value] : e.extensions) {
      bool ok = !name.empty();
      for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
      if (!ok) errs.push_back("extension name \"" + name + "\" must be lowercase alphanumeric");
    }
  }
  return errs;
}

std::string media_type(const std::string& content_type) {
  std::string mt = content_type.substr(0, content_type.find(';'));
  while (!mt.empty() && (mt.back() == ' ' || mt.back() == '\t')) mt.pop_back();
  std::size_t first = mt.find_first_not_of(" \t");
  return first == std::string::npos ? "" : mt.substr(first);
}

AttributeLookup lookup_attribute(const CloudEvent& e, const std::string& name) {
  auto std_attr = [](const std::optional<std::string>& v) { return AttributeLookup{true, v.value_or(""), true}; };
  if (name == "specversion") return {true, e.specversion, true};
  if (name == "type") return {true, e.type, true};
  if (name == "source") return {true, e.source, true};
  if (name == "subject") return std_attr(e.subject);
  if (name == "id") return {true, e.id, true};
  // Go's zero time.Time marshals to this text (spec §1.1).
  if (name == "time") return {true, e.time.value_or("0001-01-01T00:00:00Z"), true};
  if (name == "dataschema" || name == "schemaurl") return std_attr(e.dataschema);
  if (name == "datacontenttype") return std_attr(e.datacontenttype);
  if (name == "datamediatype") return {true, media_type(e.datacontenttype.value_or("")), true};
  if (name == "datacontentencoding") return std_attr(e.datacontentencoding);
  const ExtensionValue* ext = e.extension(name);
  if (ext == nullptr) return {false, "", true};
  return {true, ext->text, ext->kind == ExtensionKind::kString};
}

std::optional<std::int64_t> get_ttl(const CloudEvent& event) {
  const ExtensionValue* v = event.extension(kTtlExtension);
  if (v == nullptr) return std::nullopt;
  if (v->kind == ExtensionKind::kInteger) return v->integer;
  if (v->kind == ExtensionKind::kBoolean) return std::nullopt;
  std::int64_t out = 0;
  const char* b = v->text.data();
  const char* end = b + v->text.size();
  if (b != end && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, end, out);
  // sdk-go types.ToInteger: a 32-bit signed integer in decimal text.
  if (ec != std::errc() || p != end || out < INT32_MIN || out > INT32_MAX) return std::nullopt;
  return out;
}

void set_ttl(CloudEvent& event, std::int64_t ttl) { event.set_extension(kTtlExtension, ExtensionValue::integer_value(ttl)); }

void ttl_defaulter(CloudEvent& event, int default_ttl) {
  std::optional<std::int64_t> ttl = get_ttl(event);
  if (!ttl) {
    set_ttl(event, default_ttl);
    return;
  }
  set_ttl(event, *ttl - 1 > 0 ? *ttl - 1 : 0);
}

}  // namespace knsim::core::eventing
