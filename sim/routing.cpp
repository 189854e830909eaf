// Routes across a namespace, and standalone Configurations and Routes (kind: Configuration /
// kind: Route applied without a Service). A Route's traffic may name any revision (revisionName)
// or configuration (configurationName, latestRevision) of its namespace, resolved with
// core::serving::resolve_traffic (route/traffic/traffic.go); a target that is not Ready keeps the
// previous programmed state. A revision referenced by some Route is Reachable (routingState
// active); one referenced by none is, once Ready, Unreachable (reserve) and scales to zero
// (pkg/reconciler/labeler, pkg/reconciler/autoscaling/kpa).
#include <algorithm>

#include "core/api/keys.hpp"
#include "core/serving/configuration_reconciler.hpp"
#include "core/serving/rollout.hpp"
#include "core/serving/routing_state.hpp"
#include "core/time/time.hpp"
#include "sim/serving.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

using core::api::Reachability;

namespace {

const char* kind_name(ServingKind k) {
  switch (k) {
    case ServingKind::kService: return "Service";
    case ServingKind::kConfiguration: return "Configuration";
    case ServingKind::kRoute: return "Route";
  }
  return "?";
}

}  // namespace

int Serving::find_entry(ServingKind kind, const std::string& ns, const std::string& name) const {
  for (std::size_t i = 0; i < services_.size(); ++i)
    if (services_[i].kind == kind && services_[i].name == name && services_[i].namespace_name == ns)
      return static_cast<int>(i);
  return -1;
}

// Revision `name` for entry `si`'s Route: its own revisions first (as before standalone objects
// existed), then any live revision of the namespace.
std::optional<RevisionId> Serving::revision_index(int si, const std::string& name) const {
  const ServiceRt& s = services_[static_cast<std::size_t>(si)];
  for (RevisionId rev : s.revisions)
    if (revisions_[rev.value].name == name) return rev;
  for (std::uint32_t i = 0; i < revisions_.size(); ++i) {
    const ServingRevision& r = revisions_[i];
    if (!r.deleted && r.name == name && r.namespace_name == s.namespace_name) return RevisionId{i};
  }
  return std::nullopt;
}

const core::api::Revision* Serving::lookup_revision(int si, const std::string& name) const {
  const auto rev = revision_index(si, name);
  return rev ? &revisions_[rev->value].api : nullptr;
}

const core::api::Configuration* Serving::lookup_configuration(int si, const std::string& name) const {
  const ServiceRt& s = services_[static_cast<std::size_t>(si)];
  if (s.has_config() && s.config.metadata.name == name) return &s.config;
  for (const ServiceRt& e : services_)
    if (!e.deleted && e.has_config() && e.namespace_name == s.namespace_name && e.config.metadata.name == name)
      return &e.config;
  return nullptr;
}

void Serving::apply_standalone_configuration(const core::api::Configuration& applied, const std::string& reason) {
  const auto& ns = applied.metadata.namespace_name;
  int si = find_entry(ServingKind::kConfiguration, ns, applied.metadata.name);
  std::optional<core::api::Configuration> existing;
  if (si < 0) {
    ServiceRt s;
    s.name = applied.metadata.name;
    s.namespace_name = ns;
    s.kind = ServingKind::kConfiguration;
    services_.push_back(std::move(s));
    si = static_cast<int>(services_.size()) - 1;
  } else if (!services_[static_cast<std::size_t>(si)].deleted) {
    existing = services_[static_cast<std::size_t>(si)].config;
  }
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  s.deleted = false;
  s.config = core::serving::apply_configuration(existing, applied);
  if (!existing || existing->metadata.generation != s.config.metadata.generation)
    object_changed(existing ? ObjectChangeKind::kUpdate : ObjectChangeKind::kAdd, "Configuration", ns, s.name, reason);
  reconcile_configuration(si);
  reconcile_routes_referring(si, std::nullopt, reason);
}

void Serving::apply_standalone_route(const core::api::Route& applied, const std::string& reason) {
  int si = find_entry(ServingKind::kRoute, applied.metadata.namespace_name, applied.metadata.name);
  if (si < 0) {
    ServiceRt s;
    s.name = applied.metadata.name;
    s.namespace_name = applied.metadata.namespace_name;
    s.kind = ServingKind::kRoute;
    services_.push_back(std::move(s));
    si = static_cast<int>(services_.size()) - 1;
  }
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  const bool existed = !s.deleted && s.has_route() && !s.route.metadata.name.empty();
  if (!existed || !(s.route.spec == applied.spec))
    object_changed(existed ? ObjectChangeKind::kUpdate : ObjectChangeKind::kAdd, "Route", s.namespace_name, s.name, reason);
  s.deleted = false;
  const auto status = s.route.status;
  s.route = applied;
  s.route.status = status;
  reconcile_route(si, reason);
}

void Serving::delete_object(ServingKind kind, const std::string& ns, const std::string& name) {
  const int si = find_entry(kind, ns, name);
  if (si < 0 || services_[static_cast<std::size_t>(si)].deleted) return;
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  s.deleted = true;
  object_changed(ObjectChangeKind::kDelete, kind_name(kind), ns, name, "deleted");
  if (kind == ServingKind::kService) {  // its owned Configuration and Route go with it
    object_changed(ObjectChangeKind::kDelete, "Configuration", ns, s.config.metadata.name, "owner Service deleted");
    object_changed(ObjectChangeKind::kDelete, "Route", ns, name, "owner Service deleted");
  }
  std::set<RevisionId> touched;  // revisions whose routing state may change
  if (s.has_route()) {
    for (const auto& rn : s.referenced)
      if (const auto rev = revision_index(si, rn)) touched.insert(*rev);
    s.targets.clear();
    s.referenced.clear();
    events_.emit(reports::TrafficChange{s.name, {}, std::string(kind_name(kind)) + " deleted"});
  }
  if (s.has_config())
    for (RevisionId rev : s.revisions) delete_revision(rev, "owner Configuration deleted");
  update_reachability(ns, touched);
}

// After entry `si` changed (a revision `rev` became Ready, or a Configuration was applied): its own
// Route, then every other Route of the namespace naming that revision or configuration.
void Serving::reconcile_routes_referring(int si, std::optional<RevisionId> rev, const std::string& reason) {
  const ServiceRt& s = services_[static_cast<std::size_t>(si)];
  const std::string ns = s.namespace_name;
  const std::string cfg = s.has_config() ? s.config.metadata.name : "";
  const std::string rname = rev ? revisions_[rev->value].name : "";
  if (rev) object_changed(ObjectChangeKind::kUpdate, "Revision", ns, rname, "Ready");
  reconcile_route(si, reason);  // no-op for a standalone Configuration
  for (std::size_t i = 0; i < services_.size(); ++i) {
    const ServiceRt& e = services_[i];
    if (static_cast<int>(i) == si || e.deleted || !e.has_route() || e.namespace_name != ns) continue;
    const bool refers = std::any_of(e.route.spec.traffic.begin(), e.route.spec.traffic.end(), [&](const auto& t) {
      return (!rname.empty() && t.revision_name == rname) || (!cfg.empty() && t.configuration_name == cfg);
    });
    if (refers) reconcile_route(static_cast<int>(i), reason);
  }
  if (rev && !services_[static_cast<std::size_t>(si)].has_route()) update_reachability(ns, {*rev});
}

// The Route reconciler: traffic resolution (core/serving/traffic), then the gradual rollout
// (core/serving/rollout). A resolution that fails (a target not Ready yet) keeps the previous
// programmed traffic. Tags are routed 100 % to their revision through their own URL.
void Serving::reconcile_route(int si, const std::string& reason) {
  if (si < 0) return;
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  if (s.deleted || !s.has_route()) return;
  auto configs = [this, si](const std::string& name) { return lookup_configuration(si, name); };
  auto revs = [this, si](const std::string& name) { return lookup_revision(si, name); };
  const auto resolution = core::serving::resolve_traffic(s.route.spec.traffic, configs, revs);
  core::config::NetworkConfig network;
  network.rollout_duration_seconds = static_cast<std::int64_t>(input_.defaults.rollout_duration);
  const auto programmed = core::serving::apply_traffic_to_route(s.route, resolution, network, now());
  if (!programmed) return;
  std::optional<Seconds> annotation;
  for (const auto* ann : {&s.route.metadata.annotations, &s.api.metadata.annotations})
    if (auto it = ann->find(core::api::keys::kRolloutDurationAnnotation); it != ann->end() && !annotation)
      annotation = core::parse_duration(it->second);
  const auto duration = core::serving::rollout_duration_seconds(annotation, network.rollout_duration_seconds);
  const auto decision = core::serving::reconcile_rollout(*programmed, s.rollout, core::serving::to_ns(now()), duration, true);
  s.rollout = decision.state;
  if (decision.next_step_ns > 0) {
    const auto gen = ++s.rollout_generation;
    at(std::max(now(), core::serving::to_seconds(decision.next_step_ns)), [this, si, gen] {
      if (services_[static_cast<std::size_t>(si)].rollout_generation == gen) reconcile_route(si, "gradual rollout step");
    });
  }
  program_route(si, decision.programmed, reason);
}

// Programs the resolved traffic of entry `si`'s Route and updates the routing state of the
// revisions it referenced before or references now (and of its own revisions).
void Serving::program_route(int si, const core::serving::TrafficConfig& programmed, const std::string& reason) {
  std::vector<RouteTarget> targets;
  for (const auto& [tag, list] : programmed.targets)
    for (const auto& t : list) {
      const auto rev = revision_index(si, t.revision_name);
      if (rev) targets.push_back({*rev, tag.empty() ? static_cast<double>(t.percent) : 0.0, tag});
    }
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  const bool changed = [&] {
    if (targets.size() != s.targets.size()) return true;
    for (std::size_t i = 0; i < targets.size(); ++i)
      if (targets[i].revision != s.targets[i].revision || targets[i].percent != s.targets[i].percent ||
          targets[i].tag != s.targets[i].tag)
        return true;
    return false;
  }();
  s.targets = targets;
  std::set<RevisionId> touched(s.revisions.begin(), s.revisions.end());
  const std::set<std::string> referenced = programmed.referenced_revisions();
  const std::set<std::string>& before = s.referenced;
  for (const auto* names : {&before, &referenced})
    for (const auto& rn : *names)
      if (const auto rev = revision_index(si, rn)) touched.insert(*rev);
  s.referenced = referenced;
  update_reachability(s.namespace_name, touched);
  if (changed) {  // the Route's status.traffic (and its Service's, which mirrors it) changed
    object_changed(ObjectChangeKind::kUpdate, "Route", s.namespace_name, s.name, reason);
    if (s.kind == ServingKind::kService) object_changed(ObjectChangeKind::kUpdate, "Service", s.namespace_name, s.name, reason);
    reports::TrafficChange tc;
    tc.service = services_[static_cast<std::size_t>(si)].name;
    for (const auto& t : targets) tc.targets.push_back({revisions_[t.revision.value].name, t.tag, t.percent});
    tc.reason = reason;
    events_.emit(std::move(tc));
  }
}

// Routing state follows the programmed traffic of every Route of the namespace: referenced ->
// Reachable; a revision that was never referenced stays pending until it is Ready, then reserve
// (Unreachable). traffic_percent sums the revision's main-route shares over those Routes.
void Serving::update_reachability(const std::string& ns, const std::set<RevisionId>& revs) {
  std::set<int> gc;  // entries whose revisions changed routing state: the GC runs for them
  for (RevisionId rev : revs) {
    ServingRevision& r = revisions_[rev.value];
    if (r.deleted || r.namespace_name != ns) continue;
    double pct = 0;
    bool referenced = false;
    for (const ServiceRt& e : services_) {
      if (e.deleted || !e.has_route() || e.namespace_name != ns) continue;
      for (const auto& t : e.targets)
        if (t.revision == rev) pct += t.percent;
      referenced = referenced || e.referenced.count(r.name) > 0;
    }
    r.traffic_percent = pct;
    // core/serving/routing_state (labeler + revision/resources/pa.go): pending -> active while a
    // Route references it -> reserve once none does; active Reachable, reserve Unreachable,
    // pending Unknown. (Infrastructure failures are not modelled.)
    const auto state = core::serving::next_routing_state(r.routing_state, referenced);
    if (state != r.routing_state) {
      r.routing_state = state;
      r.routing_state_modified = now();
      gc.insert(r.service_index);
    }
    control_.set_reachability(rev, core::serving::reachability_for(r.routing_state));
  }
  for (int si : gc) collect_revisions(si);
}

// What a workload's `service` names: a Service, else a standalone Route (-1: neither exists yet).
int Serving::route_entry(const std::string& ns, const std::string& name) const {
  const int svc = find_entry(ServingKind::kService, ns, name);
  return svc >= 0 ? svc : find_entry(ServingKind::kRoute, ns, name);
}

// The Route's traffic split (a tag: its revision; otherwise a draw over the main route's percents).
std::optional<RevisionId> Serving::pick_revision(int route, std::string_view tag, core::Rng& rng) const {
  const ServiceRt& svc = services_[static_cast<std::size_t>(route)];
  if (svc.deleted) return std::nullopt;
  if (!tag.empty()) {
    for (const auto& t : svc.targets)
      if (t.tag == tag) return t.revision;
    return std::nullopt;
  }
  double total = 0;
  for (const auto& t : svc.targets) total += t.percent;
  if (total <= 0) return std::nullopt;
  double u = rng.uniform01() * total;
  std::optional<RevisionId> last;
  for (const auto& t : svc.targets) {
    if (t.percent <= 0) continue;
    last = t.revision;
    if (u < t.percent) return t.revision;
    u -= t.percent;
  }
  return last;
}

}  // namespace knsim::sim
