#include "manifests/scenario_bundle.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "core/serving/validation.hpp"
#include "manifests/documents.hpp"
#include "manifests/eventing_reader.hpp"
#include "manifests/eventing_scenario_reader.hpp"
#include "manifests/manifest_set_reader.hpp"
#include "manifests/path_index.hpp"
#include "manifests/scenario_reader.hpp"

namespace knsim::manifests {
namespace {

// Reads the documents of one timeline apply into a ManifestSet; a Scenario there is an error.
// defer_references: the eventing references are checked later by check_apply_references;
// inherited: the scenario's config-br-defaults and config-features (unless the apply has its own).
ManifestSet read_apply_set(const std::vector<Document>& docs, const KnativeConfigs& configs, Diagnostics& diags,
                           bool defer_references = false, const EventingManifests* inherited = nullptr) {
  ClassifiedDocuments c = classify_documents(docs, diags);
  c.check_eventing_references = !defer_references;
  if (inherited != nullptr) {
    c.inherited_br_defaults = &inherited->br_defaults;
    c.inherited_features = &inherited->features;
  }
  for (const Document& d : c.scenarios) {
    diags.error(d.ctx.file, d.line, join_field(d.field_prefix, "kind"),
                "a Scenario document cannot be applied from the timeline");
  }
  read_knative_objects(c, configs, diags);
  return std::move(c.set);
}

// Every ManifestSet of the scenario: the initial one, then each apply in timeline order.
std::vector<const ManifestSet*> all_sets(const ScenarioBundle& b) {
  std::vector<const ManifestSet*> sets{&b.manifests};
  for (const ManifestSet& s : b.timeline_applies) sets.push_back(&s);
  return sets;
}

bool service_has_tag(const core::api::Service& s, const std::string& tag) {
  for (const auto& t : s.spec.route.traffic) {
    if (t.tag == tag) return true;
  }
  return false;
}

// spec.workloads[i].service must name a Service or a standalone Route of the scenario (initial or
// applied later) in the workload's namespace; a tag must be declared by that Service's (or a Route's) traffic.
void check_workloads(const ScenarioBundle& b, const PathIndex& index, Diagnostics& diags) {
  const auto sets = all_sets(b);
  for (std::size_t i = 0; i < b.scenario.workloads.size(); ++i) {
    const models::WorkloadSpec& w = b.scenario.workloads[i];
    if (w.service.empty()) continue;  // already reported as missing
    const std::string path = "spec.workloads[" + std::to_string(i) + "]";
    bool found = false, tag_found = w.tag.empty();
    std::vector<std::string> names;
    for (const ManifestSet* set : sets) {
      for (const auto& s : set->services) {
        names.push_back(s.object.metadata.name);
        if (s.object.metadata.name != w.service || s.object.metadata.namespace_name != w.namespace_name) continue;
        found = true;
        tag_found = tag_found || service_has_tag(s.object, w.tag);
      }
      for (const auto& r : set->routes) {  // a standalone Route can be targeted by name too
        names.push_back(r.object.metadata.name);
        if (r.object.metadata.name != w.service || r.object.metadata.namespace_name != w.namespace_name) continue;
        found = true;
        for (const auto& t : r.object.spec.traffic) tag_found = tag_found || t.tag == w.tag;
      }
    }
    if (!found) {
      std::string msg = "no Service \"" + w.service + "\" in namespace " + w.namespace_name + " in the scenario";
      const std::string hint = suggest_name(w.service, names);
      if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
      diags.error(w.where.file, index.line_of(path + ".service"), path + ".service", msg);
    } else if (!tag_found) {
      diags.error(w.where.file, index.line_of(path + ".tag"), path + ".tag",
                  "Service \"" + w.service + "\" has no traffic target with tag \"" + w.tag + "\"");
    }
  }
}

template <typename T>
bool has_object(const std::vector<Sourced<T>>& objs, const std::string& name, const std::string& ns) {
  for (const auto& o : objs) {
    if (o.object.metadata.name == name && o.object.metadata.namespace_name == ns) return true;
  }
  return false;
}

// The eventing objects of timeline apply i may name objects of the initial manifests, of earlier
// applies and of the same apply (a Trigger applied at 5m on the Broker of t = 0).
void check_apply_references(const ScenarioBundle& b, const std::vector<std::vector<Document>>& apply_docs,
                            Diagnostics& diags) {
  ManifestSet known;
  known.services = b.manifests.services;
  known.eventing = b.manifests.eventing;
  for (std::size_t i = 0; i < b.timeline_applies.size() && i < apply_docs.size(); ++i) {
    const ManifestSet& set = b.timeline_applies[i];
    known.services.insert(known.services.end(), set.services.begin(), set.services.end());
    append_eventing(known.eventing, set.eventing);
    if (!set.eventing.empty()) check_eventing_references(apply_docs[i], set, known, diags);
  }
}

// Whether timeline set j (0: the initial manifests, j > 0: the apply of action j - 1) holds the object;
// nullopt when knsim does not simulate the kind at all.
std::optional<bool> set_has(const ManifestSet& set, const std::string& kind, const std::string& ns,
                            const std::string& name) {
  if (kind == "Service") return has_object(set.services, name, ns);
  if (kind == "Configuration") return has_object(set.configurations, name, ns);
  if (kind == "Route") return has_object(set.routes, name, ns);
  if (is_simulated_eventing_kind(eventing_api_version(kind), kind)) return has_eventing_object(set.eventing, kind, ns, name);
  return std::nullopt;
}

// delete: the kind must be one knsim simulates, and the object must exist at that moment: created by
// the initial manifests or an earlier apply, and not deleted since (a second delete of the same
// object is an error, as `kubectl delete` of a missing object is: NotFound).
void check_deletes(const ScenarioBundle& b, Diagnostics& diags) {
  for (std::size_t i = 0; i < b.scenario.timeline.size(); ++i) {
    const models::TimelineAction& a = b.scenario.timeline[i];
    if (a.kind != models::TimelineAction::Kind::kDelete || a.delete_kind.empty() || a.delete_name.empty()) continue;
    const std::string what = a.delete_kind + " " + a.delete_namespace + "/" + a.delete_name;
    if (!set_has(b.manifests, a.delete_kind, a.delete_namespace, a.delete_name)) {
      diags.error(a.where.file, a.where.line, "delete.kind",
                  "knsim does not simulate kind " + a.delete_kind +
                      ": delete names a Service, Configuration, Route or a simulated Eventing object");
      continue;
    }
    // Action index of the latest creation (-1: the initial manifests) and of the latest delete.
    std::optional<long> created, deleted;
    for (std::size_t j = 0; j <= i; ++j) {
      const ManifestSet& set = j == 0 ? b.manifests : b.timeline_applies[j - 1];
      if (*set_has(set, a.delete_kind, a.delete_namespace, a.delete_name)) created = static_cast<long>(j) - 1;
    }
    for (std::size_t k = 0; k < i; ++k) {
      const models::TimelineAction& d = b.scenario.timeline[k];
      if (d.kind == models::TimelineAction::Kind::kDelete && d.delete_kind == a.delete_kind &&
          d.delete_namespace == a.delete_namespace && d.delete_name == a.delete_name)
        deleted = static_cast<long>(k);
    }
    if (!created) {
      diags.error(a.where.file, a.where.line, "delete",
                  what + " does not exist in the scenario before " + core::format_duration(a.at));
    } else if (deleted && *deleted > *created) {
      const auto& d = b.scenario.timeline[static_cast<std::size_t>(*deleted)];
      diags.error(a.where.file, a.where.line, "delete",
                  what + " is already deleted at " + core::format_duration(d.at) + " (" + d.where.file + ":" +
                      std::to_string(d.where.line) + ") and not applied again since");
    }
  }
}

// Traffic naming a Revision the scenario never creates: Knative's webhook accepts it, but the Route
// is not Ready (RevisionMissing) and sends nothing anywhere; knsim warns and simulates exactly that
// (its requests fail as no_route). Revisions the scenario can create: each BYO template name, and
// <configuration>-NNNNN (Knative's "%s-%05d") for each version of a Service/Configuration (an upper
// bound: an apply that changes nothing creates no revision, but is counted).
void check_traffic_revisions(const ScenarioBundle& b, Diagnostics& diags) {
  std::set<std::string> revisions;     // "namespace/name"
  std::map<std::string, int> versions;  // "namespace/configuration" -> versions seen
  const auto add = [&](const core::api::ObjectMeta& owner, const core::api::RevisionTemplate& t) {
    const int generation = ++versions[owner.namespace_name + "/" + owner.name];
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%05d", generation);
    revisions.insert(owner.namespace_name + "/" + owner.name + suffix);
    if (!t.metadata.name.empty()) revisions.insert(owner.namespace_name + "/" + t.metadata.name);
  };
  const auto sets = all_sets(b);
  for (const ManifestSet* set : sets) {
    for (const auto& s : set->services) add(s.object.metadata, s.object.spec.configuration.revision_template);
    for (const auto& c : set->configurations) add(c.object.metadata, c.object.spec.revision_template);
  }
  const auto check = [&](const std::vector<core::api::TrafficTarget>& traffic, const std::string& ns,
                         const models::SourceRef& where, const std::string& kind, const std::string& name) {
    for (std::size_t i = 0; i < traffic.size(); ++i) {
      const std::string& rev = traffic[i].revision_name;
      if (rev.empty() || revisions.count(ns + "/" + rev) != 0) continue;
      diags.warning(where.file, where.line, "spec.traffic[" + std::to_string(i) + "].revisionName",
                    "Revision " + ns + "/" + rev + " never exists in the scenario: Knative accepts this, but " + kind +
                        " " + name + " stays not Ready (RevisionMissing) and its requests fail (no_route)");
    }
  };
  for (const ManifestSet* set : sets) {
    for (const auto& s : set->services)
      check(s.object.spec.route.traffic, s.object.metadata.namespace_name, s.where, "Service", s.object.metadata.name);
    for (const auto& r : set->routes)
      check(r.object.spec.traffic, r.object.metadata.namespace_name, r.where, "Route", r.object.metadata.name);
  }
}

// The newest earlier version (initial manifests or an earlier apply) of a Service/Configuration.
template <typename T>
const Sourced<T>* previous_version(const ScenarioBundle& b, std::size_t apply_index, const T& obj,
                                   std::vector<Sourced<T>> ManifestSet::*member) {
  const Sourced<T>* found = nullptr;
  for (std::size_t j = 0; j <= apply_index; ++j) {
    const ManifestSet& set = j == 0 ? b.manifests : b.timeline_applies[j - 1];
    for (const auto& o : set.*member) {
      if (o.object.metadata.name == obj.metadata.name &&
          o.object.metadata.namespace_name == obj.metadata.namespace_name) {
        found = &o;
      }
    }
  }
  return found;
}

// Knative's update rule (RevisionTemplateSpec.VerifyNameChange): an apply that changes the
// template of an existing Service/Configuration must change a BYO revision name too.
void check_updates(const ScenarioBundle& b, Diagnostics& diags) {
  for (std::size_t i = 0; i < b.timeline_applies.size(); ++i) {
    for (const auto& s : b.timeline_applies[i].services) {
      const auto* before = previous_version(b, i, s.object, &ManifestSet::services);
      if (before == nullptr) continue;
      for (const auto& e : core::serving::validate_template_name_change(
               before->object.spec.configuration.revision_template, s.object.spec.configuration.revision_template)) {
        diags.error(s.where.file, s.where.line, e.path, e.message + " (" + before->where.file + ":" +
                                                            std::to_string(before->where.line) + ")");
      }
    }
    for (const auto& c : b.timeline_applies[i].configurations) {
      const auto* before = previous_version(b, i, c.object, &ManifestSet::configurations);
      if (before == nullptr) continue;
      for (const auto& e : core::serving::validate_template_name_change(before->object.spec.revision_template,
                                                                        c.object.spec.revision_template)) {
        diags.error(c.where.file, c.where.line, e.path, e.message + " (" + before->where.file + ":" +
                                                            std::to_string(before->where.line) + ")");
      }
    }
  }
}

void read_scenario(const std::vector<Document>& scenarios, ScenarioBundle& b, const std::string& first_file,
                   Diagnostics& diags) {
  if (scenarios.empty()) {
    diags.error(first_file, 0, "", std::string("no Scenario document (apiVersion: ") + kScenarioApiVersion +
                                       ", kind: Scenario) in the scenario");
    return;
  }
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    diags.error(scenarios[i].ctx.file, scenarios[i].line, "kind",
                "a second Scenario document (the first is at " + scenarios[0].ctx.file + ":" +
                    std::to_string(scenarios[0].line) + "): want exactly one");
  }
  const Document& doc = scenarios.front();
  ScenarioDocument sd = read_scenario_document(doc);
  b.scenario = std::move(sd.spec);
  for (const auto& docs : sd.timeline_documents)
    b.timeline_applies.push_back(read_apply_set(docs, b.configs, diags, true, &b.manifests.eventing));
  check_apply_references(b, sd.timeline_documents, diags);
  const PathIndex index(doc.root, doc.field_prefix, doc.line);
  check_workloads(b, index, diags);
  check_producer_references(b.scenario.eventing, all_sets(b), index, diags);
  check_subscriber_references(b.scenario.eventing, all_sets(b), index, diags);
  check_deletes(b, diags);
  check_updates(b, diags);
  check_traffic_revisions(b, diags);
}

}  // namespace

ScenarioBundle load_scenario(const std::filesystem::path& path, Diagnostics& diags) {
  ScenarioBundle b;
  std::error_code ec;
  b.base_dir = std::filesystem::is_directory(path, ec) ? path : path.parent_path();
  const auto files = scenario_files(path, diags);
  if (files.empty()) return b;
  std::vector<Document> docs;
  for (const auto& f : files) {
    b.files.push_back(f.string());
    auto more = load_file(f, f.string(), diags);
    docs.insert(docs.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  ClassifiedDocuments c = classify_documents(docs, diags);
  b.configs = read_knative_configs(c.set.config_maps, diags);
  read_knative_objects(c, b.configs, diags);
  b.manifests = std::move(c.set);
  read_scenario(c.scenarios, b, files.front().string(), diags);
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::kWarning) b.warnings.push_back(d);
  }
  return b;
}

ManifestSet parse_manifests(const std::string& text, const std::string& source,
                            const std::filesystem::path& base_dir, const KnativeConfigs& configs,
                            Diagnostics& diags) {
  const std::filesystem::path fake = base_dir / std::filesystem::path(source).filename();
  return read_apply_set(parse_documents(text, source, fake, diags), configs, diags);
}

}  // namespace knsim::manifests
