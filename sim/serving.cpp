// Services, Configurations, Revisions and Routes in simulated time: a Service's template makes a
// Revision named <configuration>-<generation, 5 digits> (pkg/reconciler/configuration/resources/
// revision.go); a Route programs traffic to Ready revisions only (route/traffic/traffic.go), and a
// target that is not Ready keeps the previous programmed state; tags get their own URL, which
// routes 100% to the tag's revision; a gradual rollout moves the latest revision's share in steps
// (route/traffic/rollout.go, serving.md 8). Revisions a Route references are Reachable; the others
// (once ready) are Unreachable and scale to zero.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/api/keys.hpp"
#include "core/time/time.hpp"
#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace ca = core::autoscaler;
using core::api::Reachability;

namespace {

std::string template_key(const core::api::RevisionTemplate& t) {
  std::ostringstream k;
  k << t.metadata.name << '|';
  for (const auto& [a, v] : t.metadata.annotations) k << a << '=' << v << ';';
  k << '|' << t.spec.container_concurrency.value_or(-1) << '|' << t.spec.timeout_seconds.value_or(-1);
  for (const auto& c : t.spec.containers) {
    k << '|' << c.image << ',' << (c.resources.requests.cpu ? c.resources.requests.cpu->value : -1) << ','
      << (c.resources.requests.memory ? c.resources.requests.memory->value : -1) << ','
      << (c.resources.limits.cpu ? c.resources.limits.cpu->value : -1);
    for (const auto& e : c.env) k << ',' << e.name << '=' << e.value;
  }
  return k.str();
}

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

void Simulation::apply_service(const core::api::Service& svc, const std::string& reason) {
  int si = -1;
  for (std::size_t i = 0; i < services_.size(); ++i)
    if (services_[i].name == svc.metadata.name && services_[i].namespace_name == svc.metadata.namespace_name)
      si = static_cast<int>(i);
  if (si < 0) {
    ServiceRt s;
    s.name = svc.metadata.name;
    s.namespace_name = svc.metadata.namespace_name;
    services_.push_back(std::move(s));
    si = static_cast<int>(services_.size()) - 1;
  }
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  s.deleted = false;
  s.api = svc;
  const std::string key = template_key(svc.spec.configuration.revision_template);
  if (key != s.template_key || s.revisions.empty()) {
    s.template_key = key;
    create_revision(si, svc.spec.configuration.revision_template);
  }
  reconcile_route(si, reason);
}

void Simulation::delete_service(const std::string& ns, const std::string& name) {
  for (std::size_t si = 0; si < services_.size(); ++si) {
    ServiceRt& s = services_[si];
    if (s.name != name || s.namespace_name != ns || s.deleted) continue;
    s.deleted = true;
    s.targets.clear();
    emit(reports::TrafficChange{s.name, {}, "Service deleted"});
    for (int rev : s.revisions) {
      Revision& r = revisions_[static_cast<std::size_t>(rev)];
      r.deleted = true;
      r.traffic_percent = 0;
      r.replicas = 0;
      reconcile_deployment(rev);
      for (std::uint32_t id : std::vector<std::uint32_t>(r.activator_queue.begin(), r.activator_queue.end()))
        fail(id, reports::FailureReason::kNoRoute);
    }
  }
}

int Simulation::create_revision(int si, const core::api::RevisionTemplate& tmpl) {
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  ++s.generation;
  char gen[32];
  std::snprintf(gen, sizeof gen, "%05lld", static_cast<long long>(s.generation));
  Revision r;
  r.name = tmpl.metadata.name.empty() ? s.name + "-" + gen : tmpl.metadata.name;
  r.service = s.name;
  r.namespace_name = s.namespace_name;
  r.service_index = si;
  r.created = now();
  r.api.metadata = tmpl.metadata;
  r.api.metadata.name = r.name;
  r.api.spec = tmpl.spec;
  r.annotations = core::config::parse_revision_annotations(tmpl.metadata.annotations);
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
  r.activator.last = now();
  r.pa.spec.reachability = Reachability::kUnknown;  // routingState "pending"
  revisions_.push_back(std::move(r));
  const int rev = static_cast<int>(revisions_.size()) - 1;
  s.revisions.push_back(rev);
  s.latest_created = revisions_.back().name;
  init_autoscaling(rev);
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

void Simulation::reconcile_route(int si, const std::string& reason) {
  if (si < 0) return;
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  if (s.deleted) return;
  int latest_ready = -1;
  for (int rev : s.revisions)
    if (revisions_[static_cast<std::size_t>(rev)].ever_ready) latest_ready = rev;
  auto find_rev = [&](const std::string& name) {
    for (int rev : s.revisions)
      if (revisions_[static_cast<std::size_t>(rev)].name == name) return rev;
    return -1;
  };
  std::vector<RouteTarget> targets;
  bool ok = true;
  const auto& spec_traffic = s.api.spec.route.traffic;
  if (spec_traffic.empty()) {
    if (latest_ready < 0) ok = false;
    else targets.push_back({latest_ready, 100, ""});
  }
  int latest_target = -1;  // index in `targets` of the latestRevision entry without a tag
  for (const auto& t : spec_traffic) {
    int rev = -1;
    const bool latest = t.latest_revision.value_or(t.revision_name.empty());
    if (!t.revision_name.empty() && !latest) rev = find_rev(t.revision_name);
    else rev = latest_ready;
    if (rev < 0 || !revisions_[static_cast<std::size_t>(rev)].ever_ready) {
      ok = false;
      break;
    }
    const double pct = static_cast<double>(t.percent.value_or(0));
    bool merged = false;
    for (auto& x : targets)
      if (x.revision == rev && x.tag == t.tag) {
        x.percent += pct;
        merged = true;
      }
    if (!merged) targets.push_back({rev, pct, t.tag});
    if (latest && t.tag.empty()) latest_target = static_cast<int>(targets.size()) - 1;
  }
  if (spec_traffic.empty()) latest_target = 0;
  if (!ok) return;  // keeps the previous programmed state
  // Gradual rollout: the latest revision changed under a latestRevision target of > 1%.
  const double rollout = [&] {
    auto it = s.api.metadata.annotations.find(core::api::keys::kRolloutDurationAnnotation);
    if (it != s.api.metadata.annotations.end()) return core::parse_duration(it->second).value_or(0.0);
    return input_.defaults.rollout_duration;
  }();
  if (latest_target >= 0 && rollout > 0) {
    RouteTarget& lt = targets[static_cast<std::size_t>(latest_target)];
    int previous = -1;
    for (const auto& old : s.targets)
      if (old.tag.empty() && old.revision != lt.revision && old.percent > 0) previous = old.revision;
    if (s.rollout_to == lt.revision && s.rollout_from >= 0 && s.rollout_current < lt.percent) {
      previous = s.rollout_from;  // a rollout in progress keeps its split
    } else if (previous >= 0 && lt.percent > 1 && s.rollout_to != lt.revision) {
      // Start (rollout.go): the new revision gets 1%; steps of round((P-1)/n) every d/n seconds.
      const double minstep = 1, d = std::max(1.0, rollout - minstep);
      const double n = std::min(std::max(1.0, std::floor(d / minstep)), lt.percent - 1);
      s.rollout_from = previous;
      s.rollout_to = lt.revision;
      s.rollout_percent = lt.percent;
      s.rollout_current = 1;
      s.rollout_step = std::round((lt.percent - 1) / n);
      s.rollout_step_duration = d / n;
      const auto gen = ++s.rollout_generation;
      after(s.rollout_step_duration, [this, si, gen] {
        if (services_[static_cast<std::size_t>(si)].rollout_generation == gen) rollout_step(si);
      });
    } else {
      previous = -1;
    }
    if (previous >= 0 && s.rollout_current < lt.percent) {
      const double moved = s.rollout_current;
      const double pct = lt.percent;
      lt.percent = moved;
      targets.push_back({previous, pct - moved, ""});
    } else if (s.rollout_to == lt.revision && s.rollout_current >= s.rollout_percent) {
      s.rollout_from = -1;
    }
  }
  // Program the split; routing state follows it.
  const bool changed = [&] {
    if (targets.size() != s.targets.size()) return true;
    for (std::size_t i = 0; i < targets.size(); ++i)
      if (targets[i].revision != s.targets[i].revision || targets[i].percent != s.targets[i].percent ||
          targets[i].tag != s.targets[i].tag)
        return true;
    return false;
  }();
  s.targets = targets;
  s.latest_ready = latest_ready >= 0 ? revisions_[static_cast<std::size_t>(latest_ready)].name : "";
  for (int rev : s.revisions) {
    Revision& r = revisions_[static_cast<std::size_t>(rev)];
    double pct = 0;
    bool referenced = false;
    for (const auto& t : targets)
      if (t.revision == rev) {
        referenced = true;
        if (t.tag.empty() || t.percent > 0) pct += t.percent;
      }
    r.traffic_percent = pct;
    const Reachability want = referenced ? Reachability::kReachable
                              : (r.ever_ready ? Reachability::kUnreachable : Reachability::kUnknown);
    if (want != r.pa.spec.reachability) {
      r.pa.spec.reachability = want;
      init_autoscaling(rev);
    }
  }
  if (changed) {
    reports::TrafficChange tc;
    tc.service = s.name;
    for (const auto& t : targets) tc.targets.push_back({revisions_[static_cast<std::size_t>(t.revision)].name, t.tag, t.percent});
    tc.reason = reason;
    emit(std::move(tc));
  }
}

void Simulation::rollout_step(int si) {
  ServiceRt& s = services_[static_cast<std::size_t>(si)];
  if (s.rollout_from < 0 || s.deleted) return;
  s.rollout_current = std::min(s.rollout_percent, s.rollout_current + s.rollout_step);
  if (s.rollout_current < s.rollout_percent) {
    const auto gen = s.rollout_generation;
    after(s.rollout_step_duration, [this, si, gen] {
      if (services_[static_cast<std::size_t>(si)].rollout_generation == gen) rollout_step(si);
    });
  }
  reconcile_route(si, "gradual rollout step");
}

}  // namespace knsim::sim
