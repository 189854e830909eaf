// The azure2019 trace reader: per-minute invocation counts per function, plus the optional
// durations file (Shahrad et al., ATC'20, "Serverless in the Wild", dataset schema).
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "models/detail/text_input.hpp"
#include "models/trace.hpp"

namespace knsim::models {
namespace {

// Minute columns are the header fields "1", "2", ... in order, starting right after `first`.
int count_minute_columns(const std::vector<std::string>& header, std::size_t first) {
  int n = 0;
  for (std::size_t i = first; i < header.size(); ++i) {
    if (header[i] != std::to_string(n + 1)) break;
    ++n;
  }
  return n;
}

}  // namespace

std::shared_ptr<TraceData> parse_azure2019(std::string_view text, const std::string& file,
                                           const TraceSpec& spec) {
  auto data = std::make_shared<TraceData>();
  data->format = TraceFormat::kAzure2019;
  data->file = file;
  detail::IssueList issues(file);
  detail::Interner names(data->names);
  std::vector<std::string> fields, header;
  int c_func = -1, minutes = 0;
  std::size_t first_minute = 0, rows = 0;
  detail::for_each_line(text, [&](int line, std::string_view s) {
    if (s.empty()) return;
    if (header.empty()) {
      detail::split_csv(s, header);
      c_func = detail::column_index(header, "HashFunction");
      const int c1 = detail::column_index(header, "1");
      if (c_func < 0) issues.add(line, "HashFunction", "missing column");
      if (c1 < 0) issues.add(line, "1", "missing minute columns 1..N");
      if (c1 >= 0) first_minute = static_cast<std::size_t>(c1);
      minutes = c1 < 0 ? 0 : count_minute_columns(header, first_minute);
      if (minutes > 1440) issues.add(line, "1441", "more than 1440 minute columns");
      return;
    }
    if (c_func < 0 || minutes == 0) return;
    detail::split_csv(s, fields);
    if (fields.size() != header.size()) {
      issues.add(line, "", "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()));
      return;
    }
    ++rows;
    if (!spec.function.empty() && fields[c_func] != spec.function) return;
    MinuteSeries m;
    m.function = names.id(fields[c_func]);
    m.counts.reserve(static_cast<std::size_t>(minutes));
    for (int k = 0; k < minutes; ++k) {
      const std::string& f = fields[first_minute + static_cast<std::size_t>(k)];
      const auto v = detail::parse_double(f);
      if (!v || *v < 0 || *v != std::floor(*v) || *v > 4e9) {
        issues.add(line, header[first_minute + static_cast<std::size_t>(k)], "not a count (integer >= 0): '" + f + "'");
        return;
      }
      m.counts.push_back(static_cast<std::uint32_t>(*v));
    }
    data->minutes.push_back(std::move(m));
  });
  if (header.empty()) issues.add(0, "", "empty trace (no header)");
  if (issues.empty() && rows == 0) issues.add(0, "", "no rows");
  if (issues.empty() && data->minutes.empty()) issues.add(0, "function", "no row matches the function filter");
  issues.throw_if_any();
  data->span = 60.0 * minutes;
  return data;
}

void attach_azure2019_durations(TraceData& data, std::string_view text, const std::string& file) {
  static constexpr std::pair<const char*, double> kLevels[] = {
      {"percentile_Average_0", 0.0},   {"percentile_Average_1", 0.01},  {"percentile_Average_25", 0.25},
      {"percentile_Average_50", 0.5},  {"percentile_Average_75", 0.75}, {"percentile_Average_99", 0.99},
      {"percentile_Average_100", 1.0}};
  detail::IssueList issues(file);
  std::vector<std::string> fields, header;
  int c_func = -1;
  int cols[7] = {};
  std::map<std::string_view, std::vector<std::size_t>> by_name;  // function -> series without durations
  for (std::size_t i = 0; i < data.minutes.size(); ++i) by_name[data.names[data.minutes[i].function]].push_back(i);
  detail::for_each_line(text, [&](int line, std::string_view s) {
    if (s.empty()) return;
    if (header.empty()) {
      detail::split_csv(s, header);
      c_func = detail::column_index(header, "HashFunction");
      if (c_func < 0) issues.add(line, "HashFunction", "missing column");
      for (int k = 0; k < 7; ++k) {
        cols[k] = detail::column_index(header, kLevels[k].first);
        if (cols[k] < 0) issues.add(line, kLevels[k].first, "missing column");
      }
      return;
    }
    if (!issues.empty()) return;
    detail::split_csv(s, fields);
    if (fields.size() != header.size()) {
      issues.add(line, "", "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()));
      return;
    }
    std::vector<std::pair<double, double>> points;
    for (int k = 0; k < 7; ++k) {
      const auto v = detail::parse_double(fields[static_cast<std::size_t>(cols[k])]);
      if (!v || *v < 0) {
        issues.add(line, kLevels[k].first, "not a number >= 0 (milliseconds)");
        return;
      }
      const double seconds = *v / 1000.0;
      // Percentiles of per-minute averages need not be monotone in real data: keep them non-decreasing.
      points.emplace_back(kLevels[k].second, points.empty() ? seconds : std::max(seconds, points.back().second));
    }
    const auto it = by_name.find(fields[static_cast<std::size_t>(c_func)]);
    if (it == by_name.end()) return;
    for (std::size_t i : it->second) {  // the first row of a function wins
      data.minutes[i].durations = Distribution(Distribution::empirical_spec(points));
      data.minutes[i].has_durations = true;
    }
    by_name.erase(it);
  });
  if (header.empty()) issues.add(0, "", "empty durations file (no header)");
  issues.throw_if_any();
}

}  // namespace knsim::models
