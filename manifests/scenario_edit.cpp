#include "manifests/scenario_edit.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>

#include "manifests/diagnostics.hpp"
#include "manifests/documents.hpp"

namespace knsim::manifests {
namespace {

namespace fs = std::filesystem;

struct SourceDoc {
  YAML::Node node;
  fs::path dir;  // folder relative references resolve against
};

// A string scalar that must stay a string (annotations, ConfigMap data): tagged "!" like a quoted
// scalar of the source, so emit_yaml() quotes it.
YAML::Node string_node(const std::string& value) {
  YAML::Node n(value);
  n.SetTag("!");
  return n;
}

// emit_yaml: emits a node keeping quoted scalars quoted: yaml-cpp's own emitter drops the "!" tag of a quoted
// scalar, which would turn "10" into the number 10 (invalid for annotations and ConfigMap data).
void emit_yaml(YAML::Emitter& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      out << YAML::BeginMap;
      for (const auto& kv : node) {
        out << YAML::Key;
        emit_yaml(out, kv.first);
        out << YAML::Value;
        emit_yaml(out, kv.second);
      }
      out << YAML::EndMap;
      break;
    case YAML::NodeType::Sequence:
      out << YAML::BeginSeq;
      for (const auto& item : node) emit_yaml(out, item);
      out << YAML::EndSeq;
      break;
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!") out << YAML::DoubleQuoted;
      out << node.Scalar();
      break;
    default:
      out << YAML::Null;
  }
}

void make_absolute(YAML::Node node, const char* key, const fs::path& dir) {
  if (!node.IsMap() || !node[key] || !node[key].IsScalar()) return;
  const fs::path p(node[key].as<std::string>());
  if (p.is_relative()) node[key] = (dir / p).lexically_normal().string();
}

void absolutize_arrivals(YAML::Node arrivals, const fs::path& dir) {
  if (!arrivals.IsMap() || !arrivals["trace"]) return;
  make_absolute(arrivals["trace"], "file", dir);
  make_absolute(arrivals["trace"], "durations", dir);
}

void absolutize_scenario(YAML::Node spec, const fs::path& dir) {
  if (spec["workloads"] && spec["workloads"].IsSequence())
    for (auto w : spec["workloads"]) absolutize_arrivals(w["arrivals"], dir);
  if (spec["timeline"] && spec["timeline"].IsSequence()) {
    for (auto a : spec["timeline"]) {
      make_absolute(a, "apply", dir);
      if (a["setArrivals"]) absolutize_arrivals(a["setArrivals"]["arrivals"], dir);
    }
  }
}

void apply_load(YAML::Node spec, const LoadEdit& load) {
  if (load.workload < 0 || !spec["workloads"] || !spec["workloads"].IsSequence()) return;
  if (static_cast<std::size_t>(load.workload) >= spec["workloads"].size()) return;
  YAML::Node arrivals(YAML::NodeType::Map);
  if (load.kind == "trace") {
    YAML::Node trace(YAML::NodeType::Map);
    trace["format"] = load.trace_format.empty() ? "csv" : load.trace_format;
    trace["file"] = fs::absolute(load.trace_file).lexically_normal().string();
    arrivals["trace"] = trace;
  } else {
    YAML::Node rate(YAML::NodeType::Map);
    rate["rate"] = load.rate;
    arrivals[load.kind.empty() ? "poisson" : load.kind] = rate;
  }
  spec["workloads"][load.workload]["arrivals"] = arrivals;
}

bool is_config_map(const YAML::Node& doc, const std::string& name) {
  return doc["kind"] && doc["kind"].as<std::string>("") == "ConfigMap" && doc["metadata"] &&
         doc["metadata"]["name"] && doc["metadata"]["name"].as<std::string>("") == name;
}

void apply_service_edits(YAML::Node doc, const ScenarioEdits& edits) {
  const std::string kind = doc["kind"] ? doc["kind"].as<std::string>("") : "";
  if (kind != "Service" && kind != "Configuration") return;
  YAML::Node tmpl = doc["spec"]["template"];
  for (const auto& [key, value] : edits.annotations) tmpl["metadata"]["annotations"][key] = string_node(value);
  if (!edits.container_concurrency.empty()) tmpl["spec"]["containerConcurrency"] = edits.container_concurrency;
}

}  // namespace

std::string write_edited_scenario(const std::string& source, const std::string& target, const ScenarioEdits& edits) {
  std::vector<SourceDoc> docs;
  Diagnostics diags;
  for (const auto& file : scenario_files(fs::path(source), diags))
    for (const Document& d : load_file(file, file.string(), diags))
      docs.push_back({d.root, fs::absolute(file).parent_path()});
  if (diags.has_errors()) return diags.to_string();
  auto missing = edits.config_maps;  // ConfigMaps to add when the scenario has none
  for (auto& d : docs) {
    if (!d.node.IsMap()) continue;
    if (d.node["kind"] && d.node["kind"].as<std::string>("") == "Scenario" && d.node["spec"]) {
      absolutize_scenario(d.node["spec"], d.dir);
      apply_load(d.node["spec"], edits.load);
    }
    for (const auto& [name, data] : edits.config_maps) {
      if (!is_config_map(d.node, name)) continue;
      for (const auto& [key, value] : data) d.node["data"][key] = string_node(value);
      missing.erase(name);
    }
    apply_service_edits(d.node, edits);
  }
  std::ofstream out(target);
  if (!out) return target + ": cannot write";
  bool first = true;
  auto write_doc = [&](const YAML::Node& n) {
    if (!first) out << "---\n";
    first = false;
    YAML::Emitter e;
    emit_yaml(e, n);
    out << e.c_str() << "\n";
  };
  for (const auto& d : docs) write_doc(d.node);
  for (const auto& [name, data] : missing) {
    YAML::Node cm(YAML::NodeType::Map);
    cm["apiVersion"] = "v1";
    cm["kind"] = "ConfigMap";
    cm["metadata"]["name"] = name;
    cm["metadata"]["namespace"] = name == "config-br-defaults" ? "knative-eventing" : "knative-serving";
    for (const auto& [key, value] : data) cm["data"][key] = string_node(value);
    write_doc(cm);
  }
  return out ? std::string() : target + ": write failed";
}

}  // namespace knsim::manifests
