// `knsim cluster import` (see cluster_import.hpp). LIST/GET only: nothing here writes to the cluster.
#include "adapter/cluster/cluster_import.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include "adapter/cluster/clean.hpp"
#include "adapter/cluster/yaml_out.hpp"

namespace knsim::adapter {
using nlohmann::json;
using nlohmann::ordered_json;
namespace fs = std::filesystem;
namespace {

// The ConfigMaps knsim reads (manifests/manifest_set_reader.cpp), by namespace.
const std::vector<std::pair<std::string, std::string>> kConfigMaps = {
    {"knative-serving", "config-autoscaler"}, {"knative-serving", "config-defaults"},
    {"knative-serving", "config-deployment"}, {"knative-serving", "config-network"},
    {"knative-serving", "config-gc"},         {"knative-serving", "config-features"},
    {"knative-eventing", "config-br-defaults"}, {"knative-eventing", "config-features"}};

// Eventing kinds imported when their group is installed: group/version and plural.
const std::vector<std::pair<std::string, std::string>> kEventing = {
    {"eventing.knative.dev/v1", "brokers"},         {"eventing.knative.dev/v1", "triggers"},
    {"messaging.knative.dev/v1", "channels"},       {"messaging.knative.dev/v1", "inmemorychannels"},
    {"messaging.knative.dev/v1", "subscriptions"},  {"sources.knative.dev/v1", "pingsources"},
    {"sources.knative.dev/v1", "apiserversources"}, {"sources.knative.dev/v1", "containersources"},
    {"sources.knative.dev/v1", "sinkbindings"},     {"flows.knative.dev/v1", "sequences"},
    {"flows.knative.dev/v1", "parallels"}};

std::string ns_of(const json& o) { return o["metadata"].value("namespace", std::string("")); }
std::string name_of(const json& o) { return o["metadata"].value("name", std::string("")); }

bool has_controller_owner(const json& o) {
  for (const auto& r : o["metadata"].value("ownerReferences", json::array())) {
    if (r.value("controller", false)) return true;
  }
  return false;
}

struct Lister {
  KubeClient& client;
  std::vector<std::string> namespaces;   // empty: all namespaces
  std::vector<json> list(const std::string& prefix, const std::string& plural, const std::string& query = "") {
    if (namespaces.empty()) return client.list(prefix + "/" + plural, query).items;
    std::vector<json> all;
    for (const auto& ns : namespaces) {
      auto items = client.list(prefix + "/namespaces/" + ns + "/" + plural, query).items;
      all.insert(all.end(), items.begin(), items.end());
    }
    return all;
  }
};

bool pod_ready(const json& pod) {
  const json& st = pod.value("status", json::object());
  if (st.value("phase", "") != "Running" || pod["metadata"].contains("deletionTimestamp")) return false;
  for (const auto& c : st.value("conditions", json::array())) {
    if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
  }
  return false;
}

// Node pools: schedulable nodes grouped by instance type and allocatable CPU and memory.
ordered_json node_pools(KubeClient& client) {
  std::map<std::tuple<std::string, std::string, std::string>, int> groups;
  for (const auto& n : client.list("/api/v1/nodes").items) {
    if (n.value("spec", json::object()).value("unschedulable", false)) continue;
    bool control_plane = false;
    for (const auto& t : n.value("spec", json::object()).value("taints", json::array())) {
      if (t.value("effect", "") == "NoSchedule" && t.value("key", "") == "node-role.kubernetes.io/control-plane") {
        control_plane = true;
      }
    }
    if (control_plane) continue;
    const json& alloc = n.value("status", json::object()).value("allocatable", json::object());
    const json labels = n["metadata"].value("labels", json::object());
    groups[{labels.value("node.kubernetes.io/instance-type", ""), alloc.value("cpu", "1"), alloc.value("memory", "1Gi")}]++;
  }
  ordered_json pools = ordered_json::array();
  int i = 0;
  for (const auto& [key, count] : groups) {
    std::string name = std::get<0>(key);
    std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)) && c != '-'; }, '-');
    if (name.empty() || std::count_if(pools.begin(), pools.end(), [&](const auto& p) { return p["name"] == name; })) {
      name = "pool-" + std::to_string(i);
    }
    ++i;
    pools.push_back({{"name", name}, {"count", count}, {"cpu", std::get<1>(key)}, {"memory", std::get<2>(key)}});
  }
  return pools;
}

// A Service manifest with the given template and traffic.
ordered_json service_with(const json& svc, const json& tmpl, const json& traffic) {
  json s = svc;
  s["spec"]["template"] = tmpl;
  s["spec"]["traffic"] = traffic;
  return clean_manifest(s);
}

void import_service(const json& svc, const std::map<std::string, json>& revisions,
                    const std::map<std::string, int>& ready, ImportedCluster& out, ordered_json& timeline) {
  const std::string ns = ns_of(svc), name = name_of(svc);
  const json status = svc.value("status", json::object());
  const std::string latest = status.value("latestCreatedRevisionName", "");
  json live_template = svc["spec"].value("template", json::object());
  if (!latest.empty() && live_template["metadata"].value("name", "").empty()) live_template["metadata"]["name"] = latest;
  std::vector<std::string> older;
  for (const auto& t : status.value("traffic", json::array())) {
    const std::string rev = t.value("revisionName", "");
    ServingRevision sr{ns, name, rev, t.value("tag", ""), t.value("percent", 0), 0};
    if (const auto r = ready.find(ns + "/" + rev); r != ready.end()) sr.ready_pods = r->second;
    out.revisions.push_back(sr);
    if (!rev.empty() && rev != live_template["metadata"].value("name", "") &&
        std::find(older.begin(), older.end(), rev) == older.end()) {
      older.push_back(rev);
    }
  }
  // Oldest first, by the Configuration generation that stamped them.
  auto generation = [&](const std::string& rev) {
    const auto r = revisions.find(ns + "/" + rev);
    if (r == revisions.end()) return 0L;
    const json labels = r->second["metadata"].value("labels", json::object());
    return std::atol(labels.value("serving.knative.dev/configurationGeneration", "0").c_str());
  };
  std::stable_sort(older.begin(), older.end(), [&](const auto& a, const auto& b) { return generation(a) < generation(b); });
  const json latest_100 = json::array({{{"latestRevision", true}, {"percent", 100}}});
  bool first = true;
  for (const auto& rev : older) {
    const auto r = revisions.find(ns + "/" + rev);
    if (r == revisions.end()) {
      out.warnings.push_back("Service " + ns + "/" + name + ": traffic names revision " + rev +
                             " but it was not found; its share goes to the latest revision");
      continue;
    }
    ordered_json doc = service_with(svc, template_of_revision(r->second), latest_100);
    if (first) {
      out.serving.push_back(doc);
      first = false;
    } else {
      timeline.push_back({{"at", "0s"}, {"apply", doc}});
    }
  }
  json traffic = svc["spec"].value("traffic", json::array());
  if (older.empty() || traffic.empty()) traffic = first ? traffic : latest_100;
  ordered_json live = service_with(svc, live_template, traffic);
  if (first) {
    out.serving.push_back(live);
  } else {
    timeline.push_back({{"at", "0s"}, {"apply", live}});
  }
}

}  // namespace

ImportedCluster read_cluster(KubeClient& client, const ImportOptions& o) {
  ImportedCluster out;
  const Discovery d = client.discover();
  if (!d.serving()) throw std::runtime_error("Knative Serving (serving.knative.dev/v1) is not installed on " + client.access().server);
  out.eventing_installed = d.eventing();
  Lister lister{client, o.all_namespaces ? std::vector<std::string>{}
                        : (o.namespaces.empty() ? std::vector<std::string>{client.access().namespace_name} : o.namespaces)};
  const std::string serving = "/apis/serving.knative.dev/v1";
  std::map<std::string, json> revisions;
  for (auto& r : lister.list(serving, "revisions")) {
    const std::string key = ns_of(r) + "/" + name_of(r);
    revisions[key] = std::move(r);
  }
  std::map<std::string, int> ready;
  for (const auto& p : lister.list("/api/v1", "pods", "labelSelector=" + url_escape("serving.knative.dev/revision"))) {
    if (pod_ready(p)) ready[ns_of(p) + "/" + p["metadata"]["labels"].value("serving.knative.dev/revision", "")]++;
  }
  ordered_json timeline = ordered_json::array();
  for (const auto& svc : lister.list(serving, "services")) import_service(svc, revisions, ready, out, timeline);
  for (const auto& cfg : lister.list(serving, "configurations")) {
    if (has_controller_owner(cfg)) continue;   // a Service's own Configuration
    json c = cfg;
    const std::string latest = cfg.value("status", json::object()).value("latestCreatedRevisionName", "");
    if (!latest.empty() && c["spec"]["template"]["metadata"].value("name", "").empty()) {
      c["spec"]["template"]["metadata"]["name"] = latest;
    }
    out.serving.push_back(clean_manifest(c));
  }
  for (const auto& route : lister.list(serving, "routes")) {
    if (!has_controller_owner(route)) out.serving.push_back(clean_manifest(route));
  }
  for (const auto& [ns, name] : kConfigMaps) {
    if (ns == "knative-eventing" && !out.eventing_installed) continue;
    if (auto cm = client.get_if_exists("/api/v1/namespaces/" + ns + "/configmaps/" + name)) {
      out.config_maps.push_back(clean_manifest(*cm));
    }
  }
  for (const auto& [gv, plural] : kEventing) {
    if (!d.has(gv.substr(0, gv.find('/')), gv.substr(gv.find('/') + 1))) continue;
    for (const auto& o2 : lister.list("/apis/" + gv, plural)) {
      if (!has_controller_owner(o2)) out.eventing.push_back(clean_manifest(o2));
    }
  }
  // The Scenario document.
  ordered_json starting = ordered_json::object();
  std::string serving_text;
  for (const auto& r : out.revisions) {
    starting[r.namespace_name + "/" + r.name] = r.ready_pods;
    serving_text += "\n  " + r.namespace_name + "/" + r.name + ": " + std::to_string(r.percent) + " %" +
                    (r.tag.empty() ? "" : ", tag " + r.tag) + ", " + std::to_string(r.ready_pods) + " ready pods";
  }
  out.scenario = {{"apiVersion", "knsim.dev/v1alpha1"}, {"kind", "Scenario"},
                  {"metadata", {{"name", "imported"},
                                {"annotations", {{"knsim.dev/imported-from", client.access().server},
                                                 {"knsim.dev/imported-at", o.imported_at},
                                                 {"knsim.dev/starting-pods", starting.dump()}}}}},
                  {"spec", {{"duration", o.scenario_duration}, {"seed", 1}, {"cluster", {{"nodePools", node_pools(client)}}}}}};
  if (!timeline.empty()) out.scenario["spec"]["timeline"] = timeline;
  const std::string where = o.all_namespaces ? "all namespaces" : "namespaces: " + [&] {
    std::string s;
    for (const auto& n : lister.namespaces) s += (s.empty() ? "" : ", ") + n;
    return s;
  }();
  out.header = {"Imported by `knsim cluster import` from " + client.access().describe(),
                "at " + o.imported_at + " (" + where + ").",
                "Revisions serving traffic then (ready pods in metadata.annotations knsim.dev/starting-pods):" + serving_text,
                "Live revision names are kept (spec.template.metadata.name); older serving revisions are",
                "re-created by the timeline entries at 0s."};
  return out;
}

void write_scenario_folder(const ImportedCluster& c, const fs::path& dir) {
  fs::create_directories(dir);
  auto write_docs = [&](const std::string& file, const std::vector<ordered_json>& docs, const std::string& head) {
    if (docs.empty()) return;
    std::ofstream f(dir / file, std::ios::binary);
    f << "# " << head << "\n";
    for (std::size_t i = 0; i < docs.size(); ++i) f << (i ? "---\n" : "") << to_yaml(docs[i]);
    if (!f) throw std::runtime_error("cannot write " + (dir / file).string());
  };
  write_docs("serving.yaml", c.serving, "Knative Serving objects imported by knsim cluster import (clean manifests).");
  write_docs("config.yaml", c.config_maps, "Knative config-* ConfigMaps imported by knsim cluster import.");
  write_docs("eventing.yaml", c.eventing, "Knative Eventing objects imported by knsim cluster import.");
  std::ofstream f(dir / "scenario.yaml", std::ios::binary);
  for (const auto& line : c.header) {
    std::size_t start = 0;
    for (std::size_t nl; (nl = line.find('\n', start)) != std::string::npos; start = nl + 1) {
      f << "# " << line.substr(start, nl - start) << "\n";
    }
    f << "# " << line.substr(start) << "\n";
  }
  if (!c.scenario["spec"].contains("workloads")) {
    f << "# No workload: the load on the live cluster is not known here. Add one under spec.workloads, e.g.\n"
         "#   workloads:\n"
         "#     - {service: SERVICE, namespace: NAMESPACE, arrivals: {poisson: {rate: 10}}, request: {cpu: 20ms}}\n"
         "# or record the real load with `knsim cluster record --prometheus URL --since 1h --out DIR`.\n";
  }
  f << to_yaml(c.scenario);
  if (!f) throw std::runtime_error("cannot write " + (dir / "scenario.yaml").string());
}

}  // namespace knsim::adapter
