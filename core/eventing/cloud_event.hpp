#pragma once
// The CloudEvent value type carried through brokers, channels and sources, and the attribute
// lookup every filter dialect shares (knative/eventing pkg/eventfilter/attributes/filter.go
// LookupAttribute), plus Knative's hop counter `knativebrokerttl` (pkg/broker/ttl.go).
//
// Extensions are an ordered map (deterministic iteration) of typed values: over HTTP binary mode
// every extension is a string, but an in-process producer (and Knative's own tests) may set
// integers or booleans, and filters treat those differently (a non-string never equals a
// non-empty legacy filter value; CESQL sees an Integer).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace knsim::core::eventing {

// Knative-internal extension names (docs/spec/eventing.md §1.2).
inline constexpr const char* kTtlExtension = "knativebrokerttl";
inline constexpr const char* kArrivalTimeExtension = "knativearrivaltime";
inline constexpr const char* kErrorDestExtension = "knativeerrordest";
inline constexpr const char* kErrorCodeExtension = "knativeerrorcode";
inline constexpr const char* kErrorDataExtension = "knativeerrordata";
// Broker ingress default TTL (cmd/broker/ingress/main.go MAX_TTL).
inline constexpr int kDefaultMaxTtl = 255;
// knativeerrordata is truncated to this many characters (KnativeErrorDataExtensionMaxLength).
inline constexpr std::size_t kErrorDataMaxLength = 1024;

enum class ExtensionKind { kString, kInteger, kBoolean };

struct ExtensionValue {
  ExtensionKind kind = ExtensionKind::kString;
  std::string text;           // canonical text: the string, "20", "true"
  std::int64_t integer = 0;   // valid when kind == kInteger
  bool boolean = false;       // valid when kind == kBoolean

  static ExtensionValue string(std::string s);
  static ExtensionValue integer_value(std::int64_t v);
  static ExtensionValue boolean_value(bool v);
  bool operator==(const ExtensionValue& o) const { return kind == o.kind && text == o.text; }
};

struct CloudEvent {
  std::string specversion = "1.0";
  std::string id;
  std::string source;
  std::string type;
  std::optional<std::string> subject;
  std::optional<std::string> time;  // RFC 3339 text
  std::optional<std::string> datacontenttype;
  std::optional<std::string> dataschema;
  std::optional<std::string> datacontentencoding;  // v0.3 only (deprecated)
  std::map<std::string, ExtensionValue> extensions;
  std::int64_t data_size = 0;  // bytes of `data`, for transfer-time models

  const ExtensionValue* extension(const std::string& name) const;
  void set_extension(const std::string& name, ExtensionValue value) { extensions[name] = std::move(value); }
  bool erase_extension(const std::string& name) { return extensions.erase(name) > 0; }
};

// event.Validate() of sdk-go for spec versions 1.0 and 0.3: specversion known, id, source and type
// non-empty, extension names lowercase alphanumeric (1.0). Returns the problems, empty if valid.
std::vector<std::string> validate_event(const CloudEvent& event);
// True for the spec versions sdk-go knows ("1.0", "0.3").
bool is_known_specversion(const std::string& v);

// Result of LookupAttribute (spec §1.1): standard attributes are always found (unset -> ""),
// extensions only when present.
struct AttributeLookup {
  bool found = false;
  std::string value;       // the value as text (non-strings formatted with %v)
  bool is_string = true;   // false for integer/boolean extensions
};
AttributeLookup lookup_attribute(const CloudEvent& event, const std::string& name);

// Media type with parameters stripped: "application/json; charset=utf-8" -> "application/json".
std::string media_type(const std::string& content_type);

// TTL (pkg/broker/ttl.go). get_ttl: the integer value of knativebrokerttl, nullopt when absent or
// not an integer.
std::optional<std::int64_t> get_ttl(const CloudEvent& event);
void set_ttl(CloudEvent& event, std::int64_t ttl);
// TTLDefaulter as broker ingress applies it: absent or unparsable -> default_ttl; otherwise
// max(ttl - 1, 0). Example: default 255, incoming 1 -> 0 (ingress then rejects with 400).
void ttl_defaulter(CloudEvent& event, int default_ttl);

}  // namespace knsim::core::eventing
