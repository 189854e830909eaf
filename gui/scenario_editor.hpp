#pragma once
// ScenarioEditor: writes an edited copy of a scenario as one multi-document YAML file, for a
// what-if rerun with another load and for "Export edited scenario". Edits are textual YAML edits
// only (no Knative logic): replace a workload's arrivals, set config-autoscaler / config-defaults
// data keys, set annotations on every Service's revision template. Relative file references of the
// Scenario document (trace files, timeline applies) are made absolute, so the copy can live
// anywhere. Comments of the original are not kept (yaml-cpp does not keep them).
#include <map>
#include <string>
#include <vector>

namespace knsim::gui {

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

// Reads `source` (a file or a folder of *.yaml/*.yml, in name order), applies `edits` and writes
// `target`. Returns an empty string on success, else what went wrong.
std::string write_edited_scenario(const std::string& source, const std::string& target, const ScenarioEdits& edits);

}  // namespace knsim::gui
