#include "manifests/path_index.hpp"

#include "manifests/yaml_reader.hpp"

namespace knsim::manifests {

PathIndex::PathIndex(const YAML::Node& root, const std::string& prefix, int root_line) : root_line_(root_line) {
  walk(root, prefix, 0);
}

void PathIndex::walk(const YAML::Node& node, const std::string& path, int depth) {
  if (++visited_ > kMaxNodes || depth > 256) return;
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node k = it->first;
      const YAML::Node v = it->second;
      if (!k.IsScalar()) continue;
      const std::string p = join_field(path, k.Scalar());
      const int l = node_line(k);
      if (l > 0) lines_.emplace(p, l);
      walk(v, p, depth + 1);
    }
  } else if (node.IsSequence()) {
    std::size_t i = 0;
    for (const YAML::Node& item : node) {
      const std::string p = path + "[" + std::to_string(i++) + "]";
      const int l = node_line(item);
      if (l > 0) lines_.emplace(p, l);
      walk(item, p, depth + 1);
    }
  }
}

int PathIndex::line_of(const std::string& path) const {
  std::string p = path;
  while (!p.empty()) {
    const auto it = lines_.find(p);
    if (it != lines_.end()) return it->second;
    // strip the last segment: ".key" or "[i]" (annotation keys contain dots, so try every '.')
    const auto cut = p.find_last_of(".[");
    if (cut == std::string::npos) break;
    p.resize(cut);
  }
  return root_line_;
}

}  // namespace knsim::manifests
