#pragma once
// Safe, error-collecting reads of a yaml-cpp tree. No yaml-cpp conversion (as<T>) is used: every
// scalar is read as text and converted here, so wrong types anywhere become diagnostics naming the
// file, line and field path, never exceptions or crashes.
//
//   MapReader spec = doc_field.map();           // error if not a mapping
//   auto d = spec.required("duration").duration();  // "spec.duration: missing required field"
//   spec.finish();                              // "spec.durtion: unknown field (did you mean ...)"
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/time/time.hpp"
#include "manifests/diagnostics.hpp"

namespace knsim::manifests {

// Where the document being read came from.
struct DocContext {
  std::string file;             // display name used in diagnostics
  std::filesystem::path path;   // real path; relative references resolve against its folder
  Diagnostics* diags = nullptr;
};

// 1-based line of a node, 0 when unknown.
int node_line(const YAML::Node& node);
// "a mapping", "a list", "a string", "null" ... for messages.
std::string describe_node(const YAML::Node& node);
// "spec" + "duration" -> "spec.duration"; "" + "spec" -> "spec".
std::string join_field(const std::string& path, std::string_view key);
// The closest of `known` to `name` (case-insensitive equal, edit distance <= 2, or sharing a
// prefix of >= 5 characters that covers the shorter name but one: "schedule" -> "scheduling"), or "".
std::string suggest_name(std::string_view name, const std::vector<std::string>& known);

class MapReader;

// A value at a field path. Absent fields read as nullopt without an error.
class Field {
 public:
  Field(const DocContext& ctx, YAML::Node node, std::string path, int line, bool present);

  bool present() const { return present_; }
  bool is_null() const { return !present_ || node_.IsNull(); }
  bool is_scalar() const { return present_ && node_.IsScalar(); }
  bool is_map() const { return present_ && node_.IsMap(); }
  bool is_list() const { return present_ && node_.IsSequence(); }
  const std::string& path() const { return path_; }
  int line() const { return line_; }
  const YAML::Node& node() const { return node_; }
  const DocContext& context() const { return *ctx_; }

  void error(std::string message) const;
  void warning(std::string message) const;

  std::optional<std::string> string() const;          // any scalar, as written
  std::optional<double> number() const;               // finite decimal number
  std::optional<std::int64_t> integer() const;        // whole number in int64
  std::optional<bool> boolean() const;                // true / false
  std::optional<core::Seconds> duration() const;      // Go style ("1m30s"); a bare number is an error
  std::optional<double> quantity() const;             // Kubernetes quantity ("500m" -> 0.5)
  std::optional<std::uint64_t> bytes() const;         // quantity with optional "B" ("50MiB")
  // Items of a list with paths "path[i]"; nullopt (and an error) when not a list.
  std::optional<std::vector<Field>> list() const;
  MapReader map() const;  // an invalid (empty) reader, with an error, when not a mapping

 private:
  const DocContext* ctx_;
  YAML::Node node_;
  std::string path_;
  int line_ = 0;
  bool present_ = false;
};

// The keys of one mapping. Tracks which keys were read so finish() can name unknown ones.
class MapReader {
 public:
  // Reports an error when `node` is present but not a mapping (then behaves as an empty map).
  MapReader(const DocContext& ctx, const YAML::Node& node, std::string path, int line, bool present);

  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  int line() const { return line_; }
  const DocContext& context() const { return *ctx_; }

  Field get(std::string_view key);       // marks the key as known; absent -> !present()
  Field required(std::string_view key);  // as get, with "missing required field" when absent
  bool has(std::string_view key) const;
  // Mark keys allowed but ignored (e.g. metadata.labels) so finish() accepts them.
  void allow(std::initializer_list<std::string_view> keys);
  // Keys in document order.
  std::vector<std::string> keys() const;
  // Reports every key not read/allowed: "unknown field \"durtion\" (did you mean \"duration\"?)".
  void finish();

  void error(std::string message) const;  // at the mapping itself

 private:
  struct Entry {
    std::string key;
    YAML::Node value;
    int line = 0;
    bool used = false;
  };
  const DocContext* ctx_;
  std::string path_;
  int line_ = 0;
  bool valid_ = false;
  std::vector<Entry> entries_;
  std::vector<std::string> known_;
};

}  // namespace knsim::manifests

namespace knsim::manifests {
// Number of nodes in a tree, counting shared (aliased) nodes each time they are reached, stopping
// at `limit`. Guards against alias bombs before a tree is walked or emitted.
std::size_t count_nodes(const YAML::Node& node, std::size_t limit);
}  // namespace knsim::manifests
