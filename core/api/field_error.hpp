#pragma once
// Validation errors shaped like knative.dev/pkg/apis.FieldError (pkg/apis/field_error.go), the one
// port shared by the Serving and Eventing validators: a field path from the object validated
// ("spec.traffic[1].percent", "spec.filters[0].exact[my-ext]") and Knative's message. An error with
// several paths (e.g. duplicate tags, ErrMissingOneOf) joins them with ", " in `path`, as
// FieldError.Error() prints them. manifests/ adds the file and line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace knsim::core::api {

struct FieldError {
  std::string path;     // dotted field path, "" for the object itself; several as "a.ref, a.uri"
  std::string message;  // Knative's wording, e.g. "invalid value: FOO", "expected 0 <= 101 <= 100"
  std::string details;  // optional extra explanation (FieldError.Details)
};

using FieldErrors = std::vector<FieldError>;

// Joins a parent path and a child: ("spec", "traffic") -> "spec.traffic"; ("spec.traffic", "[1]")
// -> "spec.traffic[1]"; ("", "x") -> "x"; ("x", "") -> "x".
std::string join_path(const std::string& parent, const std::string& child);
// "traffic", 2 -> "traffic[2]".
std::string index_path(const std::string& field, std::size_t index);
// Prefixes the path(s) of errors[from..] with `parent` (FieldError.ViaField); each of several
// ", "-joined paths is prefixed.
void prefix_paths(FieldErrors& errors, std::size_t from, const std::string& parent);
// The same as a value: ViaField("x") of "a.b" -> "x.a.b", of "" -> "x", of "[k]" -> "x[k]".
FieldErrors via_field(FieldErrors errors, const std::string& field);
// ViaFieldIndex: "filters", 2 + "exact" -> "filters[2].exact".
FieldErrors via_field_index(FieldErrors errors, const std::string& field, std::size_t index);
// FieldError.Also: appends `more` to `errors`.
void also(FieldErrors& errors, FieldErrors more);

// Knative's standard messages (knative.dev/pkg/apis/field_error.go).
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
FieldError err_generic(const std::string& message, const std::string& path = "");  // ErrGeneric

// FieldError.Error(): "message: path" (plus "\n" + details when set).
std::string to_string(const FieldError& error);

}  // namespace knsim::core::api
