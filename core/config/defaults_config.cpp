// config-defaults parsing and validation (pkg/apis/config/defaults.go).
#include "core/config/defaults_config.hpp"

#include <cctype>

#include "core/config/configmap_values.hpp"

namespace knsim::core::config {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// apis.ErrOutOfBoundsValue(value, lower, upper, path).Error() = "expected L <= V <= U: path".
std::string out_of_bounds(std::int64_t value, std::int64_t lo, std::int64_t hi, const std::string& path) {
  return "expected " + std::to_string(lo) + " <= " + std::to_string(value) + " <= " + std::to_string(hi) + ": " + path;
}

}  // namespace

DefaultsConfigResult parse_defaults_config(const std::map<std::string, std::string>& data) {
  using namespace configmap;
  DefaultsConfigResult r;
  DefaultsConfig& c = r.config;
  as_string(data, "init-container-name-template", c.init_container_name_template);
  as_string(data, "container-name-template", c.container_name_template);
  as_bool(data, "allow-container-concurrency-zero", c.allow_container_concurrency_zero, r.errors);
  if (auto it = data.find("enable-service-links"); it != data.end()) {
    // asTriState: "true"/"false" in any case, anything else means "unset" (nil), not an error.
    const std::string v = lower(it->second);
    c.enable_service_links = v == "true" ? std::optional<bool>(true)
                             : v == "false" ? std::optional<bool>(false)
                                            : std::nullopt;
  }
  as_int64(data, "revision-timeout-seconds", c.revision_timeout_seconds, r.errors);
  as_int64(data, "max-revision-timeout-seconds", c.max_revision_timeout_seconds, r.errors);
  as_int64(data, "revision-idle-timeout-seconds", c.revision_idle_timeout_seconds, r.errors);
  as_int64(data, "container-concurrency", c.container_concurrency, r.errors);
  as_int64(data, "container-concurrency-max-limit", c.container_concurrency_max_limit, r.errors);
  as_quantity(data, "revision-cpu-request", c.revision_cpu_request, r.errors);
  as_quantity(data, "revision-memory-request", c.revision_memory_request, r.errors);
  as_quantity(data, "revision-ephemeral-storage-request", c.revision_ephemeral_storage_request, r.errors);
  as_quantity(data, "revision-cpu-limit", c.revision_cpu_limit, r.errors);
  as_quantity(data, "revision-memory-limit", c.revision_memory_limit, r.errors);
  as_quantity(data, "revision-ephemeral-storage-limit", c.revision_ephemeral_storage_limit, r.errors);
  // The response-start timeout defaults to whatever revision-timeout-seconds resolved to.
  c.revision_response_start_timeout_seconds = c.revision_timeout_seconds;
  as_int64(data, "revision-response-start-timeout-seconds", c.revision_response_start_timeout_seconds, r.errors);
  for (auto& e : validate_defaults_config(c)) r.errors.push_back(std::move(e));
  return r;
}

std::vector<ConfigError> validate_defaults_config(const DefaultsConfig& c) {
  std::vector<ConfigError> errors;
  if (c.revision_timeout_seconds > c.max_revision_timeout_seconds) {
    errors.push_back({"revision-timeout-seconds",
                      "revision-timeout-seconds (" + std::to_string(c.revision_timeout_seconds) +
                          ") cannot be greater than max-revision-timeout-seconds (" +
                          std::to_string(c.max_revision_timeout_seconds) + ")"});
  }
  if (c.revision_response_start_timeout_seconds > 0 &&
      c.revision_response_start_timeout_seconds > c.revision_timeout_seconds) {
    errors.push_back({"revision-response-start-timeout-seconds",
                      "revision-response-start-timeout-seconds (" +
                          std::to_string(c.revision_response_start_timeout_seconds) +
                          ") cannot be greater than revision-timeout-seconds (" +
                          std::to_string(c.revision_timeout_seconds) + ")"});
  }
  if (c.revision_idle_timeout_seconds > 0 && c.revision_idle_timeout_seconds > c.revision_timeout_seconds) {
    errors.push_back({"revision-idle-timeout-seconds",
                      "revision-idle-timeout-seconds (" + std::to_string(c.revision_idle_timeout_seconds) +
                          ") cannot be greater than revision-timeout-seconds (" +
                          std::to_string(c.revision_timeout_seconds) + ")"});
  }
  if (c.container_concurrency_max_limit < 1) {
    errors.push_back({"container-concurrency-max-limit",
                      out_of_bounds(c.container_concurrency_max_limit, 1, 2147483647, "container-concurrency-max-limit")});
  } else if (c.container_concurrency < 0 || c.container_concurrency > c.container_concurrency_max_limit) {
    errors.push_back({"container-concurrency", out_of_bounds(c.container_concurrency, 0,
                                                             c.container_concurrency_max_limit, "container-concurrency")});
  }
  return errors;
}

}  // namespace knsim::core::config
