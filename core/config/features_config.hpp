#pragma once
// The `config-features` ConfigMap flags the simulator's validation consults
// (pkg/apis/config/features.go). Values Enabled / Allowed / Disabled, any case; an unrecognised
// value is ignored (the default stays), as Knative's asFlag does. Keys may carry a "features."
// prefix.
#include <map>
#include <string>
#include <vector>

#include "core/config/autoscaler_config.hpp"  // ConfigError

namespace knsim::core::config {

enum class Flag { kEnabled, kAllowed, kDisabled };

struct FeaturesConfig {
  Flag multi_container = Flag::kEnabled;                      // multi-container
  Flag tag_header_based_routing = Flag::kDisabled;            // tag-header-based-routing
  Flag podspec_init_containers = Flag::kDisabled;             // kubernetes.podspec-init-containers
  Flag podspec_volumes_emptydir = Flag::kEnabled;             // kubernetes.podspec-volumes-emptydir
  Flag podspec_persistent_volume_claim = Flag::kDisabled;     // kubernetes.podspec-persistent-volume-claim
  Flag podspec_fieldref = Flag::kDisabled;                    // kubernetes.podspec-fieldref
  Flag autodetect_http2 = Flag::kDisabled;                    // autodetect-http2
  Flag queueproxy_podinfo = Flag::kDisabled;                  // queueproxy.mount-podinfo
};

struct FeaturesConfigResult {
  FeaturesConfig config;
  std::vector<ConfigError> errors;  // always empty: Knative ignores unknown values
  bool ok() const { return errors.empty(); }
};

FeaturesConfigResult parse_features_config(const std::map<std::string, std::string>& data);
const char* to_string(Flag flag);

}  // namespace knsim::core::config
