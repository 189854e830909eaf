#include "plan/run_metrics.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

namespace knsim::plan {

std::optional<std::size_t> metric_index(std::string_view name) {
  for (std::size_t i = 0; i < kMetricNames.size(); ++i)
    if (kMetricNames[i] == name) return i;
  return std::nullopt;
}

std::string metric_list() {
  std::string s;
  for (const auto& n : kMetricNames) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

std::string format_value(double v) {
  if (v == 0) return "0";  // also -0
  char buf[400];  // fixed notation of any double fits (DBL_MAX has 309 digits)
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);  // shortest, never 3e-04
  return std::string(buf, r.ptr);
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return cells;
    start = comma + 1;
  }
}

namespace {

// max over t_s of the sum of `pods` over the revisions sampled at t_s.
std::optional<double> max_total_pods(const std::filesystem::path& csv, std::string* error) {
  std::ifstream in(csv);
  std::string line;
  if (!in || !std::getline(in, line)) {
    *error = csv.string() + ": cannot read";
    return std::nullopt;
  }
  const auto header = split_csv_line(line);
  const auto t_col = std::find(header.begin(), header.end(), "t_s") - header.begin();
  const auto p_col = std::find(header.begin(), header.end(), "pods") - header.begin();
  if (t_col == static_cast<long>(header.size()) || p_col == static_cast<long>(header.size())) {
    *error = csv.string() + ":1: no t_s or pods column";
    return std::nullopt;
  }
  std::map<std::string, double> per_t;  // t_s text -> total pods
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const auto cells = split_csv_line(line);
    double pods = 0;
    if (cells.size() <= static_cast<std::size_t>(std::max(t_col, p_col)) ||
        std::from_chars(cells[p_col].data(), cells[p_col].data() + cells[p_col].size(), pods).ec != std::errc()) {
      *error = csv.string() + ":" + std::to_string(line_no) + ": pods: not a number";
      return std::nullopt;
    }
    per_t[cells[t_col]] += pods;
  }
  double best = 0;
  for (const auto& [t, total] : per_t) best = std::max(best, total);
  return best;
}

}  // namespace

std::optional<RunMetrics> read_run_metrics(const std::filesystem::path& run_dir, std::string* error) {
  const auto path = run_dir / "summary.json";
  std::ifstream in(path);
  if (!in) {
    *error = path.string() + ": cannot read";
    return std::nullopt;
  }
  RunMetrics m;
  try {
    const auto j = nlohmann::json::parse(in);
    double pod_seconds = 0;
    for (const auto& r : j.at("revisions")) pod_seconds += r.at("pod_seconds").get<double>();
    const double requests = j.at("requests").at("total").get<double>();
    const double failed = j.at("requests").at("failed").get<double>();
    m.values = {pod_seconds,
                j.at("nodes").at("node_seconds").get<double>(),
                requests,
                failed,
                requests > 0 ? failed / requests : 0.0,
                j.at("latency_ms").at("p50").get<double>(),
                j.at("latency_ms").at("p99").get<double>(),
                j.at("cold_start_requests").get<double>(),
                0.0};
  } catch (const std::exception& e) {
    *error = path.string() + ": " + e.what();
    return std::nullopt;
  }
  const auto pods = max_total_pods(run_dir / "timeseries.csv", error);
  if (!pods) return std::nullopt;
  m.values[8] = *pods;
  return m;
}

}  // namespace knsim::plan
