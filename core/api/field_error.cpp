// FieldError helpers (knative.dev/pkg/apis/field_error.go).
#include "core/api/field_error.hpp"

namespace knsim::core::api {

std::string join_path(const std::string& parent, const std::string& child) {
  if (parent.empty()) return child;
  if (child.empty()) return parent;
  if (child.front() == '[') return parent + child;
  return parent + "." + child;
}

std::string index_path(const std::string& field, std::size_t index) {
  return field + "[" + std::to_string(index) + "]";
}

void prefix_paths(FieldErrors& errors, std::size_t from, const std::string& parent) {
  for (std::size_t i = from; i < errors.size(); ++i) {
    std::string& p = errors[i].path;
    // Several paths are joined by ", ": prefix each.
    std::string out;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = p.find(", ", start);
      const std::string part = p.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!out.empty()) out += ", ";
      out += join_path(parent, part);
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    p = out;
  }
}

FieldErrors via_field(FieldErrors errors, const std::string& field) {
  prefix_paths(errors, 0, field);
  return errors;
}

FieldErrors via_field_index(FieldErrors errors, const std::string& field, std::size_t index) {
  return via_field(std::move(errors), index_path(field, index));
}

void also(FieldErrors& errors, FieldErrors more) {
  for (auto& e : more) errors.push_back(std::move(e));
}

FieldError err_missing_field(const std::string& path) { return {path, "missing field(s)", ""}; }
FieldError err_disallowed_fields(const std::string& path) { return {path, "must not set the field(s)", ""}; }
FieldError err_invalid_value(const std::string& value, const std::string& path, const std::string& details) {
  return {path, "invalid value: " + value, details};
}
FieldError err_missing_one_of(const std::string& paths) { return {paths, "expected exactly one, got neither", ""}; }
FieldError err_multiple_one_of(const std::string& paths) { return {paths, "expected exactly one, got both", ""}; }
FieldError err_out_of_bounds(std::int64_t value, std::int64_t lower, std::int64_t upper, const std::string& path) {
  return {path,
          "expected " + std::to_string(lower) + " <= " + std::to_string(value) + " <= " + std::to_string(upper), ""};
}
FieldError err_invalid_key_name(const std::string& key, const std::string& path, const std::string& details) {
  return {path, "invalid key name \"" + key + "\"", details};
}
FieldError err_generic(const std::string& message, const std::string& path) { return {path, message, ""}; }

std::string to_string(const FieldError& e) {
  std::string s = e.path.empty() ? e.message : e.message + ": " + e.path;
  if (!e.details.empty()) s += "\n" + e.details;
  return s;
}

}  // namespace knsim::core::api
