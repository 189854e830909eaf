// config-features parsing (pkg/apis/config/features.go asFlag).
#include "core/config/features_config.hpp"

#include <cctype>

namespace knsim::core::config {
namespace {

bool equal_fold(const std::string& a, const char* b) {
  std::size_t i = 0;
  for (; i < a.size() && b[i] != '\0'; ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return i == a.size() && b[i] == '\0';
}

void as_flag(const std::map<std::string, std::string>& data, const std::string& slug, Flag& target) {
  for (const std::string& key : {slug, "features." + slug}) {
    auto it = data.find(key);
    if (it == data.end()) continue;
    for (Flag f : {Flag::kEnabled, Flag::kAllowed, Flag::kDisabled}) {
      if (equal_fold(it->second, to_string(f))) {
        target = f;
        return;
      }
    }
  }
}

}  // namespace

const char* to_string(Flag flag) {
  switch (flag) {
    case Flag::kEnabled: return "Enabled";
    case Flag::kAllowed: return "Allowed";
    case Flag::kDisabled: break;
  }
  return "Disabled";
}

FeaturesConfigResult parse_features_config(const std::map<std::string, std::string>& data) {
  FeaturesConfigResult r;
  FeaturesConfig& c = r.config;
  as_flag(data, "multi-container", c.multi_container);
  as_flag(data, "tag-header-based-routing", c.tag_header_based_routing);
  as_flag(data, "kubernetes.podspec-init-containers", c.podspec_init_containers);
  as_flag(data, "kubernetes.podspec-volumes-emptydir", c.podspec_volumes_emptydir);
  as_flag(data, "kubernetes.podspec-persistent-volume-claim", c.podspec_persistent_volume_claim);
  as_flag(data, "kubernetes.podspec-fieldref", c.podspec_fieldref);
  as_flag(data, "autodetect-http2", c.autodetect_http2);
  as_flag(data, "queueproxy.mount-podinfo", c.queueproxy_podinfo);
  return r;
}

}  // namespace knsim::core::config
