#include "models/detail/text_input.hpp"

#include <algorithm>
#include <cmath>

namespace knsim::models::detail {

void split_csv(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    const char c = i < line.size() ? line[i] : ',';
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else if (i < line.size()) {
        field += c;
      }
      if (i == line.size()) out.push_back(field);  // unterminated quote: keep what we have
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      const auto b = field.find_first_not_of(' ');
      const auto e = field.find_last_not_of(' ');
      out.push_back(b == std::string::npos ? std::string() : field.substr(b, e - b + 1));
      field.clear();
    } else {
      field += c;
    }
  }
}

void IssueList::add(int line, std::string field, std::string message) {
  if (issues_.size() >= kMax) {
    ++dropped_;
    return;
  }
  issues_.push_back(TraceIssue{file_, line, std::move(field), std::move(message)});
}

void IssueList::throw_if_any() {
  if (issues_.empty()) return;
  if (dropped_ > 0) {
    issues_.push_back(TraceIssue{file_, 0, "", "... and " + std::to_string(dropped_) + " more problems"});
  }
  throw TraceError(std::move(issues_));
}

std::uint32_t Interner::id(std::string_view s) {
  if (s.empty()) return 0;
  const auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(s);
  ids_.emplace(std::string(s), id);
  return id;
}

int column_index(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void finish_records(TraceData& data) {
  std::stable_sort(data.records.begin(), data.records.end(),
                   [](const TraceRecord& a, const TraceRecord& b) { return a.t < b.t; });
  double end = 0;
  for (const TraceRecord& r : data.records) end = std::max(end, r.t + std::max(0.0, r.duration));
  data.span = std::max(1.0, std::ceil(end));
  if (data.span == end) data.span += 1;  // an arrival exactly at the span would collide with the next pass
}

}  // namespace knsim::models::detail
