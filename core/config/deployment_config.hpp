#pragma once
// The `config-deployment` ConfigMap, the keys the simulator uses (pkg/deployment/config.go).
// progress-deadline bounds how long a revision may take to become ready; the KPA adds 30 s to it
// for the activation timeout (core/autoscaler/kpa_scaler.hpp).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/api/quantity.hpp"
#include "core/config/autoscaler_config.hpp"  // ConfigError
#include "core/time/time.hpp"

namespace knsim::core::config {

struct DeploymentConfig {
  Seconds progress_deadline = 600;           // progress-deadline (whole seconds, > 0)
  Seconds digest_resolution_timeout = 10;    // digest-resolution-timeout (> 0)
  std::string queue_sidecar_image;           // queue-sidecar-image (informational)
  std::optional<api::Quantity> queue_sidecar_cpu_request = api::Quantity{"25m", 0.025};  // queue-sidecar-cpu-request
  std::optional<api::Quantity> queue_sidecar_cpu_limit;              // queue-sidecar-cpu-limit
  std::optional<api::Quantity> queue_sidecar_memory_request;         // queue-sidecar-memory-request
  std::optional<api::Quantity> queue_sidecar_memory_limit;           // queue-sidecar-memory-limit
};

struct DeploymentConfigResult {
  DeploymentConfig config;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};

// Messages: "progress-deadline cannot be a non-positive duration, was 0s",
// "progress-deadline must be rounded to a whole second, was: 1.5s".
DeploymentConfigResult parse_deployment_config(const std::map<std::string, std::string>& data);

}  // namespace knsim::core::config
