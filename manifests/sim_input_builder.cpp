// See sim_input_builder.hpp.
#include "manifests/sim_input_builder.hpp"

#include "core/config/revision_annotations.hpp"
#include "manifests/scenario_overrides.hpp"

namespace knsim::manifests {

void apply_overrides(ScenarioBundle& b, const std::vector<std::string>& sets,
                     Diagnostics& diags) {
  bool configs_changed = false, pools_changed = false;
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    const auto dot = s.find('.');
    if (eq == std::string::npos || dot == std::string::npos || dot > eq || dot == 0 || dot + 1 == eq) {
      diags.error("--set", 0, s, "expected KEY=VALUE with KEY config-NAME.KEY, SERVICE.ANNOTATION or scenario.FIELD");
      continue;
    }
    const std::string head = s.substr(0, dot), key = s.substr(dot + 1, eq - dot - 1), value = s.substr(eq + 1);
    if (head == "scenario") {
      pools_changed = apply_scenario_override(b.scenario, key, value, s, diags) || pools_changed;
      continue;
    }
    if (head.rfind("config-", 0) == 0) {
      manifests::ConfigMapDoc* cm = nullptr;
      for (auto& c : b.manifests.config_maps)
        if (c.name == head) cm = &c;
      if (cm == nullptr) {
        manifests::ConfigMapDoc c;
        c.name = head;
        c.namespace_name = head == "config-br-defaults" ? "knative-eventing" : "knative-serving";
        c.where = {"--set", 0};
        b.manifests.config_maps.push_back(std::move(c));
        cm = &b.manifests.config_maps.back();
      }
      cm->data[key] = value;
      configs_changed = true;
      continue;
    }
    bool found = false;
    for (auto& svc : b.manifests.services) {
      if (svc.object.metadata.name != head) continue;
      found = true;
      auto& ann = svc.object.spec.configuration.revision_template.metadata.annotations;
      ann[key] = value;
      for (const auto& e : core::config::validate_revision_annotations(b.configs.autoscaler, ann))
        diags.error("--set", 0, s, e.key + ": " + e.message);
    }
    if (!found) diags.error("--set", 0, s, "no Service named '" + head + "' in the scenario");
  }
  if (pools_changed) check_node_pools(b.scenario, diags);
  if (configs_changed) {
    Diagnostics cd;
    b.configs = manifests::read_knative_configs(b.manifests.config_maps, cd);
    for (const auto& d : cd.items())
      if (d.file == "--set" || d.severity == manifests::Severity::kError) diags.add(d);
  }
}

models::SimInput make_sim_input(const ScenarioBundle& b) {
  models::SimInput in;
  in.scenario = b.scenario;
  for (const auto& s : b.manifests.services) in.services.push_back(s.object);
  for (const auto& c : b.manifests.configurations) in.configurations.push_back(c.object);
  for (const auto& r : b.manifests.routes) in.routes.push_back(r.object);
  in.eventing = b.manifests.eventing;
  in.autoscaler = b.configs.autoscaler;
  in.gc = b.configs.gc;
  in.defaults.revision_timeout_seconds = static_cast<double>(b.configs.defaults.revision_timeout_seconds);
  in.defaults.container_concurrency = b.configs.defaults.container_concurrency;
  in.defaults.progress_deadline = b.configs.deployment.progress_deadline;
  in.defaults.rollout_duration = static_cast<double>(b.configs.network.rollout_duration_seconds);
  if (b.configs.defaults.revision_cpu_request) in.defaults.cpu_request = b.configs.defaults.revision_cpu_request->value;
  if (b.configs.defaults.revision_memory_request)
    in.defaults.memory_request = static_cast<std::uint64_t>(b.configs.defaults.revision_memory_request->value);
  for (std::size_t i = 0; i < b.timeline_applies.size(); ++i) {
    auto& v = in.timeline_services[i];
    for (const auto& s : b.timeline_applies[i].services) v.push_back(s.object);
    if (v.empty()) in.timeline_services.erase(i);
    for (const auto& c : b.timeline_applies[i].configurations) in.timeline_configurations[i].push_back(c.object);
    for (const auto& r : b.timeline_applies[i].routes) in.timeline_routes[i].push_back(r.object);
    if (!b.timeline_applies[i].eventing.empty() || !b.timeline_applies[i].eventing.flow_address.empty())
      in.timeline_eventing[i] = b.timeline_applies[i].eventing;
  }
  return in;
}

}  // namespace knsim::manifests
