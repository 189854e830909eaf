// Service resources and Configuration reconcile (see configuration_reconciler.hpp).
#include "core/serving/configuration_reconciler.hpp"

#include "core/api/keys.hpp"
#include "core/serving/revision_naming.hpp"

namespace knsim::core::serving {

api::Configuration make_configuration(const api::Service& service) {
  api::Configuration c;
  c.metadata.name = service.metadata.name;
  c.metadata.namespace_name = service.metadata.namespace_name;
  c.metadata.annotations = service.metadata.annotations;
  c.metadata.labels = service.metadata.labels;
  c.metadata.labels[api::keys::kServiceLabel] = service.metadata.name;
  c.spec = service.spec.configuration;
  return c;
}

api::Route make_route(const api::Service& service) {
  api::Route r;
  r.metadata.name = service.metadata.name;
  r.metadata.namespace_name = service.metadata.namespace_name;
  r.metadata.annotations = service.metadata.annotations;
  r.metadata.labels = service.metadata.labels;
  r.metadata.labels[api::keys::kServiceLabel] = service.metadata.name;
  r.spec = service.spec.route;
  for (auto& tt : r.spec.traffic) {
    if (tt.revision_name.empty() && tt.configuration_name.empty()) tt.configuration_name = service.metadata.name;
  }
  return r;
}

api::Configuration apply_configuration(const std::optional<api::Configuration>& existing, api::Configuration desired) {
  if (!existing) {
    desired.metadata.generation = 1;
    return desired;
  }
  desired.status = existing->status;
  desired.metadata.generation = existing->metadata.generation + (existing->spec == desired.spec ? 0 : 1);
  return desired;
}

std::string expected_revision_name(const api::Configuration& c) {
  const std::string& byo = c.spec.revision_template.metadata.name;
  return byo.empty() ? revision_name(c.metadata.name, c.metadata.generation) : byo;
}

api::Revision make_revision(const api::Configuration& c, Seconds now) {
  api::Revision r;
  const auto& t = c.spec.revision_template;
  r.metadata.name = expected_revision_name(c);
  r.metadata.namespace_name = c.metadata.namespace_name;
  r.metadata.annotations = t.metadata.annotations;
  r.metadata.labels = t.metadata.labels;
  r.metadata.labels[api::keys::kConfigurationLabel] = c.metadata.name;
  r.metadata.labels[api::keys::kConfigurationGenerationLabel] = std::to_string(c.metadata.generation);
  if (auto it = c.metadata.labels.find(api::keys::kServiceLabel); it != c.metadata.labels.end()) {
    r.metadata.labels[api::keys::kServiceLabel] = it->second;
  }
  r.metadata.labels[api::keys::kRoutingStateLabel] = "pending";
  r.metadata.generation = 1;
  r.spec = t.spec;
  r.status.created_at = now;
  return r;
}

ConfigurationDecision reconcile_configuration(api::Configuration& c, const RevisionLookup& revisions, Seconds now) {
  ConfigurationDecision d;
  const std::string name = expected_revision_name(c);
  const api::Revision* latest = revisions(name);
  auto& st = c.status;
  st.observed_generation = c.metadata.generation;
  if (st.latest_created_revision_name != name) {
    st.latest_created_revision_name = name;
    if (st.latest_ready_revision_name != name) st.ready.set(api::ConditionStatus::kUnknown, "", "", now);
  }
  if (latest == nullptr) {
    d.create_revision = make_revision(c, now);
    d.reason = "RevisionCreated";
    return d;
  }
  if (latest->status.ready.is_true()) {
    st.latest_ready_revision_name = name;
    st.ready.set(api::ConditionStatus::kTrue, "", "", now);
    d.reason = "Ready";
  } else if (latest->status.ready.is_false()) {
    st.ready.set(api::ConditionStatus::kFalse, "RevisionFailed",
                 "Revision \"" + name + "\" failed with message: " + latest->status.ready.message + ".", now);
    d.reason = "RevisionFailed";
  } else {
    d.reason = "Waiting";
  }
  return d;
}

}  // namespace knsim::core::serving
