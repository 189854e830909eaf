#include "core/eventing/field_error.hpp"

namespace knsim::core::eventing {
namespace {

std::string join_one(const std::string& prefix, const std::string& path) {
  if (path.empty()) return prefix;
  if (path.front() == '[') return prefix + path;
  return prefix + "." + path;
}

// A path may list several fields ("ref, uri", as apis.ErrGeneric with many paths): prefix each.
std::string join_path(const std::string& prefix, const std::string& path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = path.find(", ", start);
    out += join_one(prefix, path.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    out += ", ";
    start = comma + 2;
  }
  return out;
}

}  // namespace

FieldErrors via_field(FieldErrors errors, const std::string& field) {
  for (auto& e : errors) e.path = join_path(field, e.path);
  return errors;
}

FieldErrors via_field_index(FieldErrors errors, const std::string& field, std::size_t index) {
  return via_field(std::move(errors), field + "[" + std::to_string(index) + "]");
}

void also(FieldErrors& errors, FieldErrors more) {
  for (auto& e : more) errors.push_back(std::move(e));
}

FieldError err_invalid_value(const std::string& value, const std::string& path, const std::string& details) {
  return {path, "invalid value: " + value, details};
}

FieldError err_missing_field(const std::string& path) { return {path, "missing field(s)", ""}; }

FieldError err_disallowed_fields(const std::string& path) { return {path, "must not set the field(s)", ""}; }

FieldError err_generic(const std::string& message, const std::string& path) { return {path, message, ""}; }

FieldError err_invalid_key_name(const std::string& key, const std::string& path, const std::string& details) {
  return {path, "invalid key name \"" + key + "\"", details};
}

}  // namespace knsim::core::eventing
