#include "manifests/manifest_set_reader.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "manifests/eventing_reader.hpp"
#include "manifests/knative_reader.hpp"
#include "manifests/knative_validation.hpp"
#include "manifests/scenario_reader.hpp"

namespace knsim::manifests {
namespace {

// Kinds of docs/spec/scenario.md that knsim recognises but does not simulate yet.
const std::set<std::pair<std::string, std::string>> kRecognisedKinds = {
    {"eventing.knative.dev/v1", "Broker"},         {"eventing.knative.dev/v1", "Trigger"},
    {"eventing.knative.dev/v1", "EventType"},      {"messaging.knative.dev/v1", "InMemoryChannel"},
    {"messaging.knative.dev/v1", "Channel"},       {"messaging.knative.dev/v1", "Subscription"},
    {"sources.knative.dev/v1", "PingSource"},      {"sources.knative.dev/v1", "ApiServerSource"},
    {"sources.knative.dev/v1", "ContainerSource"}, {"sources.knative.dev/v1", "SinkBinding"},
    {"flows.knative.dev/v1", "Sequence"},          {"flows.knative.dev/v1", "Parallel"}};

// ConfigMaps knsim reads, by namespace.
const std::set<std::pair<std::string, std::string>> kKnownConfigMaps = {
    {"knative-serving", "config-autoscaler"}, {"knative-serving", "config-defaults"},
    {"knative-serving", "config-deployment"}, {"knative-serving", "config-network"},
    {"knative-serving", "config-gc"},         {"knative-serving", "config-features"},
    {"knative-eventing", "config-br-defaults"}, {"knative-eventing", "config-features"}};

std::string where_text(const models::SourceRef& w) { return w.file + ":" + std::to_string(w.line); }

void classify_one(const Document& d, ClassifiedDocuments& out, Diagnostics& diags) {
  const std::string prefix = d.field_prefix;
  const Field root(d.ctx, d.root, prefix, d.line, true);
  MapReader top = root.map();
  const Field av = top.required("apiVersion");
  const Field kind = top.required("kind");
  const auto av_s = av.string();
  const auto kind_s = kind.string();
  if (!av_s || !kind_s) return;
  const models::SourceRef where{d.ctx.file, d.line};
  if (*kind_s == "Scenario") {
    if (*av_s != kScenarioApiVersion) av.error("want " + std::string(kScenarioApiVersion) + " for kind Scenario");
    out.scenarios.push_back(d);
  } else if (*av_s == kServingApiVersion && *kind_s == "Service") {
    out.services.push_back(d);
  } else if (*av_s == kServingApiVersion && *kind_s == "Configuration") {
    out.configurations.push_back(d);
  } else if (*av_s == kServingApiVersion && *kind_s == "Route") {
    out.routes.push_back(d);
  } else if (is_simulated_eventing_kind(*av_s, *kind_s)) {
    out.eventing.push_back(d);
  } else if (*av_s == "v1" && *kind_s == "ConfigMap") {
    ConfigMapDoc cm = read_config_map(d);
    if (kKnownConfigMaps.count({cm.namespace_name, cm.name}) == 0) {
      diags.warning(d.ctx.file, d.line, join_field(prefix, "metadata.name"),
                    "ConfigMap " + cm.namespace_name + "/" + cm.name + " is not read by knsim: ignored");
      out.set.unmodelled.push_back({*av_s, *kind_s, cm.name, cm.namespace_name, where});
      return;
    }
    for (const ConfigMapDoc& other : out.set.config_maps) {
      if (other.name == cm.name && other.namespace_name == cm.namespace_name) {
        diags.error(d.ctx.file, d.line, join_field(prefix, "metadata.name"),
                    "ConfigMap " + cm.namespace_name + "/" + cm.name + " is defined twice (first at " +
                        where_text(other.where) + ")");
      }
    }
    out.set.config_maps.push_back(std::move(cm));
  } else {
    std::string msg;
    if (kRecognisedKinds.count({*av_s, *kind_s}) != 0) {
      msg = *kind_s + " (" + *av_s + ") is recognised but not simulated yet: ignored";
    } else if (*av_s == kServingApiVersion && *kind_s == "Revision") {
      msg = "Revision manifests are ignored: Revisions are created from Configurations and Services";
    } else {
      msg = "unknown kind " + *kind_s + " (" + *av_s + "): ignored";
    }
    diags.warning(d.ctx.file, kind.line(), join_field(prefix, "kind"), msg);
    out.set.unmodelled.push_back({*av_s, *kind_s, d.name, d.namespace_name, where});
  }
}

// "namespace/name" -> index in its vector: lookups instead of a scan per object (a scenario of
// 40,000 Services made the scans quadratic).
using NameIndex = std::map<std::string, std::size_t>;

std::string key_of(const core::api::ObjectMeta& m) { return m.namespace_name + "/" + m.name; }

// Reports a second object with the same namespace/name.
template <typename T>
bool check_unique(const std::vector<Sourced<T>>& have, const NameIndex& index, const T& obj, const Document& d,
                  const char* kind, Diagnostics& diags) {
  const auto it = index.find(key_of(obj.metadata));
  if (it == index.end()) return true;
  diags.error(d.ctx.file, d.line, join_field(d.field_prefix, "metadata.name"),
              std::string(kind) + " " + obj.metadata.namespace_name + "/" + obj.metadata.name +
                  " is defined twice (first at " + where_text(have[it->second].where) + ")");
  return false;
}

template <typename T>
void add(std::vector<Sourced<T>>& to, NameIndex& index, T obj, const Document& d) {
  index.emplace(key_of(obj.metadata), to.size());
  to.push_back({std::move(obj), {d.ctx.file, d.line}});
}

// A Service owns the Configuration and the Route of its own name. Knative does not adopt a standalone
// one of that name: the Service stays not Ready with reason NotOwned ("There is an existing
// Configuration/Route ... that we do not own", pkg/reconciler/service/service.go). knsim rejects it.
template <typename T>
bool check_not_service_owned(const std::vector<Sourced<core::api::Service>>& services, const NameIndex& index,
                             const T& obj, const Document& d, const char* kind, Diagnostics& diags) {
  const auto it = index.find(key_of(obj.metadata));
  if (it == index.end()) return true;
  diags.error(d.ctx.file, d.line, join_field(d.field_prefix, "metadata.name"),
              std::string(kind) + " " + obj.metadata.namespace_name + "/" + obj.metadata.name +
                  " has the name of Service " + obj.metadata.name + "'s own " + kind + " (Service at " +
                  where_text(services[it->second].where) + "): Knative would not adopt it and the Service would "
                  "stay not Ready (NotOwned); rename one of them");
  return false;
}

}  // namespace

ConfigMapDoc read_config_map(const Document& d) {
  ConfigMapDoc cm;
  cm.where = {d.ctx.file, d.line};
  const Field root(d.ctx, d.root, d.field_prefix, d.line, true);
  MapReader top = root.map();
  top.allow({"apiVersion", "kind", "binaryData", "immutable"});
  core::api::ObjectMeta meta;
  read_object_meta(top.required("metadata"), meta);
  cm.name = meta.name;
  if (meta.name.empty()) top.get("metadata").error("a ConfigMap needs metadata.name");
  cm.namespace_name = meta.namespace_name;
  const Field dataf = top.get("data");
  MapReader data = dataf.map();
  for (const std::string& key : data.keys()) {
    const Field v = data.get(key);
    cm.key_lines[key] = v.line();
    if (v.is_null()) {
      cm.data[key] = "";
      continue;
    }
    const auto s = v.string();
    if (!s) continue;
    const std::string& tag = v.node().Tag();
    const bool plain = tag == "?" || tag.empty();
    const bool looks_typed = *s == "true" || *s == "false" ||
                             (s->find_first_not_of("0123456789.-+eE") == std::string::npos &&
                              s->find_first_of("0123456789") != std::string::npos);
    if (plain && looks_typed) {
      v.error("ConfigMap data values must be strings: quote the value (\"" + *s + "\")");
      continue;
    }
    cm.data[key] = *s;
  }
  top.finish();
  return cm;
}

ClassifiedDocuments classify_documents(const std::vector<Document>& docs, Diagnostics& diags) {
  ClassifiedDocuments out;
  for (const Document& d : docs) classify_one(d, out, diags);
  return out;
}

void read_knative_objects(ClassifiedDocuments& docs, const KnativeConfigs& configs, Diagnostics& diags) {
  ManifestSet& set = docs.set;
  NameIndex services, configurations, routes;
  for (std::size_t i = 0; i < set.services.size(); ++i) services.emplace(key_of(set.services[i].object.metadata), i);
  for (std::size_t i = 0; i < set.configurations.size(); ++i)
    configurations.emplace(key_of(set.configurations[i].object.metadata), i);
  for (std::size_t i = 0; i < set.routes.size(); ++i) routes.emplace(key_of(set.routes[i].object.metadata), i);
  for (const Document& d : docs.services) {
    core::api::Service s = read_service(d);
    validate_and_default(s, d, configs, diags);
    if (check_unique(set.services, services, s, d, "Service", diags)) add(set.services, services, std::move(s), d);
  }
  for (const Document& d : docs.configurations) {
    core::api::Configuration c = read_configuration(d);
    validate_and_default(c, d, configs, diags);
    if (check_unique(set.configurations, configurations, c, d, "Configuration", diags) &&
        check_not_service_owned(set.services, services, c, d, "Configuration", diags)) {
      add(set.configurations, configurations, std::move(c), d);
    }
  }
  for (const Document& d : docs.routes) {
    core::api::Route r = read_route(d);
    validate_and_default(r, d, configs, diags);
    if (check_unique(set.routes, routes, r, d, "Route", diags) &&
        check_not_service_owned(set.services, services, r, d, "Route", diags))
      add(set.routes, routes, std::move(r), d);
  }
  read_eventing_objects(docs.eventing, set, diags, docs.check_eventing_references, docs.inherited_br_defaults,
                        docs.inherited_features);
}

}  // namespace knsim::manifests
