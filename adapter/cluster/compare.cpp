#include "adapter/cluster/compare.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace knsim::adapter {
namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  for (std::string cell; std::getline(s, cell, ',');) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::optional<double> number(const std::string& cell, const std::string& file, int line, const std::string& column) {
  if (cell.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  if (end == cell.c_str() || *end != '\0' || !std::isfinite(v)) {
    throw std::runtime_error(file + ":" + std::to_string(line) + ": column " + column + ": \"" + cell + "\" is not a number");
  }
  return v;
}

// The simulated sample at t: the last one at or before t.
const PodSample* at_or_before(const std::vector<PodSample>& s, double t) {
  const auto it = std::upper_bound(s.begin(), s.end(), t + 1e-9, [](double x, const PodSample& p) { return x < p.t; });
  return it == s.begin() ? nullptr : &*(it - 1);
}

}  // namespace

PodSeries read_pod_series(const std::string& text, const std::string& file, const std::string& desired_column,
                          const std::string& ready_column, const std::string& panic_column) {
  std::stringstream in(text);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(file + ": empty file");
  const auto header = split_csv_line(line);
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error(file + ":1: no column " + name);
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t ct = column("t_s"), cr = column("revision"), cd = column(desired_column), cy = column(ready_column),
                    cp = column(panic_column);
  PodSeries out;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    const auto cells = split_csv_line(line);
    if (cells.size() < header.size()) throw std::runtime_error(file + ":" + std::to_string(n) + ": too few columns");
    PodSample p;
    const auto t = number(cells[ct], file, n, "t_s");
    if (!t) throw std::runtime_error(file + ":" + std::to_string(n) + ": column t_s is empty");
    p.t = *t;
    p.desired = number(cells[cd], file, n, desired_column);
    p.ready = number(cells[cy], file, n, ready_column);
    p.panic = number(cells[cp], file, n, panic_column);
    out[cells[cr]].push_back(p);
  }
  for (auto& [rev, s] : out) std::stable_sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.t < b.t; });
  return out;
}

nlohmann::ordered_json compare_series(const PodSeries& observed, const PodSeries& simulated) {
  nlohmann::ordered_json revisions = nlohmann::ordered_json::array();
  for (const auto& [rev, obs] : observed) {
    nlohmann::ordered_json r = {{"revision", rev}};
    const auto sim = simulated.find(rev);
    if (sim == simulated.end()) {
      r["samples"] = 0;
      r["note"] = "not in the simulation";
      revisions.push_back(r);
      continue;
    }
    int samples = 0, within = 0, desired_n = 0, both = 0, either = 0;
    double abs_sum = 0, desired_sum = 0;
    for (const PodSample& o : obs) {
      const PodSample* s = at_or_before(sim->second, o.t);
      if (s == nullptr) continue;
      if (o.ready && s->ready) {
        const double d = std::fabs(*s->ready - *o.ready);
        ++samples;
        abs_sum += d;
        within += d <= 1 + 1e-9 ? 1 : 0;
      }
      if (o.desired && s->desired) {
        ++desired_n;
        desired_sum += std::fabs(*s->desired - *o.desired);
      }
      if (o.panic && s->panic) {
        const bool a = *o.panic > 0.5, b = *s->panic > 0.5;
        both += a && b ? 1 : 0;
        either += a || b ? 1 : 0;
      }
    }
    r["samples"] = samples;
    r["mae_pods"] = samples ? nlohmann::ordered_json(abs_sum / samples) : nlohmann::ordered_json(nullptr);
    r["within_one_pod"] = samples ? nlohmann::ordered_json(static_cast<double>(within) / samples) : nlohmann::ordered_json(nullptr);
    r["desired_mae_pods"] = desired_n ? nlohmann::ordered_json(desired_sum / desired_n) : nlohmann::ordered_json(nullptr);
    r["panic_overlap"] = either ? nlohmann::ordered_json(static_cast<double>(both) / either) : nlohmann::ordered_json(nullptr);
    revisions.push_back(r);
  }
  return {{"revisions", revisions}};
}

}  // namespace knsim::adapter
