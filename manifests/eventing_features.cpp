// config-features (namespace knative-eventing): the feature flags Knative Eventing's webhook
// consults when it validates a delivery spec (knative/eventing pkg/apis/feature/features.go
// NewFlagsConfigFromMap, flag_names.go; config/core/configmaps/features.yaml). knsim reads the two
// delivery flags:
//   delivery-timeout:    enabled by default; `timeout` is rejected when not enabled
//   delivery-retryafter: disabled by default; `retryAfterMax` is rejected when not enabled, and
//                        without retryAfterMax the dispatcher ignores a subscriber's Retry-After
// A value is Enabled, Disabled or Allowed, compared case-insensitively (strings.EqualFold); only
// Enabled turns the feature on (Flags.IsEnabled). Knative fails the whole ConfigMap on another
// value ("cannot parse the feature flag"): here that is an error at data.<key>.
#include <algorithm>
#include <cctype>

#include "manifests/eventing_reader.hpp"

namespace knsim::manifests {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

core::eventing::EventingFeatures read_eventing_features(const std::vector<ConfigMapDoc>& config_maps,
                                                        Diagnostics& diags) {
  core::eventing::EventingFeatures out;
  for (const ConfigMapDoc& cm : config_maps) {
    if (cm.name != "config-features" || cm.namespace_name != "knative-eventing") continue;
    const std::pair<const char*, bool*> flags[] = {{"delivery-timeout", &out.delivery_timeout},
                                                   {"delivery-retryafter", &out.delivery_retryafter}};
    for (const auto& [key, target] : flags) {
      const auto it = cm.data.find(key);
      if (it == cm.data.end()) continue;
      const std::string v = lower(it->second);
      if (v == "enabled" || v == "disabled" || v == "allowed") {
        *target = v == "enabled";
        continue;
      }
      const auto line = cm.key_lines.find(key);
      diags.error(cm.where.file, line != cm.key_lines.end() ? line->second : cm.where.line,
                  std::string("data.") + key,
                  "cannot parse the feature flag '" + std::string(key) + "' = '" + it->second +
                      "': want enabled, disabled or allowed");
    }
  }
  return out;
}

}  // namespace knsim::manifests
