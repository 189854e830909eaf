#include "manifests/knative_defaults.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <utility>

#include "core/time/time.hpp"

namespace knsim::manifests {
namespace {

using Table = std::map<std::pair<std::string, std::string>, std::string>;

const Table& table() {
  static const Table kTable = {
      // config-autoscaler (pkg/autoscaler/config/config.go defaultConfig)
      {{"config-autoscaler", "container-concurrency-target-percentage"}, "70"},
      {{"config-autoscaler", "container-concurrency-target-default"}, "100"},
      {{"config-autoscaler", "requests-per-second-target-default"}, "200"},
      {{"config-autoscaler", "target-burst-capacity"}, "211"},
      {{"config-autoscaler", "stable-window"}, "60s"},
      {{"config-autoscaler", "panic-window-percentage"}, "10"},
      {{"config-autoscaler", "panic-threshold-percentage"}, "200"},
      {{"config-autoscaler", "max-scale-up-rate"}, "1000"},
      {{"config-autoscaler", "max-scale-down-rate"}, "2"},
      {{"config-autoscaler", "enable-scale-to-zero"}, "true"},
      {{"config-autoscaler", "scale-to-zero-grace-period"}, "30s"},
      {{"config-autoscaler", "scale-to-zero-pod-retention-period"}, "0s"},
      {{"config-autoscaler", "pod-autoscaler-class"}, "kpa.autoscaling.knative.dev"},
      {{"config-autoscaler", "activator-capacity"}, "100"},
      {{"config-autoscaler", "initial-scale"}, "1"},
      {{"config-autoscaler", "allow-zero-initial-scale"}, "false"},
      {{"config-autoscaler", "min-scale"}, "0"},
      {{"config-autoscaler", "max-scale"}, "0"},
      {{"config-autoscaler", "max-scale-limit"}, "0"},
      {{"config-autoscaler", "scale-down-delay"}, "0s"},
      // config-defaults (pkg/apis/config/defaults.go)
      {{"config-defaults", "revision-timeout-seconds"}, "300"},
      {{"config-defaults", "max-revision-timeout-seconds"}, "600"},
      {{"config-defaults", "revision-response-start-timeout-seconds"}, "300"},
      {{"config-defaults", "revision-idle-timeout-seconds"}, "0"},
      {{"config-defaults", "container-concurrency"}, "0"},
      {{"config-defaults", "container-concurrency-max-limit"}, "1000"},
      {{"config-defaults", "allow-container-concurrency-zero"}, "true"},
      {{"config-defaults", "container-name-template"}, "user-container"},
      // config-deployment, config-network, config-gc
      {{"config-deployment", "progress-deadline"}, "600s"},
      {{"config-network", "rollout-duration"}, "0"},
      {{"config-gc", "retain-since-create-time"}, "48h"},
      {{"config-gc", "retain-since-last-active-time"}, "15h"},
      {{"config-gc", "min-non-active-revisions"}, "20"},
      {{"config-gc", "max-non-active-revisions"}, "1000"},
  };
  return kTable;
}

std::optional<double> as_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

std::optional<std::string> knative_default(const std::string& config_map, const std::string& key) {
  const auto it = table().find({config_map, key});
  if (it == table().end()) return std::nullopt;
  return it->second;
}

bool same_setting(const std::string& raw, const std::string& default_value) {
  const std::string value = trim(raw);
  const auto dv = core::parse_duration(value), dd = core::parse_duration(default_value);
  if (dv && dd) return *dv == *dd;
  const auto nv = as_number(value), nd = as_number(default_value);
  if (nv && nd) return *nv == *nd;
  return lower(value) == lower(default_value);
}

}  // namespace knsim::manifests
