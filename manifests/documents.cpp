#include "manifests/documents.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "manifests/yaml_load_all.hpp"

namespace knsim::manifests {
namespace {

bool is_separator(const std::string& line) {
  if (line.compare(0, 3, "---") != 0) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

// Only blank lines, comments and directives: such a chunk belongs to the next document.
bool is_preamble(const std::vector<std::string>& lines) {
  return std::all_of(lines.begin(), lines.end(), [](const std::string& l) {
    const auto first = l.find_first_not_of(" \t\r");
    return first == std::string::npos || l[first] == '#' || l[first] == '%';
  });
}

struct Chunk {
  int first_line = 0;  // 0-based line of the chunk's first line in the file
  std::string text;    // padded with newlines so yaml-cpp marks are file lines
};

// The padding makes the chunks cost the square of the file's documents (40,000 small documents
// would need gigabytes), so split_documents gives up (returns false) past this many padding bytes.
constexpr std::size_t kMaxChunkPadding = std::size_t{32} << 20;

bool split_documents(const std::string& text, std::vector<Chunk>& chunks) {
  std::vector<std::string> lines;
  std::size_t padding = 0;
  int start = 0, line_no = 0;
  std::istringstream in(text);
  std::string line;
  auto flush = [&](int next_start) {
    if (!lines.empty() && !is_preamble(lines)) {
      Chunk c;
      c.first_line = start;
      padding += static_cast<std::size_t>(start);
      if (padding > kMaxChunkPadding) return;
      c.text.assign(static_cast<std::size_t>(start), '\n');
      for (const std::string& l : lines) c.text += l + "\n";
      chunks.push_back(std::move(c));
      lines.clear();
      start = next_start;
    } else if (lines.empty()) {
      start = next_start;
    }
    // a preamble (directives, comments) stays and is parsed with the next document
  };
  while (std::getline(in, line)) {
    if (is_separator(line) && line_no > 0) flush(line_no);
    if (padding > kMaxChunkPadding) return false;
    lines.push_back(line);
    ++line_no;
  }
  flush(line_no);
  return padding <= kMaxChunkPadding;
}

std::string scalar_at(const YAML::Node& map, const char* key) {
  const YAML::Node v = map[key];
  return v.IsDefined() && v.IsScalar() ? v.Scalar() : std::string();
}

void fill_identity(Document& d) {
  d.api_version = scalar_at(d.root, "apiVersion");
  d.kind = scalar_at(d.root, "kind");  // scalar_at takes a const node: lookups never insert
  const YAML::Node& root = d.root;
  const YAML::Node meta = root["metadata"];
  if (meta.IsDefined() && meta.IsMap()) {
    d.name = scalar_at(meta, "name");
    d.namespace_name = scalar_at(meta, "namespace");
  }
}

YAML::Node json_to_yaml(const nlohmann::json& j, int depth) {
  YAML::Node n;
  if (depth > 200) return n;
  if (j.is_object()) {
    n = YAML::Node(YAML::NodeType::Map);
    for (const auto& [k, v] : j.items()) n[k] = json_to_yaml(v, depth + 1);
  } else if (j.is_array()) {
    n = YAML::Node(YAML::NodeType::Sequence);
    for (const auto& v : j) n.push_back(json_to_yaml(v, depth + 1));
  } else if (j.is_string()) {
    n = j.get<std::string>();
    n.SetTag("!");  // a quoted scalar: a JSON string stays a string (see read_string_map)
  } else if (!j.is_null()) {
    n = j.dump();
  }
  return n;
}

int line_of_offset(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

bool has_json_extension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".json";
}

// JSON that yaml-cpp could not read (tabs, odd escapes): parse with nlohmann; lines are lost.
bool parse_json_fallback(const std::string& text, const DocContext& ctx, std::vector<Document>& out) {
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    const auto docs = documents_from_node(json_to_yaml(j, 0), ctx, 1, "");
    out.insert(out.end(), docs.begin(), docs.end());
  } catch (const nlohmann::json::parse_error& e) {
    ctx.diags->error(ctx.file, line_of_offset(text, e.byte), "", std::string("JSON syntax error: ") + e.what());
  } catch (const std::exception& e) {
    ctx.diags->error(ctx.file, 0, "", std::string("JSON error: ") + e.what());
  }
  return true;
}

}  // namespace

std::vector<Document> documents_from_node(const YAML::Node& node, const DocContext& ctx, int line,
                                          const std::string& field_prefix) {
  std::vector<Document> out;
  if (!node.IsDefined() || node.IsNull()) return out;  // an empty document: nothing to apply
  const int l = node_line(node) > 0 ? node_line(node) : line;
  if (!node.IsMap()) {
    ctx.diags->error(ctx.file, l, field_prefix, "a manifest must be a mapping, got " + describe_node(node));
    return out;
  }
  Document d{ctx, l, node, field_prefix, "", "", "", ""};
  fill_identity(d);
  if (d.kind == "List" && node["items"].IsDefined() && node["items"].IsSequence()) {
    std::size_t i = 0;
    for (const YAML::Node& item : node["items"]) {
      const std::string p = join_field(field_prefix, "items[" + std::to_string(i++) + "]");
      const auto items = documents_from_node(item, ctx, l, p);
      out.insert(out.end(), items.begin(), items.end());
    }
    return out;
  }
  out.push_back(std::move(d));
  return out;
}

std::vector<Document> parse_documents(const std::string& raw, const std::string& file,
                                      const std::filesystem::path& path, Diagnostics& diags) {
  DocContext ctx{file, path, &diags};
  std::string text = raw;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // UTF-8 byte order mark
  std::vector<Document> out;
  // Fast path, linear in the file: all documents at once (yaml-cpp's marks are then file lines).
  std::string first_error;
  int first_error_line = 1;
  try {
    for (const YAML::Node& root : load_all_yaml(text)) {
      const auto docs = documents_from_node(root, ctx, 1, "");
      out.insert(out.end(), docs.begin(), docs.end());
    }
    return out;
  } catch (const YAML::Exception& e) {
    first_error = e.msg;
    first_error_line = e.mark.line >= 0 ? e.mark.line + 1 : 1;
  } catch (const std::exception& e) {
    first_error = e.what();
  }
  out.clear();
  // A syntax error somewhere: parse document by document, so every good document is still read and
  // each bad one reported at its own line (or the JSON reader takes over for a .json file).
  const bool json = has_json_extension(path) || has_json_extension(file);
  std::vector<Chunk> chunks;
  if (!split_documents(text, chunks)) {
    if (json && parse_json_fallback(text, ctx, out)) return out;
    diags.error(file, first_error_line, "", "YAML syntax error: " + first_error +
                                                " (a file this large is not read document by document: fix this first)");
    return out;
  }
  for (const Chunk& c : chunks) {
    try {
      for (const YAML::Node& root : load_all_yaml(c.text)) {  // one document, or a few split by `...`
        const auto docs = documents_from_node(root, ctx, c.first_line + 1, "");
        out.insert(out.end(), docs.begin(), docs.end());
      }
    } catch (const YAML::Exception& e) {
      if (json && parse_json_fallback(text, ctx, out)) return out;
      const int line = e.mark.line >= 0 ? e.mark.line + 1 : c.first_line + 1;
      diags.error(file, line, "", "YAML syntax error: " + e.msg);
    } catch (const std::exception& e) {
      diags.error(file, c.first_line + 1, "", std::string("cannot read YAML: ") + e.what());
    }
  }
  return out;
}

bool read_text_file(const std::filesystem::path& path, const std::string& display, std::string& out,
                    Diagnostics& diags, int line, const std::string& field) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    diags.error(display, line, field, "file not found: " + path.string());
    return false;
  }
  if (!std::filesystem::is_regular_file(status)) {
    diags.error(display, line, field, "not a regular file: " + path.string());
    return false;
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxManifestFileBytes) {
    diags.error(display, line, field, "file too large (over 64 MiB): " + path.string());
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(display, line, field, "cannot read file: " + path.string());
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  out = buf.str();
  return true;
}

std::vector<Document> load_file(const std::filesystem::path& path, const std::string& display,
                                Diagnostics& diags) {
  const std::string name = display.empty() ? path.string() : display;
  std::string text;
  if (!read_text_file(path, name, text, diags)) return {};
  return parse_documents(text, name, path, diags);
}

std::vector<std::filesystem::path> scenario_files(const std::filesystem::path& path, Diagnostics& diags) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    diags.error(path.string(), 0, "", "no such file or folder");
    return {};
  }
  if (!std::filesystem::is_directory(path, ec)) return {path};
  std::vector<std::filesystem::path> files;
  std::filesystem::directory_iterator it(path, ec);
  if (ec) {
    diags.error(path.string(), 0, "", "cannot read folder: " + ec.message());
    return {};
  }
  for (const auto& entry : it) {
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    std::error_code fec;
    if (entry.is_regular_file(fec) && (ext == ".yaml" || ext == ".yml" || ext == ".json")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); });
  if (files.empty()) diags.error(path.string(), 0, "", "no *.yaml, *.yml or *.json files in the folder");
  return files;
}

}  // namespace knsim::manifests
