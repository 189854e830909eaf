#include "manifests/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/api/quantity.hpp"

namespace knsim::manifests {
namespace {

bool plain_number_text(std::string_view t) {
  if (t.empty() || t.size() > 64) return false;
  // digits, sign, point and exponent only: rejects "nan", "inf", hex and trailing text
  return std::all_of(t.begin(), t.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
  });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

int node_line(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark m = node.Mark();
  return m.line >= 0 ? m.line + 1 : 0;
}

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "null";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "\"" + node.Scalar() + "\"";
}

std::string join_field(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return path + "." + std::string(key);
}

std::string suggest_name(std::string_view name, const std::vector<std::string>& known) {
  std::string best;
  std::size_t best_d = 3;
  for (const std::string& k : known) {
    if (lower(k) == lower(name)) return k;
    std::size_t common = 0;
    while (common < name.size() && common < k.size() && name[common] == k[common]) ++common;
    const bool prefix = common >= 5 && common + 1 >= std::min(name.size(), k.size());
    if (prefix && best_d > 2) {
      best_d = 2;
      best = k;
    }
    const std::size_t d = edit_distance(name, k);
    if (d < best_d) {
      best_d = d;
      best = k;
    }
  }
  return best;
}

// ---- Field ----

Field::Field(const DocContext& ctx, YAML::Node node, std::string path, int line, bool present)
    : ctx_(&ctx), node_(std::move(node)), path_(std::move(path)), line_(line), present_(present) {}

void Field::error(std::string message) const {
  if (ctx_->diags != nullptr) ctx_->diags->error(ctx_->file, line_, path_, std::move(message));
}

void Field::warning(std::string message) const {
  if (ctx_->diags != nullptr) ctx_->diags->warning(ctx_->file, line_, path_, std::move(message));
}

std::optional<std::string> Field::string() const {
  if (is_null()) return std::nullopt;
  if (!node_.IsScalar()) {
    error("must be a string, got " + describe_node(node_));
    return std::nullopt;
  }
  return node_.Scalar();
}

std::optional<double> Field::number() const {
  const auto s = string();
  if (!s) return std::nullopt;
  if (plain_number_text(*s)) {
    char* end = nullptr;
    const double v = std::strtod(s->c_str(), &end);
    if (end == s->c_str() + s->size()) {
      if (std::isfinite(v)) return v;
      error("number out of range: " + *s);
      return std::nullopt;
    }
  }
  error("must be a number, got " + describe_node(node_));
  return std::nullopt;
}

std::optional<std::int64_t> Field::integer() const {
  const auto s = string();
  if (!s) return std::nullopt;
  std::int64_t v = 0;
  std::string_view t = *s;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec == std::errc() && ptr == t.data() + t.size() && !t.empty()) return v;
  if (ec == std::errc::result_out_of_range) {
    error("integer out of range: " + *s);
  } else {
    error("must be an integer, got " + describe_node(node_));
  }
  return std::nullopt;
}

std::optional<bool> Field::boolean() const {
  const auto s = string();
  if (!s) return std::nullopt;
  if (*s == "true" || *s == "True" || *s == "TRUE") return true;
  if (*s == "false" || *s == "False" || *s == "FALSE") return false;
  error("must be true or false, got " + describe_node(node_));
  return std::nullopt;
}

std::optional<core::Seconds> Field::duration() const {
  const auto s = string();
  if (!s) return std::nullopt;
  const auto d = core::parse_duration(*s);
  if (d && std::isfinite(*d)) return d;
  if (plain_number_text(*s)) {
    error("a duration needs a unit, got " + describe_node(node_) + " (write e.g. \"" + *s + "s\")");
  } else {
    error("not a duration: " + describe_node(node_) + " (Go style, e.g. 500ms, 2s, 1m30s, 1h)");
  }
  return std::nullopt;
}

std::optional<double> Field::quantity() const {
  const auto s = string();
  if (!s) return std::nullopt;
  std::string why;
  const auto v = core::api::parse_quantity(*s, &why);
  if (!v) error(why + ": " + describe_node(node_));
  return v;
}

std::optional<std::uint64_t> Field::bytes() const {
  const auto s = string();
  if (!s) return std::nullopt;
  std::string why;
  const auto v = core::api::parse_bytes(*s, &why);
  if (!v) error(why + ": " + describe_node(node_));
  return v;
}

std::optional<std::vector<Field>> Field::list() const {
  if (is_null()) return std::nullopt;
  if (!node_.IsSequence()) {
    error("must be a list, got " + describe_node(node_));
    return std::nullopt;
  }
  std::vector<Field> out;
  std::size_t i = 0;
  for (const YAML::Node& item : node_) {
    const int l = node_line(item);
    out.emplace_back(*ctx_, item, path_ + "[" + std::to_string(i) + "]", l > 0 ? l : line_, true);
    ++i;
  }
  return out;
}

MapReader Field::map() const { return MapReader(*ctx_, node_, path_, line_, present_); }

// ---- MapReader ----

MapReader::MapReader(const DocContext& ctx, const YAML::Node& node, std::string path, int line,
                     bool present)
    : ctx_(&ctx), path_(std::move(path)), line_(line) {
  if (!present || !node.IsDefined() || node.IsNull()) {
    valid_ = present && node.IsDefined();  // an explicit null reads as an empty map
    return;
  }
  if (!node.IsMap()) {
    error("must be a mapping, got " + describe_node(node));
    return;
  }
  valid_ = true;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node k = it->first;
    const YAML::Node v = it->second;
    const int kline = node_line(k) > 0 ? node_line(k) : line_;
    if (!k.IsScalar()) {
      if (ctx_->diags != nullptr) {
        ctx_->diags->error(ctx_->file, kline, path_, "keys must be strings, got " + describe_node(k));
      }
      continue;
    }
    const std::string key = k.Scalar();
    const bool dup = std::any_of(entries_.begin(), entries_.end(),
                                 [&](const Entry& e) { return e.key == key; });
    if (dup) {
      if (ctx_->diags != nullptr) {
        ctx_->diags->error(ctx_->file, kline, join_field(path_, key), "duplicate key");
      }
      continue;
    }
    entries_.push_back({key, v, kline, false});
  }
}

Field MapReader::get(std::string_view key) {
  known_.emplace_back(key);
  for (Entry& e : entries_) {
    if (e.key == key) {
      e.used = true;
      return Field(*ctx_, e.value, join_field(path_, key), e.line, true);
    }
  }
  return Field(*ctx_, YAML::Node(), join_field(path_, key), line_, false);
}

Field MapReader::required(std::string_view key) {
  Field f = get(key);
  if (valid_ && f.is_null()) f.error("missing required field");
  return f;
}

bool MapReader::has(std::string_view key) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
}

void MapReader::allow(std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) {
    known_.emplace_back(k);
    for (Entry& e : entries_) {
      if (e.key == k) e.used = true;
    }
  }
}

std::vector<std::string> MapReader::keys() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) out.push_back(e.key);
  return out;
}

void MapReader::finish() {
  if (ctx_->diags == nullptr) return;
  for (const Entry& e : entries_) {
    if (e.used) continue;
    std::string msg = "unknown field \"" + e.key + "\"";
    const std::string hint = suggest_name(e.key, known_);
    if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
    ctx_->diags->error(ctx_->file, e.line, join_field(path_, e.key), msg);
  }
}

void MapReader::error(std::string message) const {
  if (ctx_->diags != nullptr) ctx_->diags->error(ctx_->file, line_, path_, std::move(message));
}

}  // namespace knsim::manifests

namespace knsim::manifests {
namespace {
void count_into(const YAML::Node& node, std::size_t limit, std::size_t& n, int depth) {
  if (n >= limit || depth > 512) {
    n = limit;
    return;
  }
  ++n;
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end() && n < limit; ++it) {
      const YAML::Node v = it->second;
      count_into(v, limit, n, depth + 1);
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (n >= limit) break;
      count_into(item, limit, n, depth + 1);
    }
  }
}
}  // namespace

std::size_t count_nodes(const YAML::Node& node, std::size_t limit) {
  std::size_t n = 0;
  count_into(node, limit, n, 0);
  return n;
}
}  // namespace knsim::manifests
