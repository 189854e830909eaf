#include "reports/compare_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "reports/svg_plot.hpp"

namespace knsim::reports {
namespace {

constexpr int kWidth = 1100;
constexpr const char* kRealColor = "#222222";
constexpr const char* kTwinColor = "#1f77b4";
constexpr const char* kPanicColor = "#e63946";

std::string esc(const std::string& s) { return xml_escape(s); }

// A figure of a compare.json row with `digits` decimals, `percent` as a percentage; "–" when null.
std::string figure(const nlohmann::ordered_json& row, const char* key, int digits, bool percent = false) {
  if (!row.contains(key) || !row[key].is_number()) return "&ndash;";
  char b[48];
  const double v = row[key].get<double>() * (percent ? 100 : 1);
  std::snprintf(b, sizeof b, percent ? "%.*f%%" : "%.*f", digits, v);
  return b;
}

// Spans where panic is 1: sample i stands for (t[i-1], t[i]] (the first for one step before it).
std::vector<BandSpan> panic_spans(const PodTrack& s) {
  std::vector<BandSpan> out;
  for (std::size_t i = 0; i < s.t.size(); ++i) {
    if (!(s.panic[i] > 0.5)) continue;
    const double step = s.t.size() > 1 ? s.t[1] - s.t[0] : 1.0;
    const double t0 = i == 0 ? std::max(0.0, s.t[0] - step) : s.t[i - 1];
    if (!out.empty() && out.back().t1 == t0) out.back().t1 = s.t[i];
    else out.push_back({t0, s.t[i], kPanicColor});
  }
  return out;
}

std::string figures_table(const CompareReport& r) {
  std::string h =
      "<table class=\"grid\">\n<tr><th>revision</th><th>samples</th><th>mean abs. error (pods)</th>"
      "<th>within one pod</th><th>desired: mean abs. error</th><th>panic overlap</th>"
      "<th>cold starts real</th><th>cold starts simulated</th></tr>\n";
  for (const ComparedRevision& c : r.revisions) {
    const auto& f = c.figures;
    const std::string samples = f.contains("samples") && f["samples"].is_number() ? f["samples"].dump() : "0";
    h += "<tr><td>" + esc(c.revision) + "</td><td>" + samples + "</td><td>" + figure(f, "mae_pods", 2) + "</td><td>" +
         figure(f, "within_one_pod", 1, true) + "</td><td>" + figure(f, "desired_mae_pods", 2) + "</td><td>" +
         figure(f, "panic_overlap", 1, true) + "</td><td>" + figure(f, "cold_starts_observed", 0) + "</td><td>" +
         figure(f, "cold_starts_simulated", 0) + "</td></tr>\n";
    if (f.contains("note") && f["note"].is_string()) {
      h += "<tr><td></td><td colspan=\"7\" class=\"note\">" + esc(f["note"].get<std::string>()) + "</td></tr>\n";
    }
  }
  return h + "</table>\n";
}

std::string revision_plots(const ComparedRevision& c) {
  double t1 = 1;
  for (const PodTrack* s : {&c.observed, &c.simulated})
    if (!s->t.empty()) t1 = std::max(t1, s->t.back());
  const TimeAxis axis = TimeAxis::for_range(0, t1);
  SvgPlot pods(c.revision + ": ready pods, real cluster and simulated replay", "pods", axis);
  using St = PlotLine::Style;
  pods.add({"real ready (observed.csv actual_pods)", kRealColor, &c.observed.t, c.observed.ready, St::kSolid, 2.4, true});
  pods.add({"simulated ready", kTwinColor, &c.simulated.t, c.simulated.ready, St::kSolid, 1.8, true});
  pods.add({"real desired", kRealColor, &c.observed.t, c.observed.desired, St::kDotted, 1.4, true});
  pods.add({"simulated desired", kTwinColor, &c.simulated.t, c.simulated.desired, St::kDashed, 1.4, true});
  pods.set_integer_y(true);
  SvgPlot bands(c.revision + ": panic", "", axis);
  bands.set_bands({{"real panic", panic_spans(c.observed)}, {"simulated panic", panic_spans(c.simulated)}},
                  {{"panic", kPanicColor}});
  return "<div class=\"plot\">" + pods.render(kWidth, 300) + "</div>\n<div class=\"plot\">" + bands.render(kWidth, 120) +
         "</div>\n";
}

constexpr const char* kHowToRead =
    "<h2>How to read this</h2>\n<ul>\n"
    "<li><b>mean abs. error (pods)</b>: at every recorded step, |simulated ready pods &minus; real ready pods|, averaged. "
    "0 means the replay had the cluster's pods at every step; 1 means one pod off on average.</li>\n"
    "<li><b>within one pod</b>: the share of steps where the two differ by at most one pod.</li>\n"
    "<li><b>desired: mean abs. error</b>: the same for the autoscaler's desired pods (what it asked for, before pods start).</li>\n"
    "<li><b>panic overlap</b>: steps where both were in panic over steps where either was (&ndash;: neither panicked).</li>\n"
    "<li><b>cold starts</b>: scale-ups from zero ready pods, counted on both sides at the recorded steps "
    "(a scale to zero and back within one step is not seen).</li>\n"
    "<li>At each recorded step the simulated second at or before it is used.</li>\n</ul>\n"
    "<h2>What limits it</h2>\n<ul>\n"
    "<li><b>Pod startup phases</b>: the scenario's scheduling, image pull and container start times are defaults unless "
    "set; a real pod that takes longer to become ready shows as the real line lagging the simulated one after each "
    "scale-up, while desired pods agree.</li>\n"
    "<li><b>Node pools</b>: the scenario's nodes come from the cluster's schedulable nodes at recording time; pods the "
    "cluster could not place (or a cluster autoscaler adding nodes) are not replayed.</li>\n"
    "<li><b>The trace's resolution</b>: the load is one request rate per recording step, spread evenly inside it; bursts "
    "shorter than a step are smoothed away, so panic (which reacts to 6 s windows) is under-replayed at coarse steps.</li>\n"
    "<li><b>The starting state</b>: the simulation starts from the scenario's pods, not necessarily from the ready pods "
    "at the window's start, so the first minutes can differ.</li>\n"
    "<li>Each revision's load is sent through its Service's route (the route splits it by the traffic percentages).</li>\n"
    "</ul>\n";

constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:20px auto;max-width:1140px;color:#222}"
    "h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:22px 0 6px;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}"
    "th,td{padding:3px 10px;text-align:left}table.kv th{color:#555;font-weight:normal}"
    "table.grid th{background:#f0f0f0}table.grid td{border-top:1px solid #e6e6e6}"
    ".plot{margin:4px 0 10px}.note{color:#666;font-size:13px}li{font-size:14px;margin:3px 0}";

}  // namespace

std::map<std::string, PodTrack> read_pod_tracks(const std::string& text, const std::string& file,
                                                const std::string& ready_column, const std::string& desired_column,
                                                const std::string& panic_column) {
  auto split = [](const std::string& line) {
    std::vector<std::string> cells(1);
    for (const char c : line) {
      if (c == ',') cells.emplace_back();
      else if (c != '\r') cells.back() += c;
    }
    return cells;
  };
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(file + ": empty file");
  const auto header = split(line);
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error(file + ":1: no column " + name);
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t ct = column("t_s"), cr = column("revision"), cy = column(ready_column), cd = column(desired_column),
                    cp = column(panic_column);
  std::map<std::string, std::vector<std::array<double, 4>>> rows;  // t, ready, desired, panic
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    const auto cells = split(line);
    if (cells.size() < header.size()) throw std::runtime_error(file + ":" + std::to_string(n) + ": too few columns");
    auto value = [&](std::size_t c, const std::string& name) {
      if (cells[c].empty()) return std::nan("");
      char* end = nullptr;
      const double v = std::strtod(cells[c].c_str(), &end);
      if (end == cells[c].c_str() || *end != '\0' || !std::isfinite(v))
        throw std::runtime_error(file + ":" + std::to_string(n) + ": column " + name + ": \"" + cells[c] + "\" is not a number");
      return v;
    };
    const double t = value(ct, "t_s");
    if (std::isnan(t)) throw std::runtime_error(file + ":" + std::to_string(n) + ": column t_s is empty");
    rows[cells[cr]].push_back({t, value(cy, ready_column), value(cd, desired_column), value(cp, panic_column)});
  }
  std::map<std::string, PodTrack> out;
  for (auto& [rev, r] : rows) {
    std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a[0] < b[0]; });
    PodTrack& track = out[rev];
    for (const auto& row : r) {
      track.t.push_back(row[0]);
      track.ready.push_back(row[1]);
      track.desired.push_back(row[2]);
      track.panic.push_back(row[3]);
    }
  }
  return out;
}

std::vector<double> values_at(const std::vector<double>& t, const std::vector<double>& values,
                              const std::vector<double>& times) {
  std::vector<double> out;
  out.reserve(times.size());
  for (const double x : times) {
    const auto it = std::upper_bound(t.begin(), t.end(), x + 1e-9);
    out.push_back(it == t.begin() ? std::nan("") : values[static_cast<std::size_t>(it - t.begin()) - 1]);
  }
  return out;
}

int count_scale_from_zero(const std::vector<double>& ready) {
  int n = 0;
  double last = std::nan("");
  for (const double v : ready) {
    if (std::isnan(v)) continue;
    if (last == 0 && v >= 1) ++n;
    last = v;
  }
  return n;
}

void write_compare_report_html(std::ostream& out, const CompareReport& r) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>knsim cluster compare: " +
                  esc(r.recording) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  h += "<h1>knsim cluster compare: " + esc(r.recording) + "</h1>\n<table class=\"kv\">\n";
  h += "<tr><th>recording</th><td>" + esc(r.recording) + " (observed.csv)</td></tr>\n";
  h += "<tr><th>simulated replay</th><td>" + esc(r.simulation) + " (seed: " + esc(r.seed) + ")</td></tr>\n</table>\n";
  h += "<h2>Figures (compare.json)</h2>\n" + figures_table(r);
  h += kHowToRead;
  h += "<h2>Real and simulated pods per revision</h2>\n<p class=\"note\">Black: the real cluster (ready solid, desired "
       "dotted); blue: the simulated replay (ready solid, desired dashed). Red bands: panic.</p>\n";
  if (r.revisions.empty()) h += "<p>observed.csv names no revision.</p>\n";
  for (const ComparedRevision& c : r.revisions) h += revision_plots(c);
  h += "</body>\n</html>\n";
  out << h;
}

}  // namespace knsim::reports
