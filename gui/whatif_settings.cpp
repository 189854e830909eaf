#include "gui/whatif_settings.hpp"

#include "core/config/defaults_config.hpp"
#include "core/config/revision_annotations.hpp"
#include "gui/tooltips.hpp"

namespace knsim::gui {
namespace {

const std::string kPrefix = core::config::kAnnotationPrefix;

}  // namespace

const std::vector<WhatIfSetting>& whatif_settings() {
  static const std::vector<WhatIfSetting> kSettings = {
      {"target", "target (per pod)", "", "target", tooltip::kTarget},
      {"metric", "metric", "", "metric", tooltip::kMetric},
      {"stable-window", "stable window", "stable-window", "window", tooltip::kStableWindow},
      {"panic-window-percentage", "panic window (%)", "panic-window-percentage", "panic-window-percentage",
       tooltip::kPanicWindow},
      {"panic-threshold-percentage", "panic threshold (%)", "panic-threshold-percentage",
       "panic-threshold-percentage", tooltip::kPanicThreshold},
      {"target-burst-capacity", "target burst capacity", "target-burst-capacity", "target-burst-capacity",
       tooltip::kTbc},
      {"min-scale", "min scale", "min-scale", "min-scale", tooltip::kMinScale},
      {"max-scale", "max scale", "max-scale", "max-scale", tooltip::kMaxScale},
      {"initial-scale", "initial scale", "initial-scale", "initial-scale", tooltip::kInitialScale},
      {"scale-down-delay", "scale-down delay", "scale-down-delay", "scale-down-delay", tooltip::kScaleDownDelay},
      {"scale-to-zero-grace-period", "scale-to-zero grace", "scale-to-zero-grace-period", "",
       tooltip::kScaleToZeroGrace},
      {"containerConcurrency", "containerConcurrency", "", "", tooltip::kContainerConcurrency},
  };
  return kSettings;
}

const WhatIfSetting* WhatIfModel::find(const std::string& id) const {
  for (const auto& s : whatif_settings())
    if (s.id == id) return &s;
  return nullptr;
}

void WhatIfModel::set_bundle(const manifests::ScenarioBundle* bundle) {
  config_data_.clear();
  annotations_.clear();
  config_ = {};
  services_.clear();
  if (!bundle) return;
  for (const auto& svc : bundle->manifests.services) services_.push_back(svc.object.metadata.name);
  for (const auto& cm : bundle->manifests.config_maps)
    if (cm.name == "config-autoscaler") config_data_ = cm.data;
  config_ = bundle->configs.autoscaler;
  container_concurrency_ = bundle->configs.defaults.container_concurrency;
  if (!bundle->manifests.services.empty()) {
    const auto& tmpl = bundle->manifests.services.front().object.spec.configuration.revision_template;
    annotations_ = tmpl.metadata.annotations;
    if (tmpl.spec.container_concurrency) container_concurrency_ = *tmpl.spec.container_concurrency;
  }
}

bool WhatIfModel::uses_annotation(const std::string& id) const {
  const WhatIfSetting* s = find(id);
  if (!s || s->annotation.empty()) return false;
  return s->config_key.empty() || annotations_.count(kPrefix + s->annotation) > 0;
}

std::string WhatIfModel::baseline(const std::string& id) const {
  namespace cfg = core::config;
  const WhatIfSetting* s = find(id);
  if (!s) return {};
  if (!s->annotation.empty()) {
    auto it = annotations_.find(kPrefix + s->annotation);
    if (it != annotations_.end()) return it->second;
  }
  // The effective default target depends on containerConcurrency and the metric (the autoscaler
  // computes it); the panel shows the run's own value once a run reported it.
  if (id == "target") return "Knative default";
  if (id == "metric") return cfg::kMetricConcurrency;
  if (id == "containerConcurrency") return std::to_string(container_concurrency_);
  if (id == "stable-window") return cfg::go_format_duration(config_.stable_window);
  if (id == "panic-window-percentage") return cfg::go_format_float(config_.panic_window_percentage);
  if (id == "panic-threshold-percentage") return cfg::go_format_float(config_.panic_threshold_percentage);
  if (id == "target-burst-capacity") return cfg::go_format_float(config_.target_burst_capacity);
  if (id == "min-scale") return std::to_string(config_.min_scale);
  if (id == "max-scale") return std::to_string(config_.max_scale);
  if (id == "initial-scale") return std::to_string(config_.initial_scale);
  if (id == "scale-down-delay") return cfg::go_format_duration(config_.scale_down_delay);
  if (id == "scale-to-zero-grace-period") return cfg::go_format_duration(config_.scale_to_zero_grace_period);
  return {};
}

std::map<std::string, std::string> WhatIfModel::validate(const std::map<std::string, std::string>& edits) const {
  namespace cfg = core::config;
  std::map<std::string, std::string> problems;
  auto data = config_data_;
  auto annotations = annotations_;
  std::map<std::string, std::string> key_to_id;  // ConfigMap or annotation key -> setting id
  for (const auto& [id, value] : edits) {
    const WhatIfSetting* s = find(id);
    if (!s || value.empty()) continue;
    if (id == "containerConcurrency") {
      auto r = cfg::parse_defaults_config({{"container-concurrency", value}});
      if (!r.errors.empty()) problems[id] = r.errors.front().message;
    } else if (uses_annotation(id)) {
      annotations[kPrefix + s->annotation] = value;
      key_to_id[kPrefix + s->annotation] = id;
    } else {
      data[s->config_key] = value;
      key_to_id[s->config_key] = id;
    }
  }
  const auto parsed = cfg::parse_autoscaler_config(data);
  for (const auto& e : parsed.errors) {
    auto it = key_to_id.find(e.key);
    // A cross-key rule (e.g. min-scale <= max-scale) may name a key that was not edited.
    const std::string id = it != key_to_id.end() ? it->second : (find(e.key) ? e.key : std::string("stable-window"));
    if (!problems.count(id)) problems[id] = e.message;
  }
  for (const auto& e : cfg::validate_revision_annotations(parsed.config, annotations)) {
    auto it = key_to_id.find(e.key);
    if (it != key_to_id.end() && !problems.count(it->second)) problems[it->second] = e.message;
    else if (it == key_to_id.end()) problems["target"] = e.key + ": " + e.message;
  }
  return problems;
}

std::vector<std::string> WhatIfModel::set_arguments(const std::map<std::string, std::string>& edits) const {
  std::vector<std::string> sets;
  for (const auto& s : whatif_settings()) {
    auto it = edits.find(s.id);
    if (it == edits.end() || it->second.empty()) continue;
    if (uses_annotation(s.id)) {
      for (const auto& service : services_) sets.push_back(service + "." + kPrefix + s.annotation + "=" + it->second);
    } else if (!s.config_key.empty()) {
      sets.push_back("config-autoscaler." + s.config_key + "=" + it->second);
    }
  }
  return sets;
}

ScenarioEdits WhatIfModel::scenario_edits(const std::map<std::string, std::string>& edits, const LoadEdit& load) const {
  ScenarioEdits out;
  out.load = load;
  for (const auto& s : whatif_settings()) {
    auto it = edits.find(s.id);
    if (it == edits.end() || it->second.empty()) continue;
    if (s.id == "containerConcurrency") out.container_concurrency = it->second;
  }
  return out;
}

ScenarioEdits WhatIfModel::all_as_edits(const std::map<std::string, std::string>& edits, const LoadEdit& load) const {
  ScenarioEdits out = scenario_edits(edits, load);
  for (const auto& s : whatif_settings()) {
    auto it = edits.find(s.id);
    if (it == edits.end() || it->second.empty()) continue;
    if (uses_annotation(s.id)) out.annotations[kPrefix + s.annotation] = it->second;
    else if (!s.config_key.empty()) out.config_maps["config-autoscaler"][s.config_key] = it->second;
  }
  return out;
}

}  // namespace knsim::gui
