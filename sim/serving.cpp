// Services, Configurations and new Revisions in simulated time: a Service's template makes a
// Revision named <configuration>-<generation, 5 digits> (pkg/reconciler/configuration/resources/
// revision.go) through core/serving's configuration reconciler; the Service reconciler makes its
// Configuration and Route (core/serving). Routes: routing.cpp.
#include "sim/serving.hpp"

#include <algorithm>

#include "core/api/keys.hpp"
#include "core/serving/configuration_reconciler.hpp"
#include "core/serving/defaults.hpp"
#include "core/time/time.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

Serving::Serving(const models::SimInput& input, Cluster& cluster, DataPath& data_path, RevisionControl& control,
                 RunEvents& events, std::function<void(RevisionId)> changed)
    : input_(input),
      cluster_(cluster),
      data_path_(data_path),
      control_(control),
      events_(events),
      changed_(std::move(changed)) {}

Seconds Serving::now() const { return timer_clock(); }

void Serving::object_changed(ObjectChangeKind change, const std::string& kind, const std::string& ns,
                             const std::string& name, const std::string& reason) {
  events_.object_changed(change, object_ref(kind, ns, name), reason);
}

void Serving::apply_service(const core::api::Service& applied, const std::string& reason) {
  // Knative's defaulting webhook (idempotent; manifests/ already defaulted what it read).
  core::api::Service svc = applied;
  core::config::DefaultsConfig defaults;
  defaults.revision_timeout_seconds = static_cast<std::int64_t>(input_.defaults.revision_timeout_seconds);
  defaults.container_concurrency = input_.defaults.container_concurrency;
  core::serving::set_service_defaults(svc, defaults);
  int si = find_entry(ServingKind::kService, svc.metadata.namespace_name, svc.metadata.name);
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
  const auto change = existing ? ObjectChangeKind::kUpdate : ObjectChangeKind::kAdd;
  if (config_changed || route_changed) object_changed(change, "Service", s.namespace_name, s.name, reason);
  if (config_changed) object_changed(change, "Configuration", s.namespace_name, s.config.metadata.name, reason);
  if (route_changed) object_changed(change, "Route", s.namespace_name, s.name, reason);
  reconcile_configuration(si);
  reconcile_route(si, reason);
}

// The Configuration reconciler: stamps the revision of the current generation when it does not
// exist yet, and tracks latestCreated / latestReady.
void Serving::reconcile_configuration(int si) {
  auto lookup = [this, si](const std::string& name) -> const core::api::Revision* {
    for (RevisionId rev : services_[static_cast<std::size_t>(si)].revisions)
      if (revisions_[rev.value].name == name) return &revisions_[rev.value].api;
    return nullptr;
  };
  auto d = core::serving::reconcile_configuration(services_[static_cast<std::size_t>(si)].config, lookup, now());
  if (d.create_revision) {
    create_revision(si, *d.create_revision);
    core::serving::reconcile_configuration(services_[static_cast<std::size_t>(si)].config, lookup, now());
  }
  ServiceRt& sv = services_[static_cast<std::size_t>(si)];
  sv.latest_created = sv.config.status.latest_created_revision_name;
  sv.latest_ready = sv.config.status.latest_ready_revision_name;
  collect_revisions(si);
}

// The revision reconciler's objects: the Revision, its Deployment (pod template from the first
// container), the data path's view (containerConcurrency, timeoutSeconds, CPU limit) and the PA/SKS.
RevisionId Serving::create_revision(int si, const core::api::Revision& tmpl) {
  const ServiceRt& s = services_[static_cast<std::size_t>(si)];
  const RevisionId rev{static_cast<std::uint32_t>(revisions_.size())};
  ServingRevision r;
  r.name = tmpl.metadata.name;
  r.service = s.name;
  r.namespace_name = s.namespace_name;
  r.service_index = si;
  r.created = now();
  r.routing_state_modified = now();
  r.api = tmpl;
  r.api.status.ready.set(core::api::ConditionStatus::kUnknown, "Deploying", "", now());
  ControlSpec control;
  control.name = r.name;
  control.annotations = core::config::parse_revision_annotations(tmpl.metadata.annotations);
  control.hpa = control.annotations.class_or_default() == core::config::kHpaClass;
  if (auto it = tmpl.metadata.annotations.find(core::api::keys::kProgressDeadlineAnnotation);
      it != tmpl.metadata.annotations.end())
    control.progress_deadline = core::parse_duration(it->second);
  RevisionTraffic traffic;
  traffic.name = r.name;
  traffic.namespace_name = r.namespace_name;
  traffic.service = s.name;
  traffic.container_concurrency = tmpl.spec.container_concurrency.value_or(input_.defaults.container_concurrency);
  traffic.timeout = static_cast<double>(
      tmpl.spec.timeout_seconds.value_or(static_cast<std::int64_t>(input_.defaults.revision_timeout_seconds)));
  PodTemplate pod;
  pod.cpu_request = input_.defaults.cpu_request;
  pod.memory_request = input_.defaults.memory_request;
  pod.termination_grace = traffic.timeout;
  if (!tmpl.spec.containers.empty()) {
    const auto& c = tmpl.spec.containers.front();
    pod.image = c.image;
    if (c.resources.requests.cpu) pod.cpu_request = c.resources.requests.cpu->value;
    if (c.resources.requests.memory) pod.memory_request = static_cast<std::uint64_t>(c.resources.requests.memory->value);
    if (c.resources.limits.cpu) traffic.cpu_limit = c.resources.limits.cpu->value;
  }
  if (pod.image.empty()) pod.image = s.name;
  for (const auto& w : input_.scenario.workloads)
    if (w.service == s.name && w.namespace_name == s.namespace_name) {
      pod.image_size = w.image_size_bytes;
      break;
    }
  control.container_concurrency = traffic.container_concurrency;
  control.cpu_request = pod.cpu_request;
  data_path_.add_revision(rev, std::move(traffic));
  object_changed(ObjectChangeKind::kAdd, "Revision", r.namespace_name, r.name,
                 "created by Configuration " + s.config.metadata.name);
  object_changed(ObjectChangeKind::kAdd, "Deployment", r.namespace_name, deployment_name(r.name),
                 "created by Revision " + r.name);
  const std::string name = r.name;
  revisions_.push_back(std::move(r));
  ServiceRt& sv = services_[static_cast<std::size_t>(si)];
  sv.revisions.push_back(rev);
  sv.latest_created = name;
  std::int32_t replicas = control_.add_revision(rev, std::move(control));
  // An imported cluster's running revision (knsim.dev/starting-pods) has that many Ready pods at
  // t = 0, as the initial manifests' revisions have theirs: the Deployment starts there, and the
  // autoscaler decides from then on (within min/max-scale, as it would for the live revision).
  const auto& starting = input_.scenario.starting_pods;
  const auto start = now() > 0 ? starting.end() : starting.find(sv.namespace_name + "/" + name);
  if (start != starting.end()) replicas = start->second;
  cluster_.add_deployment(rev, name, std::move(pod), replicas);
  changed_(rev);
  const bool instant = cluster_.instant();
  if (start != starting.end()) cluster_.set_instant(true);
  cluster_.set_replicas(rev, replicas);
  cluster_.set_instant(instant);
  return rev;
}

// The Revision becomes Ready: its Configuration's latestReady and the Routes naming it follow.
// Called when its first pod becomes Ready (the cluster) and when its PA's ScaleTargetInitialized
// becomes true (RevisionControl: revision_lifecycle.go PropagateAutoscalerStatus marks the Revision's
// ResourcesAvailable from the PA; with initial-scale 0 that is at once, with no pod). Whichever comes
// first makes it Ready; the other is a no-op.
void Serving::revision_ready(RevisionId rev) {
  ServingRevision& r = revisions_[rev.value];
  if (r.api.status.ready.is_true()) return;
  r.api.status.ready.set(core::api::ConditionStatus::kTrue, "", "", now());
  const int si = r.service_index;
  const std::string name = r.name;
  reconcile_configuration(si);
  reconcile_routes_referring(si, rev, "revision " + name + " became Ready");
}

// The revision and its Deployment are deleted: no more pods, its queued requests fail.
void Serving::delete_revision(RevisionId rev, const std::string& reason) {
  ServingRevision& r = revisions_[rev.value];
  if (!r.deleted) {
    object_changed(ObjectChangeKind::kDelete, "Revision", r.namespace_name, r.name, reason);
    object_changed(ObjectChangeKind::kDelete, "Deployment", r.namespace_name, deployment_name(r.name),
                   "owner Revision deleted");
  }
  r.deleted = true;
  control_.delete_revision(rev);
  r.traffic_percent = 0;
  cluster_.delete_deployment(rev);
  data_path_.delete_revision(rev);
}

}  // namespace knsim::sim
