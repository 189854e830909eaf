// config-gc parsing (pkg/gc/config.go NewConfigFromConfigMapFunc).
#include "core/config/gc_config.hpp"

#include <cctype>

#include "core/config/configmap_values.hpp"

namespace knsim::core::config {
namespace {

bool is_disabled(const std::string& v) {
  std::string l;
  for (char c : v) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l == "disabled";
}

// parseDisabledOrDuration: "disabled" -> -1, otherwise a non-negative Go duration.
void disabled_or_duration(const configmap::Data& data, const std::string& key, Seconds& target,
                          std::vector<ConfigError>& errors) {
  auto it = data.find(key);
  if (it == data.end()) return;
  if (is_disabled(it->second)) {
    target = kGcDisabled;
    return;
  }
  auto d = parse_duration(it->second);
  if (!d) {
    errors.push_back({key, "failed to parse " + configmap::quote(key) + ": time: invalid duration " +
                               configmap::quote(it->second)});
  } else if (*d < 0) {
    errors.push_back({key, "must be non-negative: " + key});
  } else {
    target = *d;
  }
}

// parseDisabledOrInt64: "disabled" -> -1, otherwise a non-negative integer.
void disabled_or_int(const configmap::Data& data, const std::string& key, std::int64_t& target,
                     std::vector<ConfigError>& errors) {
  auto it = data.find(key);
  if (it == data.end()) return;
  if (is_disabled(it->second)) {
    target = kGcDisabled;
    return;
  }
  std::int64_t value = target;
  const std::size_t before = errors.size();
  configmap::as_int64(data, key, value, errors);
  if (errors.size() != before) return;
  if (value < 0) {
    errors.push_back({key, "must be non-negative: " + key});
    return;
  }
  target = value;
}

}  // namespace

GcConfigResult parse_gc_config(const std::map<std::string, std::string>& data) {
  GcConfigResult r;
  GcConfig& c = r.config;
  disabled_or_duration(data, "retain-since-create-time", c.retain_since_create_time, r.errors);
  disabled_or_duration(data, "retain-since-last-active-time", c.retain_since_last_active_time, r.errors);
  // min-non-active-revisions may not be disabled.
  if (auto it = data.find("min-non-active-revisions"); it != data.end()) {
    const std::size_t before = r.errors.size();
    std::int64_t v = c.min_non_active_revisions;
    configmap::as_int64(data, "min-non-active-revisions", v, r.errors);
    if (r.errors.size() == before) {
      if (v < 0) {
        r.errors.push_back({"min-non-active-revisions", "min-non-active-revisions must be non-negative, was: " +
                                                            std::to_string(v)});
      } else {
        c.min_non_active_revisions = v;
      }
    }
  }
  disabled_or_int(data, "max-non-active-revisions", c.max_non_active_revisions, r.errors);
  if (c.max_non_active_revisions >= 0 && c.min_non_active_revisions > c.max_non_active_revisions) {
    r.errors.push_back({"min-non-active-revisions",
                        "min-non-active-revisions(" + std::to_string(c.min_non_active_revisions) +
                            ") must be <= max-non-active-revisions(" + std::to_string(c.max_non_active_revisions) + ")"});
  }
  return r;
}

}  // namespace knsim::core::config
