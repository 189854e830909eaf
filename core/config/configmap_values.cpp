// ConfigMap value readers (knative.dev/pkg/configmap/parse.go), see configmap_values.hpp.
#include "core/config/configmap_values.hpp"

#include <cctype>
#include <limits>

namespace knsim::core::config::configmap {
namespace {

std::string strconv_error(const char* func, const std::string& raw, const char* why) {
  return std::string("strconv.") + func + ": parsing " + quote(raw) + ": " + why;
}

// strconv.ParseInt(raw, 10, 64): optional sign then at least one decimal digit, nothing else.
// Returns "" on success or Go's reason ("invalid syntax", "value out of range").
const char* parse_int64(const std::string& raw, std::int64_t& out) {
  std::size_t i = 0;
  bool negative = false;
  if (i < raw.size() && (raw[i] == '+' || raw[i] == '-')) negative = raw[i++] == '-';
  if (i == raw.size()) return "invalid syntax";
  // Accumulate as a negative number so that INT64_MIN is representable.
  std::int64_t value = 0;
  for (; i < raw.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(raw[i]))) return "invalid syntax";
    const int digit = raw[i] - '0';
    if (value < (std::numeric_limits<std::int64_t>::min() + digit) / 10) return "value out of range";
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == std::numeric_limits<std::int64_t>::min()) return "value out of range";
    value = -value;
  }
  out = value;
  return "";
}

}  // namespace

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string duration_string(Seconds s) { return format_duration(s); }

void as_int64(const Data& data, const std::string& key, std::int64_t& target, std::vector<ConfigError>& errors) {
  auto it = data.find(key);
  if (it == data.end()) return;
  std::int64_t value = 0;
  const std::string why = parse_int64(it->second, value);
  if (!why.empty()) {
    errors.push_back({key, "failed to parse " + quote(key) + ": " + strconv_error("ParseInt", it->second, why.c_str())});
    return;
  }
  target = value;
}

void as_bool(const Data& data, const std::string& key, bool& target, std::vector<ConfigError>& errors) {
  auto it = data.find(key);
  if (it == data.end()) return;
  const std::string& v = it->second;
  if (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True") {
    target = true;
  } else if (v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "false" || v == "False") {
    target = false;
  } else {
    errors.push_back({key, "failed to parse " + quote(key) + ": " + strconv_error("ParseBool", v, "invalid syntax")});
  }
}

void as_duration(const Data& data, const std::string& key, Seconds& target, std::vector<ConfigError>& errors) {
  auto it = data.find(key);
  if (it == data.end()) return;
  auto parsed = parse_duration(it->second);
  if (!parsed) {
    errors.push_back({key, "failed to parse " + quote(key) + ": time: invalid duration " + quote(it->second)});
    return;
  }
  target = *parsed;
}

void as_quantity(const Data& data, const std::string& key, std::optional<api::Quantity>& target,
                 std::vector<ConfigError>& errors) {
  auto it = data.find(key);
  if (it == data.end()) return;
  auto parsed = api::parse_quantity(it->second);
  if (!parsed) {
    errors.push_back({key, "failed to parse " + quote(key) + ": quantities must match the regular expression "
                                                             "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"});
    return;
  }
  target = api::Quantity{it->second, *parsed};
}

void as_string(const Data& data, const std::string& key, std::string& target) {
  auto it = data.find(key);
  if (it != data.end()) target = it->second;
}

}  // namespace knsim::core::config::configmap
