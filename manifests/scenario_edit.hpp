#pragma once
// Writing an edited copy of a scenario as one multi-document YAML file (knsim-gui's what-if rerun
// with another load, and its "Export edited scenario"). The scenario is read the way the loader
// reads it (documents.hpp: a file, or a folder's *.yaml/*.yml/*.json in name order, `kind: List`
// expanded), so the copy holds exactly the documents a run would read. Edits are YAML edits only
// (no Knative logic): replace a workload's arrivals, set ConfigMap data keys (adding the ConfigMap
// when the scenario has none), set annotations / containerConcurrency on every Service's and
// Configuration's revision template. Relative file references of the Scenario document (trace
// files, timeline applies) are made absolute, so the copy can live anywhere. Comments of the
// original are not kept (yaml-cpp does not keep them).
#include <map>
#include <string>
#include <vector>

namespace knsim::manifests {

struct LoadEdit {
  int workload = -1;          // index in spec.workloads; -1 = keep the load
  std::string kind;           // poisson | constant | trace
  std::string rate;           // requests per second (poisson, constant)
  std::string trace_format;   // azure2021 | azure2019 | csv | jsonl
  std::string trace_file;     // absolute or relative to the working directory
};

struct ScenarioEdits {
  LoadEdit load;
  std::map<std::string, std::map<std::string, std::string>> config_maps;  // "config-autoscaler" -> key -> value
  std::map<std::string, std::string> annotations;  // full annotation key -> value, on every Service template
  std::string container_concurrency;  // non-empty: spec.template.spec.containerConcurrency of every Service
};

// Reads `source` (a scenario file or folder, as load_scenario does), applies `edits` and writes
// `target`. Returns an empty string on success, else what went wrong (file and line of a syntax
// error, as knsim prints it).
std::string write_edited_scenario(const std::string& source, const std::string& target, const ScenarioEdits& edits);

}  // namespace knsim::manifests
