// The jsonl trace reader with a minimal JSON reader for one flat object per line (models/ links
// only core, so no JSON library): string keys; values number, string, true, false, null; nested
// objects/arrays are skipped.
#include <cctype>
#include <string>

#include "models/detail/text_input.hpp"
#include "models/trace.hpp"

namespace knsim::models {
namespace {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kNested } type = Type::kNull;
  double number = 0;
  std::string text;
};

class LineParser {
 public:
  explicit LineParser(std::string_view s) : s_(s) {}

  // Parses `{"k": v, ...}` calling fn(key, value); returns an error message or "".
  template <class Fn>
  std::string parse_object(Fn&& fn) {
    skip_ws();
    if (!eat('{')) return "expected a JSON object '{'";
    skip_ws();
    if (eat('}')) return trailing();
    for (;;) {
      skip_ws();
      std::string key;
      if (!parse_string(key)) return "expected a string key";
      skip_ws();
      if (!eat(':')) return "expected ':' after key \"" + key + "\"";
      skip_ws();
      JsonValue v;
      if (!parse_value(v)) return "bad value for key \"" + key + "\"";
      fn(key, v);
      skip_ws();
      if (eat(',')) continue;
      if (eat('}')) return trailing();
      return "expected ',' or '}'";
    }
  }

 private:
  std::string trailing() {
    skip_ws();
    return i_ == s_.size() ? "" : "unexpected text after the object";
  }
  void skip_ws() { while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_; }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) { ++i_; return true; }
    return false;
  }
  bool parse_string(std::string& out) {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') { out += c; continue; }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u':  // keep \uXXXX escapes verbatim: names in traces are ASCII hashes
          if (i_ + 4 > s_.size()) return false;
          out += "\\u";
          out += s_.substr(i_, 4);
          i_ += 4;
          break;
        default: out += e;  // \" \\ \/
      }
    }
    return false;
  }
  bool parse_value(JsonValue& v) {
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') { v.type = JsonValue::Type::kString; return parse_string(v.text); }
    if (c == '{' || c == '[') { v.type = JsonValue::Type::kNested; return skip_nested(); }
    for (auto [word, type, b] : {std::tuple{"true", JsonValue::Type::kBool, 1.0},
                                 {"false", JsonValue::Type::kBool, 0.0}, {"null", JsonValue::Type::kNull, 0.0}}) {
      const std::string_view w(word);
      if (s_.substr(i_, w.size()) == w) { i_ += w.size(); v.type = type; v.number = b; return true; }
    }
    std::size_t j = i_;
    while (j < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '-' || s_[j] == '+' ||
                             s_[j] == '.' || s_[j] == 'e' || s_[j] == 'E')) ++j;
    const auto n = detail::parse_double(s_.substr(i_, j - i_));
    if (!n) return false;
    v.type = JsonValue::Type::kNumber;
    v.number = *n;
    i_ = j;
    return true;
  }
  bool skip_nested() {
    int depth = 0;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '"') { std::string ignored; if (!parse_string(ignored)) return false; continue; }
      ++i_;
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') { if (--depth == 0) return true; }
    }
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::shared_ptr<TraceData> parse_jsonl_trace(std::string_view text, const std::string& file) {
  auto data = std::make_shared<TraceData>();
  data->format = TraceFormat::kJsonl;
  data->file = file;
  detail::IssueList issues(file);
  detail::Interner names(data->names);
  detail::for_each_line(text, [&](int line, std::string_view s) {
    if (s.find_first_not_of(" \t") == std::string_view::npos) return;
    TraceRecord r;
    bool has_t = false, ok = true;
    const std::string err = LineParser(s).parse_object([&](const std::string& key, const JsonValue& v) {
      const bool number = v.type == JsonValue::Type::kNumber;
      const bool text_value = v.type == JsonValue::Type::kString;
      if (key == "t") {
        if (!number || v.number < 0) { issues.add(line, "t", "must be a number >= 0 (seconds)"); ok = false; }
        r.t = v.number;
        has_t = true;
      } else if (key == "duration" && v.type != JsonValue::Type::kNull) {
        if (!number || v.number < 0) { issues.add(line, "duration", "must be a number >= 0 (seconds)"); ok = false; }
        r.duration = v.number;
      } else if ((key == "service" || key == "tag") && v.type != JsonValue::Type::kNull) {
        if (!text_value) { issues.add(line, key, "must be a string"); ok = false; return; }
        (key == "service" ? r.service : r.tag) = names.id(v.text);
      }
    });
    if (!err.empty()) { issues.add(line, "", "invalid JSON: " + err); return; }
    if (!has_t) { issues.add(line, "t", "missing (the arrival time in seconds)"); return; }
    if (ok) data->records.push_back(r);
  });
  if (issues.empty() && data->records.empty()) issues.add(0, "", "no rows");
  issues.throw_if_any();
  detail::finish_records(*data);
  return data;
}

}  // namespace knsim::models
