// config-deployment parsing (pkg/deployment/config.go NewConfigFromMap).
#include "core/config/deployment_config.hpp"

#include <cmath>

#include "core/config/configmap_values.hpp"

namespace knsim::core::config {

DeploymentConfigResult parse_deployment_config(const std::map<std::string, std::string>& data) {
  using namespace configmap;
  DeploymentConfigResult r;
  DeploymentConfig& c = r.config;
  as_string(data, "queue-sidecar-image", c.queue_sidecar_image);
  as_duration(data, "progress-deadline", c.progress_deadline, r.errors);
  as_duration(data, "digest-resolution-timeout", c.digest_resolution_timeout, r.errors);
  as_quantity(data, "queue-sidecar-cpu-request", c.queue_sidecar_cpu_request, r.errors);
  as_quantity(data, "queue-sidecar-cpu-limit", c.queue_sidecar_cpu_limit, r.errors);
  as_quantity(data, "queue-sidecar-memory-request", c.queue_sidecar_memory_request, r.errors);
  as_quantity(data, "queue-sidecar-memory-limit", c.queue_sidecar_memory_limit, r.errors);
  if (c.progress_deadline <= 0) {
    r.errors.push_back({"progress-deadline", "progress-deadline cannot be a non-positive duration, was " +
                                                 duration_string(c.progress_deadline)});
  } else if (std::floor(c.progress_deadline) != c.progress_deadline) {
    r.errors.push_back({"progress-deadline", "progress-deadline must be rounded to a whole second, was: " +
                                                 duration_string(c.progress_deadline)});
  }
  if (c.digest_resolution_timeout <= 0) {
    r.errors.push_back({"digest-resolution-timeout", "digest-resolution-timeout cannot be a non-positive duration, was " +
                                                         duration_string(c.digest_resolution_timeout)});
  }
  return r;
}

}  // namespace knsim::core::config
