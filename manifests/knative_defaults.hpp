#pragma once
// Knative's shipped default value of each config-* key knsim reads (docs/spec/serving.md section 1 and
// core/config), as text, so a summary can tell which ConfigMap settings actually differ.
#include <optional>
#include <string>

namespace knsim::manifests {

// The default of `key` in ConfigMap `config_map`, or nullopt when knsim does not know it.
std::optional<std::string> knative_default(const std::string& config_map, const std::string& key);

// True when `value` means the same as `default_value`: equal durations ("60s" == "1m"), equal
// numbers ("2" == "2.0"), or equal text ignoring case ("True" == "true").
bool same_setting(const std::string& value, const std::string& default_value);

}  // namespace knsim::manifests
