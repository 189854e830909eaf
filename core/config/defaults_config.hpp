#pragma once
// The `config-defaults` ConfigMap (pkg/apis/config/defaults.go: defaultDefaultsConfig,
// NewDefaultsConfigFromMap): per-revision defaults applied by the webhook and the limits the
// webhook validates against.
//
// Usage:
//   auto r = knsim::core::config::parse_defaults_config({{"revision-timeout-seconds", "120"}});
//   if (!r.ok()) for (auto& e : r.errors) report(e.key, e.message);
//   r.config.revision_timeout_seconds  // 120
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/api/quantity.hpp"
#include "core/config/autoscaler_config.hpp"  // ConfigError

namespace knsim::core::config {

struct DefaultsConfig {
  std::int64_t revision_timeout_seconds = 300;                  // revision-timeout-seconds
  std::int64_t max_revision_timeout_seconds = 600;              // max-revision-timeout-seconds
  // revision-response-start-timeout-seconds; when the key is absent it follows
  // revision-timeout-seconds (defaults.go: "We default this to what the user has specified").
  std::int64_t revision_response_start_timeout_seconds = 300;
  std::int64_t revision_idle_timeout_seconds = 0;               // revision-idle-timeout-seconds, 0 = none
  std::int64_t container_concurrency = 0;                       // container-concurrency (0 = unlimited)
  std::int64_t container_concurrency_max_limit = 1000;          // container-concurrency-max-limit
  bool allow_container_concurrency_zero = true;                 // allow-container-concurrency-zero
  std::string container_name_template = "user-container";       // container-name-template
  std::string init_container_name_template = "init-container";  // init-container-name-template
  std::optional<bool> enable_service_links = false;             // enable-service-links (tri-state)
  std::optional<api::Quantity> revision_cpu_request;             // revision-cpu-request
  std::optional<api::Quantity> revision_memory_request;          // revision-memory-request
  std::optional<api::Quantity> revision_ephemeral_storage_request;
  std::optional<api::Quantity> revision_cpu_limit;               // revision-cpu-limit
  std::optional<api::Quantity> revision_memory_limit;            // revision-memory-limit
  std::optional<api::Quantity> revision_ephemeral_storage_limit;
};

struct DefaultsConfigResult {
  DefaultsConfig config;            // parsed values; keys that failed keep their defaults
  std::vector<ConfigError> errors;  // every problem, Knative's wording
  bool ok() const { return errors.empty(); }
};

DefaultsConfigResult parse_defaults_config(const std::map<std::string, std::string>& data);

// The cross-field rules of NewDefaultsConfigFromMap, every failed rule reported:
//   revision-timeout-seconds (700) cannot be greater than max-revision-timeout-seconds (600)
//   expected 0 <= 2000 <= 1000: container-concurrency
std::vector<ConfigError> validate_defaults_config(const DefaultsConfig& config);

}  // namespace knsim::core::config
