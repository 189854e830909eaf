#include "manifests/bundle_summary.hpp"

#include <sstream>

#include "core/config/autoscaler_config.hpp"
#include "manifests/knative_defaults.hpp"

namespace knsim::manifests {
namespace {

using models::ArrivalSpec;

std::string fmt_number(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

std::string describe_arrivals(const ArrivalSpec& a) {
  switch (a.kind) {
    case ArrivalSpec::Kind::kPoisson: return "poisson " + fmt_number(a.rate) + "/s";
    case ArrivalSpec::Kind::kConstant: return "constant " + fmt_number(a.rate) + "/s";
    case ArrivalSpec::Kind::kSteps: return std::to_string(a.steps.size()) + " rate steps";
    case ArrivalSpec::Kind::kRamp:
      return "ramp " + fmt_number(a.from) + "/s -> " + fmt_number(a.to) + "/s over " + core::format_duration(a.over);
    case ArrivalSpec::Kind::kSinusoid:
      return "sinusoid " + fmt_number(a.mean) + "/s +- " + fmt_number(a.amplitude) + " every " +
             core::format_duration(a.period);
    case ArrivalSpec::Kind::kTrace: return "trace " + a.trace.file;
  }
  return "";
}

// The first revision a Service's template creates (BYO name or <name>-00001).
// ContainerSources or SinkBindings (both kept in rate_sources, told apart by kind).
std::size_t count_rate_sources(const EventingManifests& ev, const std::string& kind) {
  std::size_t n = 0;
  for (const auto& r : ev.rate_sources) n += r.kind == kind ? 1 : 0;
  return n;
}

std::string first_revision(const core::api::ObjectMeta& owner, const core::api::RevisionTemplate& t) {
  return t.metadata.name.empty() ? owner.name + "-00001" : t.metadata.name;
}

std::string describe_action(const models::TimelineAction& a) {
  using K = models::TimelineAction::Kind;
  switch (a.kind) {
    case K::kApply: return "apply " + a.apply_source;
    case K::kDelete: return "delete " + a.delete_kind + " " + a.delete_namespace + "/" + a.delete_name;
    case K::kFailNode: return "failNode " + a.node;
    case K::kFailActivator: return "failActivator " + a.node;
    case K::kRecoverNode: return "recoverNode " + a.node;
    case K::kSetArrivals: return "setArrivals " + a.workload + ": " + describe_arrivals(a.arrivals);
  }
  return "";
}

// ConfigMap keys whose value differs from Knative's default ("stable-window: 30s (default 60s)");
// keys set to the default are counted, not listed.
void summarize_settings(const ScenarioBundle& b, std::ostringstream& o) {
  std::vector<std::string> lines;
  std::size_t same = 0;
  for (const ConfigMapDoc& cm : b.manifests.config_maps) {
    for (const auto& [key, value] : cm.data) {
      if (key == "_example") continue;
      const auto def = knative_default(cm.name, key);
      if (def && same_setting(value, *def)) {
        ++same;
        continue;
      }
      lines.push_back("  " + cm.name + " " + key + ": " + value + (def ? " (default " + *def + ")" : ""));
    }
  }
  if (lines.empty()) {
    o << "settings: Knative defaults";
  } else {
    o << "settings that differ from Knative defaults:\n";
    for (const std::string& l : lines) o << l << "\n";
  }
  if (same > 0) o << (lines.empty() ? " " : "") << "(" << same << (same == 1 ? " ConfigMap key" : " ConfigMap keys")
                    << " set to the default)";
  if (lines.empty() || same > 0) o << "\n";
}

}  // namespace

std::string describe_traffic(const std::vector<core::api::TrafficTarget>& traffic) {
  if (traffic.empty()) return "100% @latest";
  std::string out;
  for (const auto& t : traffic) {
    if (!out.empty()) out += ", ";
    std::string target = !t.revision_name.empty() ? t.revision_name
                         : !t.configuration_name.empty() ? t.configuration_name + "@latest"
                                                         : "@latest";
    out += target + " " + std::to_string(t.percent.value_or(0)) + "%";
    if (!t.tag.empty()) out += " (tag " + t.tag + ")";
  }
  return out;
}

std::string summarize(const ScenarioBundle& b) {
  std::ostringstream o;
  const models::ScenarioSpec& s = b.scenario;
  o << "scenario " << s.name << ": duration " << core::format_duration(s.duration) << ", seed " << s.seed
    << ", sample interval " << core::format_duration(s.sample_interval) << "\n";
  o << "services: " << b.manifests.services.size() << "\n";
  for (const auto& svc : b.manifests.services) {
    const auto& m = svc.object.metadata;
    o << "  " << m.namespace_name << "/" << m.name << ": revision "
      << first_revision(m, svc.object.spec.configuration.revision_template) << "; traffic "
      << describe_traffic(svc.object.spec.route.traffic) << "\n";
  }
  for (const auto& c : b.manifests.configurations) {
    o << "  configuration " << c.object.metadata.namespace_name << "/" << c.object.metadata.name << ": revision "
      << first_revision(c.object.metadata, c.object.spec.revision_template) << "\n";
  }
  for (const auto& r : b.manifests.routes) {
    o << "  route " << r.object.metadata.namespace_name << "/" << r.object.metadata.name << ": traffic "
      << describe_traffic(r.object.spec.traffic) << "\n";
  }
  o << "node pools:";
  for (const auto& p : s.cluster.node_pools) {
    o << " " << p.name << " x" << p.count << " (" << fmt_number(p.cpu) << " cpu, "
      << fmt_number(static_cast<double>(p.memory_bytes) / (1u << 30)) << "Gi, speed " << fmt_number(p.speed) << ")";
  }
  o << "\nworkloads: " << s.workloads.size() << "\n";
  for (const auto& w : s.workloads) {
    o << "  " << w.name << " -> " << w.namespace_name << "/" << w.service << (w.tag.empty() ? "" : " tag " + w.tag)
      << ": " << describe_arrivals(w.arrivals) << "\n";
  }
  const EventingManifests& ev = b.manifests.eventing;
  if (!ev.empty() || !s.eventing.producers.empty()) {
    o << "eventing: " << ev.brokers.size() << " brokers, " << ev.triggers.size() << " triggers, " << ev.channels.size()
      << " channels, " << ev.subscriptions.size() << " subscriptions, " << ev.ping_sources.size() << " ping sources, "
      << ev.apiserver_sources.size() << " apiserver sources, " << count_rate_sources(ev, "ContainerSource")
      << " container sources, " << count_rate_sources(ev, "SinkBinding") << " sink bindings, "
      << s.eventing.producers.size() << " producers\n";
  }
  if (!s.timeline.empty()) o << "timeline: " << s.timeline.size() << " actions\n";
  for (const auto& a : s.timeline) o << "  at " << core::format_duration(a.at) << ": " << describe_action(a) << "\n";
  summarize_settings(b, o);
  for (const auto& u : b.manifests.unmodelled) o << "ignored: " << u.kind << " " << u.name << " (" << u.where.file << ")\n";
  return o.str();
}

}  // namespace knsim::manifests
