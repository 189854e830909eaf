#pragma once
// Small readers for ConfigMap values shared by the config-defaults, config-deployment,
// config-network, config-gc and config-features parsers (knative.dev/pkg/configmap/parse.go
// semantics: a present key that does not parse is an error naming the key; an absent key keeps
// the default). Each reader appends a ConfigError and leaves `target` unchanged on failure.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/api/quantity.hpp"
#include "core/config/autoscaler_config.hpp"  // ConfigError
#include "core/time/time.hpp"

namespace knsim::core::config::configmap {

using Data = std::map<std::string, std::string>;

// cm.AsInt64: strconv.ParseInt(raw, 10, 64). Message:
//   failed to parse "key": strconv.ParseInt: parsing "abc": invalid syntax
void as_int64(const Data& data, const std::string& key, std::int64_t& target, std::vector<ConfigError>& errors);
// cm.AsBool: strconv.ParseBool (1 t T TRUE true True 0 f F FALSE false False).
void as_bool(const Data& data, const std::string& key, bool& target, std::vector<ConfigError>& errors);
// cm.AsDuration: time.ParseDuration.
void as_duration(const Data& data, const std::string& key, Seconds& target, std::vector<ConfigError>& errors);
// cm.AsQuantity: resource.ParseQuantity; sets `target` (value and text).
void as_quantity(const Data& data, const std::string& key, std::optional<api::Quantity>& target,
                 std::vector<ConfigError>& errors);
// cm.AsString.
void as_string(const Data& data, const std::string& key, std::string& target);

// Go's %q of a string: "abc" with quotes and backslashes escaped.
std::string quote(const std::string& text);
// Go's %v of a duration in seconds ("10m0s", "-1s").
std::string duration_string(Seconds s);

}  // namespace knsim::core::config::configmap
