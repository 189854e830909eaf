// Revision template and spec validation (pkg/apis/serving/v1/revision_validation.go,
// pkg/apis/serving/k8s_validation.go ValidatePodSpec/ValidateContainer, metadata_validation.go).
#include <cstdlib>
#include <set>

#include "core/config/revision_annotations.hpp"
#include "core/serving/dns_names.hpp"
#include "core/serving/validation.hpp"

namespace knsim::core::serving {
namespace {

// Ports the queue-proxy and probes use (k8s_validation.go reservedPorts).
const std::set<std::int32_t> kReservedPorts = {8012, 8013, 8022, 9090, 9091, 8008};
const std::set<std::string> kReservedEnvVars = {"PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION"};

// validate(): one container, paths relative to the container.
void validate_container(const api::Container& c, api::FieldErrors& errs) {
  if (c.name == "queue-proxy") errs.push_back({"name", "\"queue-proxy\" is a reserved container name", ""});
  for (std::size_t i = 0; i < c.env.size(); ++i) {
    const std::string base = api::index_path("env", i);
    if (c.env[i].name.empty()) {
      errs.push_back(api::err_missing_field(base + ".name"));
    } else if (kReservedEnvVars.count(c.env[i].name) > 0) {
      errs.push_back({base + ".name", "\"" + c.env[i].name + "\" is a reserved environment variable", ""});
    }
  }
  if (c.image.empty()) errs.push_back(api::err_missing_field("image"));
  if (c.container_port) {
    const std::int32_t p = *c.container_port;
    if (kReservedPorts.count(p) > 0) {
      errs.push_back(api::err_invalid_value(std::to_string(p) + " is a reserved port", "ports.containerPort",
                                       std::to_string(p) + " is a reserved port, please use a different value"));
    }
    if (p < 0 || p > 65535) errs.push_back(api::err_out_of_bounds(p, 0, 65535, "ports.containerPort"));
  }
  // Kubernetes API rule: a request may not exceed its limit.
  const auto& r = c.resources;
  if (r.requests.cpu && r.limits.cpu && r.requests.cpu->value > r.limits.cpu->value) {
    errs.push_back({"resources.requests.cpu", "must be less than or equal to cpu limit of " + r.limits.cpu->text, ""});
  }
  if (r.requests.memory && r.limits.memory && r.requests.memory->value > r.limits.memory->value) {
    errs.push_back(
        {"resources.requests.memory", "must be less than or equal to memory limit of " + r.limits.memory->text, ""});
  }
}

// ValidatePodSpec, the container part.
void validate_containers(const std::vector<api::Container>& cs, const ValidationConfig& config, api::FieldErrors& errs) {
  std::size_t ports = 0;
  for (const auto& c : cs) ports += c.container_port ? 1 : 0;
  if (ports == 0 && cs.size() > 1) errs.push_back(api::err_missing_field("containers[*].ports"));
  if (ports > 1) {
    errs.push_back({"containers[*].ports", "more than one container port is set",
                    "Only a single port is allowed across all containers"});
  }
  if (cs.empty()) {
    errs.push_back(api::err_missing_field("containers"));
    return;
  }
  if (cs.size() > 1 && config.features.multi_container != config::Flag::kEnabled) {
    errs.push_back({"", "multi-container is off, but found " + std::to_string(cs.size()) + " containers", ""});
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const std::size_t from = errs.size();
    if (cs.size() > 1 && !names.insert(cs[i].name).second) {
      errs.push_back({"name", "duplicate container name \"" + cs[i].name + "\"", ""});
    }
    validate_container(cs[i], errs);
    api::prefix_paths(errs, from, api::index_path("containers", i));
  }
}

// A timeout field: 0 is allowed, otherwise within [0, upper].
void validate_timeout(const std::optional<std::int64_t>& v, std::int64_t upper, const char* field, api::FieldErrors& errs) {
  if (v && *v != 0 && (*v < 0 || *v > upper)) errs.push_back(api::err_out_of_bounds(*v, 0, upper, field));
}

}  // namespace

api::FieldErrors validate_revision_spec(const api::RevisionSpec& spec, const ValidationConfig& config,
                                   const std::string& path) {
  api::FieldErrors errs;
  validate_containers(spec.containers, config, errs);
  const std::int64_t max_timeout = config.defaults.max_revision_timeout_seconds;
  validate_timeout(spec.timeout_seconds, max_timeout, "timeoutSeconds", errs);
  // The response-start and idle timeouts may not exceed the request timeout.
  const std::int64_t request_timeout = spec.timeout_seconds.value_or(config.defaults.revision_timeout_seconds);
  validate_timeout(spec.response_start_timeout_seconds, request_timeout, "responseStartTimeoutSeconds", errs);
  validate_timeout(spec.idle_timeout_seconds, request_timeout, "idleTimeoutSeconds", errs);
  if (spec.container_concurrency) {
    // ValidateContainerConcurrency.
    const std::int64_t lo = config.defaults.allow_container_concurrency_zero ? 0 : 1;
    const std::int64_t hi = config.defaults.container_concurrency_max_limit;
    if (*spec.container_concurrency < lo || *spec.container_concurrency > hi) {
      errs.push_back(api::err_out_of_bounds(*spec.container_concurrency, lo, hi, "containerConcurrency"));
    }
  }
  api::prefix_paths(errs, 0, path);
  return errs;
}

api::FieldErrors validate_revision_template(const api::RevisionTemplate& rt, const std::string& parent_name,
                                       const ValidationConfig& config, const std::string& path) {
  api::FieldErrors errs = validate_revision_spec(rt.spec, config, "spec");
  // autoscaling.ValidateAnnotations (helper A's implementation, every problem with its key).
  for (const auto& e : config::validate_revision_annotations(config.autoscaler, rt.metadata.annotations)) {
    errs.push_back({api::join_path("metadata.annotations", e.key), e.message, ""});
  }
  // ValidateRevisionName for a BYO name.
  const std::string& name = rt.metadata.name;
  if (!name.empty()) {
    if (auto msgs = is_dns1035_label(name); !msgs.empty()) {
      errs.push_back(api::err_invalid_value("not a DNS 1035 label: " + go_string_slice(msgs), "metadata.name"));
    } else if (const std::string prefix = parent_name + "-"; name.rfind(prefix, 0) != 0) {
      errs.push_back(api::err_invalid_value("\"" + name + "\" must have prefix \"" + prefix + "\"", "metadata.name"));
    }
  }
  // Queue sidecar resource percentage annotation: a float in [0.1, 100].
  if (auto it = rt.metadata.annotations.find("queue.sidecar.serving.knative.dev/resource-percentage");
      it != rt.metadata.annotations.end()) {
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    const std::string p = "metadata.annotations." + it->first;
    if (it->second.empty() || end == nullptr || *end != '\0') {
      errs.push_back(api::err_invalid_value(it->second, p));
    } else if (v < 0.1 || v > 100) {
      errs.push_back({p, "expected 0.1 <= " + it->second + " <= 100", ""});
    }
  }
  api::prefix_paths(errs, 0, path);
  return errs;
}

api::FieldErrors validate_template_name_change(const api::RevisionTemplate& before, const api::RevisionTemplate& after) {
  if (after.metadata.name.empty() || after.metadata.name != before.metadata.name) return {};
  if (before == after) return {};
  return {{"spec.template.metadata.name", "Saw the following changes without a name change (-old +new)", ""}};
}

}  // namespace knsim::core::serving
