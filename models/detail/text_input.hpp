#pragma once
// Internal helpers of the trace readers: line splitting, CSV fields, numbers, issue collection
// and string interning. Not part of the public API.
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/trace.hpp"

namespace knsim::models::detail {

// Calls fn(line_number, line) for each line (1-based, "\r" stripped, a leading UTF-8 BOM skipped),
// including empty ones.
template <class Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  int number = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(++number, line);
  }
}

// Splits one CSV line at commas; a field may be double-quoted ("a,b" and "" for a quote inside).
// Fields are trimmed of surrounding spaces. `out` is reused to avoid allocation.
void split_csv(std::string_view line, std::vector<std::string>& out);

// A finite decimal number (from_chars: locale-independent), whole field; nullopt otherwise.
inline std::optional<double> parse_double(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v != v || v - v != 0) return std::nullopt;
  return v;
}

// Collects issues, at most kMax; the rest are counted and summarised in throw_if_any().
class IssueList {
 public:
  static constexpr std::size_t kMax = 50;
  explicit IssueList(std::string file) : file_(std::move(file)) {}
  void add(int line, std::string field, std::string message);
  bool empty() const { return issues_.empty(); }
  void throw_if_any();  // throws TraceError when any issue was added

 private:
  std::string file_;
  std::vector<TraceIssue> issues_;
  std::size_t dropped_ = 0;
};

// Interns strings into TraceData::names (index 0 = "").
class Interner {
 public:
  explicit Interner(std::vector<std::string>& names) : names_(names) {}
  std::uint32_t id(std::string_view s);

 private:
  std::vector<std::string>& names_;
  std::map<std::string, std::uint32_t, std::less<>> ids_;
};

// Index of `name` in `header`, or -1.
int column_index(const std::vector<std::string>& header, std::string_view name);

// Sorts records by t (stable) and sets span = ceil(max end) (>= 1 s).
void finish_records(TraceData& data);

}  // namespace knsim::models::detail
