#pragma once
// Validation errors of the eventing core, shaped like knative.dev/pkg/apis.FieldError: a field path
// relative to the object validated ("spec.filters[0].exact[my-ext]") and Knative's message. The
// manifests layer prefixes the path and adds the file and line.
#include <string>
#include <vector>

namespace knsim::core::eventing {

struct FieldError {
  std::string path;     // dotted field path, "" for the object itself; several as "a.ref, a.uri"
  std::string message;  // Knative's wording, e.g. "invalid value: FOO"
  std::string details;  // optional extra detail (Knative's FieldError.Details)
};

using FieldErrors = std::vector<FieldError>;

// Prefixes every path with `field` (apis.FieldError.ViaField): "x" + "a.b" -> "x.a.b", "x" + "" -> "x",
// "x" + "[k]" -> "x[k]".
FieldErrors via_field(FieldErrors errors, const std::string& field);
// Prefixes with an indexed field (ViaFieldIndex): "filters", 2 + "exact" -> "filters[2].exact".
FieldErrors via_field_index(FieldErrors errors, const std::string& field, std::size_t index);
// Appends `more` to `errors`.
void also(FieldErrors& errors, FieldErrors more);

// Knative's standard messages (knative.dev/pkg/apis/field_error.go).
FieldError err_invalid_value(const std::string& value, const std::string& path, const std::string& details = "");
FieldError err_missing_field(const std::string& path);
FieldError err_disallowed_fields(const std::string& path);
FieldError err_generic(const std::string& message, const std::string& path = "");
FieldError err_invalid_key_name(const std::string& key, const std::string& path, const std::string& details);

}  // namespace knsim::core::eventing
