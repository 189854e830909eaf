#pragma once
// The `config-gc` ConfigMap (pkg/gc/config.go): when non-active revisions are deleted. Each key
// may be "disabled" (stored as -1).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/config/autoscaler_config.hpp"  // ConfigError
#include "core/time/time.hpp"

namespace knsim::core::config {

inline constexpr std::int64_t kGcDisabled = -1;

struct GcConfig {
  Seconds retain_since_create_time = 48 * 3600;      // retain-since-create-time (-1 = disabled)
  Seconds retain_since_last_active_time = 15 * 3600; // retain-since-last-active-time (-1 = disabled)
  std::int64_t min_non_active_revisions = 20;        // min-non-active-revisions
  std::int64_t max_non_active_revisions = 1000;      // max-non-active-revisions (-1 = disabled)
};

struct GcConfigResult {
  GcConfig config;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};

GcConfigResult parse_gc_config(const std::map<std::string, std::string>& data);

}  // namespace knsim::core::config
