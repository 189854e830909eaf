// Traffic resolution (pkg/reconciler/route/traffic/traffic.go, errors.go).
#include "core/serving/traffic.hpp"

namespace knsim::core::serving {
namespace {

std::string q(const std::string& s) { return "\"" + s + "\""; }

// addRevisionTarget / addConfigurationTarget: resolves one spec entry or returns the error.
std::optional<TrafficError> resolve_one(const api::TrafficTarget& tt, const ConfigurationLookup& configurations,
                                        const RevisionLookup& revisions, RevisionTarget& out) {
  out.tag = tt.tag;
  out.percent = tt.percent.value_or(0);
  if (!tt.revision_name.empty()) {
    const api::Revision* rev = revisions(tt.revision_name);
    if (rev == nullptr) {
      return TrafficError{true, "RevisionMissing", "Revision " + q(tt.revision_name) + " referenced in traffic not found."};
    }
    if (rev->status.ready.is_false()) {
      return TrafficError{true, "RevisionMissing", "Revision " + q(tt.revision_name) + " failed to become ready."};
    }
    if (!rev->status.ready.is_true()) {
      return TrafficError{false, "RevisionMissing", "Revision " + q(tt.revision_name) + " is not yet ready."};
    }
    out.revision_name = tt.revision_name;
    out.configuration_name = rev->metadata.label_or("serving.knative.dev/configuration", "");
    return std::nullopt;
  }
  const api::Configuration* cfg = configurations(tt.configuration_name);
  if (cfg == nullptr) {
    return TrafficError{true, "ConfigurationMissing",
                        "Configuration " + q(tt.configuration_name) + " referenced in traffic not found."};
  }
  if (cfg->status.latest_ready_revision_name.empty()) {
    if (cfg->status.ready.is_false()) {
      return TrafficError{true, "RevisionMissing",
                          "Configuration " + q(tt.configuration_name) + " does not have any ready Revision."};
    }
    return TrafficError{false, "RevisionMissing",
                        "Configuration " + q(tt.configuration_name) + " is waiting for a Revision to become ready."};
  }
  out.revision_name = cfg->status.latest_ready_revision_name;
  out.configuration_name = tt.configuration_name;
  out.latest_revision = true;
  return std::nullopt;
}

}  // namespace

std::set<std::string> TrafficConfig::referenced_revisions() const {
  std::set<std::string> out;
  for (const auto& [tag, list] : targets) {
    for (const auto& t : list) out.insert(t.revision_name);
  }
  return out;
}

std::vector<RevisionTarget> consolidate(const std::vector<RevisionTarget>& targets) {
  std::vector<RevisionTarget> out;
  for (const auto& t : targets) {
    bool merged = false;
    for (auto& o : out) {
      if (o.revision_name == t.revision_name) {
        o.percent += t.percent;
        merged = true;
        break;
      }
    }
    if (!merged) out.push_back(t);
  }
  if (out.size() == 1) out[0].percent = 100;
  return out;
}

TrafficResolution resolve_traffic(const std::vector<api::TrafficTarget>& traffic,
                                  const ConfigurationLookup& configurations, const RevisionLookup& revisions) {
  TrafficResolution res;
  TrafficConfig cfg;
  std::vector<RevisionTarget> main;
  for (const auto& tt : traffic) {
    RevisionTarget rt;
    if (auto err = resolve_one(tt, configurations, revisions, rt)) {
      // Deferred like Knative: a failure outranks a not-ready, the first of each kind wins.
      if (!res.error || (err->is_failure && !res.error->is_failure)) res.error = err;
      continue;
    }
    cfg.revision_targets.push_back(rt);
    main.push_back(rt);
    if (!rt.tag.empty()) {
      RevisionTarget tagged = rt;
      tagged.percent = 100;  // a tag's own URL sends it everything
      cfg.targets[rt.tag].push_back(tagged);
    }
  }
  if (res.error) return res;
  cfg.targets[""] = consolidate(main);
  for (auto& [tag, list] : cfg.targets) {
    if (!tag.empty()) list = consolidate(list);
  }
  res.config = std::move(cfg);
  return res;
}

std::optional<TrafficConfig> apply_traffic_to_route(api::Route& route, const TrafficResolution& resolution,
                                                    const config::NetworkConfig& network, Seconds now) {
  using api::ConditionStatus;
  auto& st = route.status;
  st.observed_generation = route.metadata.generation;
  st.url = network.default_external_scheme + "://" +
           config::route_host(network, route.metadata.name, route.metadata.namespace_name);
  if (!resolution.ok()) {
    const auto& e = *resolution.error;
    const ConditionStatus s = e.is_failure ? ConditionStatus::kFalse : ConditionStatus::kUnknown;
    st.all_traffic_assigned.set(s, e.reason, e.message, now);
    st.ready.set(s, e.reason, e.message, now);
    return std::nullopt;
  }
  st.traffic.clear();
  for (const auto& rt : resolution.config->revision_targets) {
    api::TrafficTarget t;
    t.tag = rt.tag;
    t.revision_name = rt.revision_name;
    t.configuration_name = rt.configuration_name;
    t.latest_revision = rt.latest_revision;
    t.percent = rt.percent;
    if (!rt.tag.empty()) {
      t.url = network.default_external_scheme + "://" +
              config::tag_host(network, rt.tag, route.metadata.name, route.metadata.namespace_name);
    }
    st.traffic.push_back(t);
  }
  st.all_traffic_assigned.set(ConditionStatus::kTrue, "", "", now);
  st.ingress_ready.set(ConditionStatus::kTrue, "", "", now);
  st.ready.set(ConditionStatus::kTrue, "", "", now);
  return resolution.config;
}

}  // namespace knsim::core::serving
