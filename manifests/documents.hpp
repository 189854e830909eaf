#pragma once
// Reading manifest files into YAML documents. A file may hold several documents separated by
// `---`; each is parsed on its own so a syntax error in one (reported with file and line) does
// not hide the problems of the others. A folder is read as its *.yaml, *.yml and *.json files in
// name order. JSON files are parsed as YAML (JSON is YAML 1.2 flow syntax); if that fails,
// nlohmann/json gives the error. A `kind: List` document is expanded into its `items`.
#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "manifests/diagnostics.hpp"
#include "manifests/yaml_reader.hpp"

namespace knsim::manifests {

// Largest manifest file read (bytes); larger files are an error, not a long stall.
inline constexpr std::uintmax_t kMaxManifestFileBytes = 64u << 20;

struct Document {
  DocContext ctx;          // file, path and the diagnostics sink
  int line = 0;            // line of the document's root
  YAML::Node root;         // a mapping (documents that are not mappings are reported and dropped)
  std::string field_prefix;  // "" for a top-level document, "items[3]" inside a List
  std::string api_version, kind, name, namespace_name;  // from the root, "" when absent or not strings
};

// Parses `text` (one or more documents) named `file`; `path` is the real file, used to resolve
// relative references (empty for inline text: references then resolve against the working folder).
std::vector<Document> parse_documents(const std::string& text, const std::string& file,
                                      const std::filesystem::path& path, Diagnostics& diags);

// Wraps an already loaded node (an inline manifest inside a scenario) as documents; a List expands.
std::vector<Document> documents_from_node(const YAML::Node& node, const DocContext& ctx, int line,
                                          const std::string& field_prefix);

// Reads and parses one file. `display` is the name used in diagnostics (default: the path).
std::vector<Document> load_file(const std::filesystem::path& path, const std::string& display,
                                Diagnostics& diags);

// The manifest files of a scenario path: the file itself, or a folder's *.yaml/*.yml/*.json in
// name order. A missing path, an unreadable or empty folder is an error.
std::vector<std::filesystem::path> scenario_files(const std::filesystem::path& path, Diagnostics& diags);

// Reads a whole text file, or reports why not (missing, a folder, too large, unreadable).
bool read_text_file(const std::filesystem::path& path, const std::string& display, std::string& out,
                    Diagnostics& diags, int line = 0, const std::string& field = "");

}  // namespace knsim::manifests
