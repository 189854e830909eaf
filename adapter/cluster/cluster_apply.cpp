#include "adapter/cluster/cluster_apply.hpp"

#include "manifests/yaml_load_all.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

namespace knsim::adapter {
using nlohmann::json;
namespace fs = std::filesystem;
namespace {

constexpr const char* kAutoscalingPrefix = "autoscaling.knative.dev/";

json to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      json o = json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = to_json(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      json a = json::array();
      for (const auto& v : n) a.push_back(to_json(v));
      return a;
    }
    case YAML::NodeType::Scalar:
      return n.as<std::string>();   // annotations and ConfigMap data are strings anyway
    default:
      return nullptr;
  }
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// The live value of a string map at `path` (object keys), or an empty object.
json string_map(const json& obj, const std::vector<std::string>& path) {
  const json* cur = &obj;
  for (const auto& k : path) {
    if (!cur->is_object() || !cur->contains(k)) return json::object();
    cur = &(*cur)[k];
  }
  return cur->is_object() ? *cur : json::object();
}

void diff_into(ApplyItem& item, const json& wanted, const json& live, bool autoscaling_only) {
  for (const auto& [k, v] : wanted.items()) {
    if (autoscaling_only && k.rfind(kAutoscalingPrefix, 0) != 0) continue;
    const std::string want = v.is_string() ? v.get<std::string>() : v.dump();
    const bool set = live.contains(k);
    const std::string have = set && live[k].is_string() ? live[k].get<std::string>() : (set ? live[k].dump() : "");
    if (!set || have != want) item.changes.push_back({k, have, set, want});
  }
}

void dry_run(KubeClient& client, ApplyItem& item) {
  try {
    client.apply(item.path, item.patch, kFieldManager, true);
    item.dry_run_ok = true;
    item.dry_run_answer = "accepted";
  } catch (const KubeError& e) {
    item.dry_run_answer = e.status() == 409 ? std::string("CONFLICT with another field manager (not forced): ") + e.what()
                                            : std::string("REJECTED: ") + e.what();
  }
}

std::vector<ApplyItem> plan(KubeClient& client, const std::vector<json>& all_docs) {
  // The last document of each object wins (see read_scenario_documents).
  std::vector<json> docs;
  for (auto d = all_docs.rbegin(); d != all_docs.rend(); ++d) {
    const json meta = d->value("metadata", json::object());
    const bool seen = std::any_of(docs.begin(), docs.end(), [&](const json& o) {
      return o.value("kind", "") == d->value("kind", "") && o["metadata"].value("name", "") == meta.value("name", "") &&
             o["metadata"].value("namespace", "default") == meta.value("namespace", "default");
    });
    if (!seen && d->contains("metadata")) docs.insert(docs.begin(), *d);
  }
  std::vector<ApplyItem> items;
  for (const auto& d : docs) {
    const std::string kind = d.value("kind", ""), av = d.value("apiVersion", "");
    const json meta = d.value("metadata", json::object());
    ApplyItem item;
    item.kind = kind;
    item.name = meta.value("name", "");
    item.namespace_name = meta.value("namespace", "default");
    if (av == "serving.knative.dev/v1" && kind == "Service") {
      const json wanted = string_map(d, {"spec", "template", "metadata", "annotations"});
      item.path = "/apis/serving.knative.dev/v1/namespaces/" + item.namespace_name + "/services/" + item.name;
      item.where = "spec.template.metadata.annotations";
      const auto live = client.get_if_exists(item.path);
      diff_into(item, wanted, live ? string_map(*live, {"spec", "template", "metadata", "annotations"}) : json::object(), true);
      json ann = json::object();
      for (const auto& c : item.changes) ann[c.key] = c.wanted;
      item.patch = {{"apiVersion", av}, {"kind", kind}, {"metadata", {{"name", item.name}, {"namespace", item.namespace_name}}},
                    {"spec", {{"template", {{"metadata", {{"annotations", ann}}}}}}}};
    } else if (av == "v1" && kind == "ConfigMap" && meta.value("namespace", "") == "knative-serving" &&
               (item.name == "config-autoscaler" || item.name == "config-defaults")) {
      item.path = "/api/v1/namespaces/knative-serving/configmaps/" + item.name;
      item.where = "data";
      const auto live = client.get_if_exists(item.path);
      diff_into(item, d.value("data", json::object()), live ? string_map(*live, {"data"}) : json::object(), false);
      json data = json::object();
      for (const auto& c : item.changes) data[c.key] = c.wanted;
      item.patch = {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                    {"metadata", {{"name", item.name}, {"namespace", "knative-serving"}}}, {"data", data}};
    } else {
      continue;
    }
    if (!item.changes.empty()) items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

std::vector<json> read_scenario_documents(const fs::path& path) {
  std::vector<fs::path> files;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::directory_iterator(path)) {
      const auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
  } else if (fs::exists(path)) {
    files.push_back(path);
  } else {
    throw std::runtime_error(path.string() + ": no such file or folder");
  }
  std::vector<json> docs;
  for (const auto& f : files) {
    try {
      std::ifstream in(f, std::ios::binary);
      if (!in) throw std::runtime_error(f.string() + ": cannot read");
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      // manifests' guard: yaml-cpp 0.7's LoadAll loops forever on a stray ',' (yaml_load_all.hpp).
      for (const auto& n : manifests::load_all_yaml(text)) {
        if (n.IsMap()) docs.push_back(to_json(n));
      }
      // Inline timeline applies at 0s are part of the starting setup (import writes older
      // serving revisions that way): they come after, so the last one of an object wins.
      std::vector<json> at_zero;
      for (const auto& d : docs) {
        if (d.value("kind", "") != "Scenario" || !d.contains("spec")) continue;
        for (const auto& t : d["spec"].value("timeline", json::array())) {
          const std::string at = t.value("at", "");
          const bool zero = !at.empty() && at.find_first_not_of("0.smh") == std::string::npos &&
                            at.find_first_of("123456789") == std::string::npos;
          if (zero && t.contains("apply") && t["apply"].is_object()) at_zero.push_back(t["apply"]);
        }
      }
      docs.insert(docs.end(), at_zero.begin(), at_zero.end());
    } catch (const YAML::Exception& e) {
      throw std::runtime_error(f.string() + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    }
  }
  return docs;
}

ApplyResult apply_settings(KubeClient& client, const std::vector<json>& docs, bool yes, std::ostream& out) {
  ApplyResult r;
  r.items = plan(client, docs);
  if (r.items.empty()) {
    out << "The cluster's autoscaling settings already equal the scenario's: nothing to apply.\n";
    return r;
  }
  for (auto& item : r.items) {
    out << item.kind << " " << item.namespace_name << "/" << item.name << " (" << item.where << "):\n";
    for (const auto& c : item.changes) {
      out << "  " << c.key << ": " << (c.live_set ? quoted(c.live) : "(not set)") << " -> " << quoted(c.wanted) << "\n";
    }
    dry_run(client, item);
    r.all_dry_runs_ok = r.all_dry_runs_ok && item.dry_run_ok;
    out << "  server-side apply dry run (dryRun=All, fieldManager=knsim, force=false): " << item.dry_run_answer << "\n";
    if (item.kind == "Service") out << "  note: a change to the template stamps a new Revision\n";
  }
  if (!yes) {
    out << "Dry run only: nothing was written. Run again with --yes to apply" << (r.all_dry_runs_ok ? "" : " (after resolving the problems above)") << ".\n";
    return r;
  }
  if (!r.all_dry_runs_ok) {
    out << "Not applying: a dry run failed above (conflicts are never forced). Nothing was written.\n";
    return r;
  }
  for (auto& item : r.items) {
    client.apply(item.path, item.patch, kFieldManager, false);
    item.written = true;
    out << "applied " << item.kind << " " << item.namespace_name << "/" << item.name << "\n";
  }
  r.wrote = true;
  return r;
}

}  // namespace knsim::adapter
