#include "plan/sweep_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <boost/math/distributions/students_t.hpp>

namespace knsim::plan {

namespace {

template <typename T>
bool parse_number(const std::string& s, T& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

std::string opt_cell(const std::optional<double>& v) { return v ? format_value(*v) : ""; }

}  // namespace

void SweepTable::sort() {
  std::stable_sort(rows.begin(), rows.end(), [](const ResultRow& a, const ResultRow& b) {
    return a.point != b.point ? a.point < b.point : a.seed < b.seed;
  });
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const ResultRow& a, const ResultRow& b) { return a.point == b.point && a.seed == b.seed; }),
             rows.end());
}

Interval mean_ci95(const std::vector<double>& xs) {
  Interval r;
  if (xs.empty()) return r;
  const double n = static_cast<double>(xs.size());
  double sum = 0;
  for (double x : xs) sum += x;
  r.mean = sum / n;
  if (xs.size() < 2) return r;
  double ss = 0;
  for (double x : xs) ss += (x - r.mean) * (x - r.mean);
  const double s = std::sqrt(ss / (n - 1));
  const boost::math::students_t dist(n - 1);
  const double half = boost::math::quantile(dist, 0.975) * s / std::sqrt(n);
  r.low = r.mean - half;
  r.high = r.mean + half;
  return r;
}

std::vector<PointSummary> summarize(const SweepTable& table) {
  std::vector<PointSummary> out;
  std::size_t i = 0;
  while (i < table.rows.size()) {
    std::size_t j = i;
    while (j < table.rows.size() && table.rows[j].point == table.rows[i].point) ++j;
    PointSummary p;
    p.point = table.rows[i].point;
    p.values = table.rows[i].values;
    p.runs = j - i;
    for (std::size_t m = 0; m < kMetricNames.size(); ++m) {
      std::vector<double> xs;
      for (std::size_t k = i; k < j; ++k) xs.push_back(table.rows[k].metrics.values[m]);
      p.metrics.push_back(mean_ci95(xs));
    }
    out.push_back(std::move(p));
    i = j;
  }
  return out;
}

std::vector<std::size_t> pareto_front(const std::vector<PointSummary>& s) {
  auto objectives = [](const PointSummary& p) {
    return std::array<double, 3>{p.get("cost_pod_seconds").mean, p.get("latency_p99_ms").mean,
                                 p.get("cold_start_requests").mean};
  };
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto a = objectives(s[i]);
    bool dominated = false;
    for (std::size_t j = 0; j < s.size() && !dominated; ++j) {
      if (i == j) continue;
      const auto b = objectives(s[j]);
      bool all_le = true, one_lt = false;
      for (int k = 0; k < 3; ++k) {
        all_le = all_le && b[k] <= a[k];
        one_lt = one_lt || b[k] < a[k];
      }
      dominated = all_le && one_lt;
    }
    if (!dominated) front.push_back(i);
  }
  return front;
}

std::string results_csv(const SweepTable& table) {
  std::ostringstream o;
  o << "point,seed";
  for (const auto& k : table.keys) o << ',' << k;
  for (const auto& m : kMetricNames) o << ',' << m;
  o << '\n';
  for (const auto& r : table.rows) {
    o << r.point << ',' << r.seed;
    for (const auto& v : r.values) o << ',' << v;
    for (double v : r.metrics.values) o << ',' << format_value(v);
    o << '\n';
  }
  return o.str();
}

std::string summary_csv(const std::vector<std::string>& keys, const std::vector<PointSummary>& s,
                        const std::vector<std::size_t>& which) {
  std::ostringstream o;
  o << "point";
  for (const auto& k : keys) o << ',' << k;
  o << ",runs";
  for (const auto& m : kMetricNames) o << ',' << m << "_mean," << m << "_ci95_low," << m << "_ci95_high";
  o << '\n';
  for (std::size_t i : which) {
    const auto& p = s[i];
    o << p.point;
    for (const auto& v : p.values) o << ',' << v;
    o << ',' << p.runs;
    for (const auto& iv : p.metrics) o << ',' << format_value(iv.mean) << ',' << opt_cell(iv.low) << ',' << opt_cell(iv.high);
    o << '\n';
  }
  return o.str();
}

std::optional<SweepTable> read_results_csv(const std::filesystem::path& path, std::string* error) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) {
    *error = path.string() + ": cannot read";
    return std::nullopt;
  }
  const auto header = split_csv_line(line);
  const std::size_t n_metrics = kMetricNames.size();
  if (header.size() < 2 + n_metrics || header[0] != "point" || header[1] != "seed") {
    *error = path.string() + ":1: not a knsim results.csv header (want point,seed,<params>,<metrics>)";
    return std::nullopt;
  }
  for (std::size_t m = 0; m < n_metrics; ++m)
    if (header[header.size() - n_metrics + m] != kMetricNames[m]) {
      *error = path.string() + ":1: column " + std::to_string(header.size() - n_metrics + m + 1) + ": want " +
               std::string(kMetricNames[m]);
      return std::nullopt;
    }
  SweepTable t;
  t.keys.assign(header.begin() + 2, header.end() - static_cast<long>(n_metrics));
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const auto cells = split_csv_line(line);
    const std::string where = path.string() + ":" + std::to_string(line_no) + ": ";
    if (cells.size() != header.size()) {
      *error = where + std::to_string(cells.size()) + " columns, want " + std::to_string(header.size());
      return std::nullopt;
    }
    ResultRow r;
    if (!parse_number(cells[0], r.point) || !parse_number(cells[1], r.seed)) {
      *error = where + "point/seed: not an unsigned integer";
      return std::nullopt;
    }
    r.values.assign(cells.begin() + 2, cells.end() - static_cast<long>(n_metrics));
    for (std::size_t m = 0; m < n_metrics; ++m) {
      const auto& c = cells[cells.size() - n_metrics + m];
      if (!parse_number(c, r.metrics.values[m])) {
        *error = where + std::string(kMetricNames[m]) + ": not a number: '" + c + "'";
        return std::nullopt;
      }
    }
    t.rows.push_back(std::move(r));
  }
  return t;
}

}  // namespace knsim::plan
