#pragma once
// Validation errors of Knative Serving objects, shaped like knative.dev/pkg/apis.FieldError: a
// field path from the object root ("spec.traffic[1].percent") and Knative's message. An error
// with several paths (e.g. duplicate tags) joins them with ", " in `path`, as FieldError.Error()
// prints them. manifests/ adds the file and line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace knsim::core::serving {

struct FieldError {
  std::string path;     // e.g. "spec.traffic[1].percent"; "" = the object itself
  std::string message;  // Knative's wording, e.g. "expected 0 <= 101 <= 100"
  std::string details;  // optional extra explanation (FieldError.Details)
};

using FieldErrors = std::vector<FieldError>;

// Joins a parent path and a child: ("spec", "traffic") -> "spec.traffic"; ("spec.traffic", "[1]")
// -> "spec.traffic[1]"; ("", "x") -> "x"; ("x", "") -> "x".
std::string join_path(const std::string& parent, const std::string& child);
// "traffic", 2 -> "traffic[2]".
std::string index_path(const std::string& field, std::size_t index);
// Prefixes every error's path(s) with `parent` (apis.FieldError.ViaField).
void prefix_paths(FieldErrors& errors, std::size_t from, const std::string& parent);

// knative.dev/pkg/apis field_error.go messages.
FieldError err_missing_field(const std::string& path);                        // "missing field(s)"
FieldError err_disallowed_fields(const std::string& path);                    // "must not set the field(s)"
FieldError err_invalid_value(const std::string& value, const std::string& path,
                             const std::string& details = "");                // "invalid value: V"
FieldError err_missing_one_of(const std::string& paths);                      // "expected exactly one, got neither"
FieldError err_multiple_one_of(const std::string& paths);                     // "expected exactly one, got both"
FieldError err_out_of_bounds(std::int64_t value, std::int64_t lower, std::int64_t upper,
                             const std::string& path);                        // "expected L <= V <= U"
FieldError err_invalid_key_name(const std::string& key, const std::string& path,
                                const std::string& details = "");             // invalid key name "K"

// FieldError.Error(): "message: path" (plus "\n" + details when set).
std::string to_string(const FieldError& error);

}  // namespace knsim::core::serving
