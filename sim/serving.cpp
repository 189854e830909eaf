// Services, Configurations, Revisions and Routes in simulated time: a Service's template makes a
// Revision named <configuration>-<generation, 5 digits> (pkg/reconciler/configuration/resources/
// revision.go); a Route programs traffic to Ready revisions only (route/traffic/traffic.go), and a
// target that is not Ready keeps the previous programmed state; tags get their own URL, which
// routes 100% to the tag's revision; a gradual rollout moves the latest revision's share in steps
// (route/traffic/rollout.go, docs/spec/serving.md 8). Revisions a Route references are Reachable; the others
// (once ready) are Unreachable and scale to zero. Route reconciliation across a namespace and
// standalone Configurations/Routes: routing.cpp.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/api/keys.hpp"
#include "core/serving/configuration_reconciler.hpp"
#include "core/serving/defaults.hpp"
#include "core/serving/rollout.hpp"
#include "core/serving/traffic.hpp"
#include "core/time/time.hpp"
#include "sim/object_changes.hpp"
#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace ca = core::autoscaler;
using core::api::Reachability;

namespace {

ca::KpaClusterConfig cluster_config(const SimInput& in) {
  ca::KpaClusterConfig c;
  const auto& a = in.autoscaler;
  c.enable_scale_to_zero = a.enable_scale_to_zero;
  c.stable_window = a.stable_window;
  c.scale_to_zero_grace_period = a.scale_to_zero_grace_period;
  c.scale_to_zero_pod_retention_period = a.scale_to_zero_pod_retention_period;
  c.progress_deadline = in.defaults.progress_deadline;
  c.target_burst_capacity = a.target_burst_capacity;
  c.initial_scale = a.initial_scale;
  c.allow_zero_initial_scale = a.allow_zero_initial_scale;
  c.min_scale = a.min_scale;
  c.max_scale = a.max_scale;
  return c;
}

}  // namespace

void Simulation::apply_service(const core::api::Service& applied, const std::string& reason) {
  // Knative's defaulting webhook (idempotent; manifests/ already defaulted what it read).
  core::api::Service svc = applied;
  core::config::DefaultsConfig defaults;
  defaults.revision_timeout_seconds = static_cast<std::int64_t>(input_.defaults.revision_timeout_seconds);
  defaults.container_concurrency = input_.defaults.container_concurrency;
  core::serving::set_service_defaults(svc, defaults);
  int si = -1;
  for (std::size_t i = 0; i < services_.size(); ++i)
    if (services_[i].kind == ServingKind::kService && services_[i].name == svc.metadata.name &&
        services_[i].namespace_name == svc.metadata.namespace_name)
      si = static_cast<int>(i);
  std::optional<core::api::Configuration> existing;
  if (si < 0) {
    ServiceRt s;
    s.name = svc.metadata.name;
    s.namespace_name = svc.metadata.namespace_name;
    services_.push_back(std::move(s));
    si = static_cast<int>(services_.size()) - 1;
  } else if (!services_[static_cast<std::size_t>(si)].deleted) {
    existing = services_[static_cast<std::size_t>(si)].config;
  }
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  const auto old_route_spec = s.route.spec;
  s.deleted = false;
  s.api = svc;
  // The Service reconciler: owned Configuration (generation bumped when its spec changes) and Route.
  s.config = core::serving::apply_configuration(existing, core::serving::make_configuration(svc));
  const auto status = s.route.status;
  s.route = core::serving::make_route(svc);
  s.route.status = status;
  const bool config_changed = !existing || existing->metadata.generation != s.config.metadata.generation;
  const bool route_changed = !existing || !(old_route_spec == s.route.spec);
  if (config_changed || route_changed)
    emit(object_change("Service", s.namespace_name, s.name, existing ? "update" : "add", reason));
  if (config_changed)
    emit(object_change("Configuration", s.namespace_name, s.config.metadata.name, existing ? "update" : "add", reason));
  if (route_changed) emit(object_change("Route", s.namespace_name, s.name, existing ? "update" : "add", reason));
  reconcile_configuration(si);
  reconcile_route(si, reason);
}

// The Configuration reconciler: stamps the revision of the current generation when it does not
// exist yet, and tracks latestCreated / latestReady.
void Simulation::reconcile_configuration(int si) {
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  auto lookup = [this, si](const std::string& name) -> const core::api::Revision* {
    for (int rev : services_[static_cast<std::size_t>(si)].revisions)
      if (revisions_[static_cast<std::size_t>(rev)].name == name) return &revisions_[static_cast<std::size_t>(rev)].api;
    return nullptr;
  };
  auto d = core::serving::reconcile_configuration(s.config, lookup, now());
  if (d.create_revision) {
    create_revision(si, *d.create_revision);
    core::serving::reconcile_configuration(services_[static_cast<std::size_t>(si)].config, lookup, now());
  }
  ServiceRt& sv = services_[static_cast<std::size_t>(si)];
  sv.latest_created = sv.config.status.latest_created_revision_name;
  sv.latest_ready = sv.config.status.latest_ready_revision_name;
  collect_revisions(si);
}

int Simulation::create_revision(int si, const core::api::Revision& rev_api) {
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  const auto& tmpl = rev_api;
  Revision r;
  r.name = rev_api.metadata.name;
  r.service = s.name;
  r.namespace_name = s.namespace_name;
  r.service_index = si;
  r.created = now();
  r.routing_state_modified = now();
  r.api = rev_api;
  r.annotations = core::config::parse_revision_annotations(tmpl.metadata.annotations);
  r.api.status.ready.set(core::api::ConditionStatus::kUnknown, "Deploying", "", now());
  r.container_concurrency = tmpl.spec.container_concurrency.value_or(input_.defaults.container_concurrency);
  r.timeout = static_cast<double>(tmpl.spec.timeout_seconds.value_or(
      static_cast<std::int64_t>(input_.defaults.revision_timeout_seconds)));
  r.cpu_request = input_.defaults.cpu_request;
  r.memory_request = input_.defaults.memory_request;
  if (!tmpl.spec.containers.empty()) {
    const auto& c = tmpl.spec.containers.front();
    r.image = c.image;
    if (c.resources.requests.cpu) r.cpu_request = c.resources.requests.cpu->value;
    if (c.resources.requests.memory) r.memory_request = static_cast<std::uint64_t>(c.resources.requests.memory->value);
    if (c.resources.limits.cpu) r.cpu_limit = c.resources.limits.cpu->value;
  }
  if (r.image.empty()) r.image = s.name;
  for (const auto& w : input_.scenario.workloads)
    if (w.service == s.name && w.namespace_ == s.namespace_name) {
      r.image_size = w.image_size_bytes;
      break;
    }
  r.hpa = r.annotations.class_or_default() == core::config::kHpaClass;
  r.stats_id = stats_.add_revision(r.name, s.name);
  r.conc_last = now();
  init_activators(r);
  r.pa.spec.reachability = Reachability::kUnknown;  // routingState "pending"
  emit(object_change("Revision", r.namespace_name, r.name, "add", "created by Configuration " + s.config.metadata.name));
  emit(object_change("Deployment", r.namespace_name, deployment_name(r.name), "add", "created by Revision " + r.name));
  revisions_.push_back(std::move(r));
  const int rev = static_cast<int>(revisions_.size()) - 1;
  s.revisions.push_back(rev);
  s.latest_created = revisions_.back().name;
  init_autoscaling(rev);
  revision_integrals(revisions_.back());
  reconcile_deployment(rev);
  return rev;
}

void Simulation::init_autoscaling(int rev) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  const bool reachable = r.pa.spec.reachability != Reachability::kUnreachable;
  r.resolved = ca::resolve_autoscaling(input_.autoscaler, r.annotations, static_cast<std::int32_t>(r.container_concurrency), reachable);
  ca::KpaScalerOverrides o;
  o.window = r.annotations.window;
  o.scale_to_zero_pod_retention_period = r.annotations.scale_to_zero_pod_retention_period;
  if (auto it = r.api.metadata.annotations.find(core::api::keys::kProgressDeadlineAnnotation);
      it != r.api.metadata.annotations.end())
    o.progress_deadline = core::parse_duration(it->second);
  o.target_burst_capacity = r.annotations.target_burst_capacity;
  o.min_scale = r.annotations.min_scale;
  o.max_scale = r.annotations.max_scale;
  o.initial_scale = r.annotations.initial_scale;
  r.scaler = ca::resolve_kpa_scaler_settings(cluster_config(input_), o);
  if (!r.collector) {
    r.collector = std::make_unique<core::metrics::MetricCollector>(r.resolved.metric);
    r.runner = std::make_unique<ca::MultiScalerRunner>(r.resolved.decider, now(), 0);
    r.replicas = r.hpa ? std::max(1, r.scaler.initial_scale) : r.scaler.initial_scale;
    r.pa.status.active.set(core::api::ConditionStatus::kUnknown, "Queued", "", now());
    r.pa.status.service_name = r.name + "-private";
    r.sks.status.activator_endpoints_populated.set(core::api::ConditionStatus::kTrue, "", "", now());
    r.sks.status.effective_mode = core::api::SksMode::kProxy;
  } else {
    r.collector->update_metric(r.resolved.metric, now());
    r.runner->update(r.resolved.decider);
  }
}

}  // namespace knsim::sim
