#pragma once
// The what-if settings as data (no Qt): which Knative knob each field is, how an edited value
// reaches a rerun, and validation with Knative's own rules from core/config (the GUI only calls
// them). A setting reaches the rerun as `knsim run --set` (manifests/sim_input_builder.hpp): a
// config-autoscaler key (`config-autoscaler.KEY=V`) or, when the scenario's Services already set
// the matching autoscaling.knative.dev annotation (which would override the ConfigMap), that
// annotation on every Service (`SERVICE.autoscaling.knative.dev/KEY=V`). containerConcurrency is a
// Revision spec field with no --set form: it goes through an edited scenario copy.
#include <map>
#include <string>
#include <vector>

#include "manifests/scenario_bundle.hpp"
#include "manifests/scenario_edit.hpp"

namespace knsim::gui {

// The edited scenario copy is written by manifests/ (the loader's own reading of files and folders).
using manifests::LoadEdit;
using manifests::ScenarioEdits;
using manifests::write_edited_scenario;

struct WhatIfSetting {
  std::string id;             // stable id, also the config-autoscaler key where there is one
  std::string label;          // shown in the form
  std::string config_key;     // config-autoscaler key; empty if none
  std::string annotation;     // autoscaling.knative.dev/<annotation>; empty if none
  const char* tooltip = "";
};

// The settings of the panel, in form order: target, metric, stable-window, panic-window-percentage,
// panic-threshold-percentage, target-burst-capacity, min-scale, max-scale, initial-scale,
// scale-down-delay, scale-to-zero-grace-period, containerConcurrency.
const std::vector<WhatIfSetting>& whatif_settings();

class WhatIfModel {
 public:
  // Reads the baseline: config-autoscaler data and the annotations of the first Service template.
  void set_bundle(const manifests::ScenarioBundle* bundle);
  // The baseline value shown as placeholder ("60s", "concurrency", "0", ...).
  std::string baseline(const std::string& id) const;
  // True when the setting goes through the annotation (the scenario annotates it, or it only exists
  // as an annotation: target, metric).
  bool uses_annotation(const std::string& id) const;

  // Validates the edited values (id -> text; empty text = unchanged) with Knative's rules.
  // Returns id -> message for every invalid field.
  std::map<std::string, std::string> validate(const std::map<std::string, std::string>& edits) const;
  // The --set arguments of the edits: "config-autoscaler.stable-window=30s",
  // "hello.autoscaling.knative.dev/target=5" (one per Service).
  std::vector<std::string> set_arguments(const std::map<std::string, std::string>& edits) const;
  // The scenario edits that are not --set: containerConcurrency (plus `load`).
  ScenarioEdits scenario_edits(const std::map<std::string, std::string>& edits, const LoadEdit& load) const;
  // Everything as scenario edits (for "Export edited scenario": ConfigMap keys written too).
  ScenarioEdits all_as_edits(const std::map<std::string, std::string>& edits, const LoadEdit& load) const;

 private:
  const WhatIfSetting* find(const std::string& id) const;

  std::map<std::string, std::string> config_data_;   // config-autoscaler data of the scenario
  std::map<std::string, std::string> annotations_;   // first Service template's annotations
  std::vector<std::string> services_;                // ksvc names, for SERVICE.annotation sets
  core::config::AutoscalerConfig config_;
  std::int64_t container_concurrency_ = 0;
};

}  // namespace knsim::gui
