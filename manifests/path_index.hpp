#pragma once
// Field path -> line of one document, so that validation problems found on typed objects
// (core/serving returns {field path, message}) can be printed at the right line.
// Paths use Knative's spelling: "spec.traffic[1].percent",
// "metadata.annotations.autoscaling.knative.dev/min-scale".
#include <map>
#include <string>

#include <yaml-cpp/yaml.h>

namespace knsim::manifests {

class PathIndex {
 public:
  PathIndex() = default;
  // Walks `root` (at most kMaxNodes nodes; aliases counted each time) under `prefix`.
  PathIndex(const YAML::Node& root, const std::string& prefix, int root_line);

  // The line of `path`, else of its nearest recorded parent ("spec.traffic[3]" when
  // "spec.traffic[3].percent" is absent, i.e. Knative reporting a missing field), else the root's.
  int line_of(const std::string& path) const;

  static constexpr std::size_t kMaxNodes = 200000;

 private:
  void walk(const YAML::Node& node, const std::string& path, int depth);
  std::map<std::string, int> lines_;
  int root_line_ = 0;
  std::size_t visited_ = 0;
};

}  // namespace knsim::manifests
