#include "plan/sweep_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "reports/svg_plot.hpp"

namespace knsim::plan {

namespace {

// One XML escaper for every SVG and HTML page knsim writes.
std::string esc(const std::string& s) { return reports::xml_escape(s); }

std::string num(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Ticks at 1, 2 or 5 times a power of ten, about `want` of them over [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int want = 5) {
  const double range = std::max(hi - lo, 1e-9);
  const double raw = range / want;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  double step = p;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) {
      step = m * p;
      break;
    }
  std::vector<double> t;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) t.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
  return t;
}

std::string tick_text(double v) {
  if (std::abs(v) >= 1e4 || (v == std::floor(v))) return num(v, 0);
  return num(v, std::abs(v) < 1 ? 3 : 1);
}

struct Axis {
  double lo = 0, hi = 1;
  void fit(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
};

std::string ci_text(const Interval& iv, int decimals) {
  std::string s = num(iv.mean, decimals);
  if (iv.low) s += " [" + num(*iv.low, decimals) + ", " + num(*iv.high, decimals) + "]";
  return s;
}

std::string scatter_svg(const std::vector<std::string>& keys, const std::vector<PointSummary>& s,
                        const std::vector<std::size_t>& front) {
  constexpr double W = 900, H = 480, L = 80, R = 30, T = 30, B = 60;
  Axis x{std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()}, y = x;
  for (const auto& p : s) {
    const auto &c = p.get("cost_pod_seconds"), &l = p.get("latency_p99_ms");
    x.fit(c.low.value_or(c.mean));
    x.fit(c.high.value_or(c.mean));
    y.fit(l.low.value_or(l.mean));
    y.fit(l.high.value_or(l.mean));
  }
  if (s.empty()) x = y = Axis{0, 1};
  y.lo = std::min(y.lo, 0.0);
  x.lo = std::min(x.lo, 0.0);
  const double pad_x = (x.hi - x.lo) * 0.05 + 1e-9, pad_y = (y.hi - y.lo) * 0.08 + 1e-9;
  x.hi += pad_x;
  y.hi += pad_y;
  auto px = [&](double v) { return L + (v - x.lo) / (x.hi - x.lo) * (W - L - R); };
  auto py = [&](double v) { return H - B - (v - y.lo) / (y.hi - y.lo) * (H - T - B); };
  std::ostringstream o;
  o << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << H << "' font-family='sans-serif' font-size='12'>\n";
  o << "<rect x='" << L << "' y='" << T << "' width='" << W - L - R << "' height='" << H - T - B << "' fill='#fafafa' stroke='#999'/>\n";
  for (double t : nice_ticks(x.lo, x.hi)) {
    o << "<line x1='" << num(px(t)) << "' y1='" << T << "' x2='" << num(px(t)) << "' y2='" << H - B << "' stroke='#e4e4e4'/>";
    o << "<text x='" << num(px(t)) << "' y='" << H - B + 16 << "' text-anchor='middle'>" << tick_text(t) << "</text>\n";
  }
  for (double t : nice_ticks(y.lo, y.hi)) {
    o << "<line x1='" << L << "' y1='" << num(py(t)) << "' x2='" << W - R << "' y2='" << num(py(t)) << "' stroke='#e4e4e4'/>";
    o << "<text x='" << L - 6 << "' y='" << num(py(t) + 4) << "' text-anchor='end'>" << tick_text(t) << "</text>\n";
  }
  o << "<text x='" << (L + W - R) / 2 << "' y='" << H - 18 << "' text-anchor='middle'>cost (pod-seconds, mean over seeds)</text>\n";
  o << "<text transform='translate(18," << (T + H - B) / 2 << ") rotate(-90)' text-anchor='middle'>p99 latency (ms)</text>\n";
  // The front as a line through its points ordered by cost.
  std::vector<std::size_t> f = front;
  std::sort(f.begin(), f.end(), [&](std::size_t a, std::size_t b) {
    return s[a].get("cost_pod_seconds").mean < s[b].get("cost_pod_seconds").mean;
  });
  if (f.size() > 1) {
    o << "<polyline fill='none' stroke='#d62728' stroke-width='1.5' stroke-dasharray='5,3' points='";
    for (std::size_t i : f) o << num(px(s[i].get("cost_pod_seconds").mean)) << ',' << num(py(s[i].get("latency_p99_ms").mean)) << ' ';
    o << "'/>\n";
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto& p = s[i];
    const bool on_front = std::find(front.begin(), front.end(), i) != front.end();
    const auto &c = p.get("cost_pod_seconds"), &l = p.get("latency_p99_ms");
    const double cx = px(c.mean), cy = py(l.mean);
    const char* colour = on_front ? "#d62728" : "#1f77b4";
    if (c.low) o << "<line x1='" << num(px(*c.low)) << "' y1='" << num(cy) << "' x2='" << num(px(*c.high)) << "' y2='" << num(cy) << "' stroke='" << colour << "' opacity='0.5'/>";
    if (l.low) o << "<line x1='" << num(cx) << "' y1='" << num(py(*l.low)) << "' x2='" << num(cx) << "' y2='" << num(py(*l.high)) << "' stroke='" << colour << "' opacity='0.5'/>";
    o << "<circle cx='" << num(cx) << "' cy='" << num(cy) << "' r='" << (on_front ? 5 : 4) << "' fill='" << colour << "'><title>point "
      << p.point << ": " << esc(point_label(keys, p.values)) << "&#10;cost " << num(c.mean) << " pod-s, p99 " << num(l.mean)
      << " ms, cold starts " << num(p.get("cold_start_requests").mean) << "</title></circle>";
    if (on_front) {
      // Neighbours along the front (by cost) alternate above and below their dot, so labels do not overlap.
      const auto rank = std::find(f.begin(), f.end(), i) - f.begin();
      o << "<text x='" << num(cx + 7) << "' y='" << num(rank % 2 == 0 ? cy - 7 : cy + 17) << "' fill='#a01010'>"
        << esc(point_label(keys, p.values)) << "</text>";
    }
    o << "\n";
  }
  o << "<text x='" << W - R - 4 << "' y='" << T + 16 << "' text-anchor='end' fill='#d62728'>red: Pareto front (cost, p99, cold starts)</text>\n";
  o << "</svg>\n";
  return o.str();
}

// Horizontal bars, one per point: `metric` mean, labelled "point: settings".
std::string bars_svg(const std::vector<std::string>& keys, const std::vector<PointSummary>& s, const std::string& metric,
                     const std::string& unit, const char* colour) {
  constexpr double W = 900, L = 330, R = 80, row = 18, T = 10;
  const double H = T * 2 + row * static_cast<double>(s.size()) + 20;
  double hi = 0;
  for (const auto& p : s) hi = std::max(hi, p.get(metric).mean);
  if (hi <= 0) hi = 1;
  std::ostringstream o;
  o << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << num(H, 0) << "' font-family='sans-serif' font-size='12'>\n";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double yy = T + row * static_cast<double>(i);
    const double v = s[i].get(metric).mean;
    std::string label = std::to_string(s[i].point) + ": " + point_label(keys, s[i].values);
    if (label.size() > 48) label = label.substr(0, 45) + "...";
    o << "<text x='" << L - 6 << "' y='" << num(yy + 13) << "' text-anchor='end'>" << esc(label) << "</text>";
    o << "<rect x='" << L << "' y='" << num(yy + 3) << "' width='" << num(v / hi * (W - L - R)) << "' height='" << row - 5
      << "' fill='" << colour << "'/>";
    o << "<text x='" << num(L + v / hi * (W - L - R) + 4) << "' y='" << num(yy + 13) << "'>" << tick_text(v) << unit << "</text>\n";
  }
  o << "</svg>\n";
  return o.str();
}

}  // namespace

std::string point_label(const std::vector<std::string>& keys, const std::vector<std::string>& values) {
  std::string s;
  for (std::size_t i = 0; i < keys.size() && i < values.size(); ++i) {
    std::string k = keys[i];
    const auto cut = k.find_last_of("/.");
    if (cut != std::string::npos) k = k.substr(cut + 1);
    s += (s.empty() ? "" : ", ") + k + "=" + values[i];
  }
  return s;
}

std::string sweep_report_html(const std::string& title, const SweepTable& table,
                              const std::vector<PointSummary>& summary, const std::vector<std::size_t>& front) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>" << esc(title) << "</title>\n"
    << "<style>body{font-family:sans-serif;margin:24px;color:#222} table{border-collapse:collapse;font-size:13px}"
       " td,th{border:1px solid #ccc;padding:3px 7px;text-align:right} th{background:#f0f0f0} td.s{text-align:left}"
       " tr.front{background:#fdeaea} h2{margin-top:28px}</style></head><body>\n";
  o << "<h1>" << esc(title) << "</h1>\n";
  o << "<p>" << summary.size() << " points, " << table.rows.size() << " runs. Figures are means over seeds with 95 % "
    << "confidence intervals (Student t) in brackets. Pareto front: the points no other point beats on cost, p99 "
    << "latency and cold starts together (" << front.size() << " of " << summary.size() << ").</p>\n";
  o << "<h2>Cost against p99 latency</h2>\n" << scatter_svg(table.keys, summary, front);
  o << "<h2>Cold-start requests</h2>\n" << bars_svg(table.keys, summary, "cold_start_requests", "", "#9467bd");
  o << "<h2>Failed requests (ratio)</h2>\n" << bars_svg(table.keys, summary, "failed_ratio", "", "#ff7f0e");
  o << "<h2>Every point</h2>\n<table><tr><th>point</th>";
  for (const auto& k : table.keys) o << "<th>" << esc(k) << "</th>";
  o << "<th>runs</th><th>cost (pod-s)</th><th>node-s</th><th>p50 (ms)</th><th>p99 (ms)</th><th>cold starts</th>"
       "<th>failed ratio</th><th>max pods</th><th>Pareto</th></tr>\n";
  for (std::size_t i = 0; i < summary.size(); ++i) {
    const auto& p = summary[i];
    const bool on_front = std::find(front.begin(), front.end(), i) != front.end();
    o << "<tr" << (on_front ? " class='front'" : "") << "><td>" << p.point << "</td>";
    for (const auto& v : p.values) o << "<td class='s'>" << esc(v) << "</td>";
    o << "<td>" << p.runs << "</td><td>" << ci_text(p.get("cost_pod_seconds"), 1) << "</td><td>"
      << ci_text(p.get("node_seconds"), 0) << "</td><td>" << ci_text(p.get("latency_p50_ms"), 1) << "</td><td>"
      << ci_text(p.get("latency_p99_ms"), 1) << "</td><td>" << ci_text(p.get("cold_start_requests"), 1) << "</td><td>"
      << ci_text(p.get("failed_ratio"), 4) << "</td><td>" << ci_text(p.get("max_pods"), 1) << "</td><td>"
      << (on_front ? "yes" : "") << "</td></tr>\n";
  }
  o << "</table>\n</body></html>\n";
  return o.str();
}

}  // namespace knsim::plan
