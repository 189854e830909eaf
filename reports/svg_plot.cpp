#include "reports/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace knsim::reports {
namespace {

constexpr double kLeft = 150, kRight = 20, kTop = 30, kBottom = 40;
constexpr double kLegendRow = 18;

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

std::string tick_label(double v, double step) {
  char b[32];
  // steps are 1, 2 or 5 x 10^k: k < 0 needs -k decimals
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
  std::snprintf(b, sizeof b, "%.*f", decimals, std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return b;
}

// A log-axis tick: 0.5, 1, 20, 1000 (%g keeps it short).
std::string format_log_tick(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

const char* dash_of(PlotLine::Style s) {
  switch (s) {
    case PlotLine::Style::kDashed: return " stroke-dasharray=\"6 4\"";
    case PlotLine::Style::kDotted: return " stroke-dasharray=\"2 3\"";
    case PlotLine::Style::kSolid: break;
  }
  return "";
}

// Legend rows: entries flow left to right, wrapping at the plot width.
int legend_rows(const std::vector<std::string>& labels, double w) {
  if (labels.empty()) return 0;
  int rows = 1;
  double x = 0;
  for (const std::string& l : labels) {
    const double item = 34 + 6.6 * static_cast<double>(l.size());
    if (x > 0 && x + item > w) {
      ++rows;
      x = 0;
    }
    x += item;
  }
  return rows;
}

}  // namespace

std::string xml_escape(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::vector<double> nice_ticks(double lo, double hi, int target, double min_step) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / std::max(1, target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  step = std::max(step, min_step);
  std::vector<double> ticks;
  const double first = std::ceil(lo / step - 1e-9);
  for (double k = first; k * step <= hi + step * 1e-9; k += 1) ticks.push_back(k * step);  // no accumulated error
  return ticks;
}

TimeAxis TimeAxis::for_range(double t0, double t1) {
  TimeAxis a;
  a.t0 = t0;
  a.t1 = t1 > t0 ? t1 : t0 + 1;
  const double span = a.t1 - a.t0;
  if (span > 3 * 3600.0) {
    a.unit = 3600;
    a.unit_name = "h";
  } else if (span > 600) {
    a.unit = 60;
    a.unit_name = "min";
  }
  return a;
}

std::string SvgPlot::render(int width, int height) const {
  const double w = width - kLeft - kRight;
  std::vector<std::string> labels;
  for (const PlotLine& l : lines_) labels.push_back(l.label);
  for (const auto& [label, color] : band_legend_) labels.push_back(label);
  const int rows = legend_rows(labels, w);
  const double h = height - kTop - kBottom;
  const double total_h = height + rows * kLegendRow + 4;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                  num(total_h) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + num(total_h) +
                  "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s += "<text x=\"" + num(kLeft) + "\" y=\"18\" font-size=\"14\" font-weight=\"bold\">" + xml_escape(title_) + "</text>\n";
  if (!bands_.empty()) {
    s += render_axes(kLeft, kTop, w, h, nullptr);
    s += render_bands(kLeft, kTop, w, h);
  } else {
    const YScale ys = y_scale();
    s += render_axes(kLeft, kTop, w, h, &ys);
    s += render_lines(kLeft, kTop, w, h, ys);
  }
  std::vector<std::pair<double, double>> label_spots;  // (x, y) of labels drawn, to stack close ones
  for (const PlotMarker& m : markers_) {
    if (m.t < axis_.t0 || m.t > axis_.t1) continue;
    const double x = kLeft + w * (m.t - axis_.t0) / (axis_.t1 - axis_.t0);
    double ly = kTop + 11;
    for (const auto& [px, py] : label_spots) {
      if (std::fabs(px - x) < 70 && py >= ly) ly = py + 11;
    }
    label_spots.emplace_back(x, ly);
    s += "<line x1=\"" + num(x) + "\" y1=\"" + num(kTop) + "\" x2=\"" + num(x) + "\" y2=\"" + num(kTop + h) +
         "\" stroke=\"" + m.color + "\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n";
    s += "<text x=\"" + num(x + 3) + "\" y=\"" + num(ly) + "\" font-size=\"10\" fill=\"" + m.color + "\">" +
         xml_escape(m.label) + "</text>\n";
  }
  s += render_legend(kLeft, height + 2, w);
  s += "</svg>\n";
  return s;
}

double SvgPlot::YScale::frac(double v) const {
  if (log) return (std::log10(std::clamp(v, y0, y1)) - std::log10(y0)) / (std::log10(y1) - std::log10(y0));
  return (std::clamp(v, y0, y1) - y0) / (y1 - y0);
}

SvgPlot::YScale SvgPlot::y_scale() const {
  YScale ys;
  ys.log = log_y_;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const PlotLine& l : lines_) {
    for (double v : l.y) {
      if (!std::isfinite(v) || (log_y_ && v <= 0) || (l.zero_is_gap && v == 0)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (log_y_) {  // whole decades around the data
    if (!(hi > 0)) lo = hi = 1;
    ys.y0 = std::pow(10.0, std::floor(std::log10(lo)));
    ys.y1 = std::pow(10.0, std::ceil(std::log10(hi) + 1e-9));
    return ys;
  }
  ys.y0 = y_min_;
  double ymax = std::isfinite(hi) ? std::max(hi, y_min_) : y_min_;
  if (!(ymax > y_min_)) ymax = y_min_ + 1;
  if (has_y_max_) {
    ys.y1 = y_max_;
    return ys;
  }
  ymax = y_min_ + (ymax - y_min_) * 1.04;  // headroom: a line at the maximum stays visible
  const auto ticks = nice_ticks(y_min_, ymax, 5, integer_y_ ? 1.0 : 0.0);
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  ys.y1 = y_min_ + std::ceil((ymax - y_min_) / step - 1e-9) * step;  // a whole tick step
  return ys;
}

std::string SvgPlot::render_axes(double left, double top, double w, double h, const YScale* ys) const {
  std::string s;
  s += "<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
       "\" fill=\"#fcfcfc\" stroke=\"#999\"/>\n";
  const auto xt = nice_ticks(axis_.t0 / axis_.unit, axis_.t1 / axis_.unit, 10);
  const double xstep = xt.size() > 1 ? xt[1] - xt[0] : 1;
  for (double t : xt) {
    const double x = left + w * (t * axis_.unit - axis_.t0) / (axis_.t1 - axis_.t0);
    s += "<line x1=\"" + num(x) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x) + "\" y2=\"" + num(top + h) +
         "\" stroke=\"#e4e4e4\"/>\n";
    s += "<text x=\"" + num(x) + "\" y=\"" + num(top + h + 15) + "\" text-anchor=\"middle\">" + tick_label(t, xstep) + "</text>\n";
  }
  s += "<text x=\"" + num(left + w / 2) + "\" y=\"" + num(top + h + 32) + "\" text-anchor=\"middle\">time (" +
       axis_.unit_name + ")</text>\n";
  if (ys == nullptr) return s;
  std::vector<double> yt;
  if (ys->log) {  // 1, 2, 5 per decade; only powers of ten when there are many decades
    const bool dense = ys->y1 / ys->y0 <= 1e4 * 1.0001;
    for (double d = ys->y0; d < ys->y1 * 1.0001; d *= 10) {
      for (double m : {1.0, 2.0, 5.0}) {
        if ((m == 1.0 || dense) && d * m <= ys->y1 * 1.0001) yt.push_back(d * m);
      }
    }
  } else {
    yt = nice_ticks(ys->y0, ys->y1, 5, integer_y_ ? 1.0 : 0.0);
  }
  const double ystep = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double v : yt) {
    const double y = top + h - h * ys->frac(v);
    s += "<line x1=\"" + num(left) + "\" y1=\"" + num(y) + "\" x2=\"" + num(left + w) + "\" y2=\"" + num(y) +
         "\" stroke=\"#e4e4e4\"/>\n";
    s += "<text x=\"" + num(left - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
         (ys->log ? format_log_tick(v) : tick_label(v, ystep)) + "</text>\n";
  }
  const double yl = top + h / 2;
  s += "<text x=\"" + num(left - 52) + "\" y=\"" + num(yl) + "\" text-anchor=\"middle\" transform=\"rotate(-90 " +
       num(left - 52) + " " + num(yl) + ")\">" + xml_escape(y_label_) + "</text>\n";
  return s;
}

std::string SvgPlot::render_lines(double left, double top, double w, double h, const YScale& ys) const {
  std::string s = "<g>\n";
  const double tspan = axis_.t1 - axis_.t0;
  auto px = [&](double t) { return left + w * (t - axis_.t0) / tspan; };
  auto py = [&](double v) { return top + h - h * ys.frac(v); };
  for (const PlotLine& l : lines_) {
    if (l.x == nullptr || l.x->empty()) continue;
    const auto& x = *l.x;
    const std::size_t n = std::min(x.size(), l.y.size());
    const bool thin = n > static_cast<std::size_t>(2 * w);
    std::string pts;
    auto flush = [&]() {
      if (pts.empty()) return;
      s += "<polyline fill=\"none\" stroke=\"" + l.color + "\" stroke-width=\"" + num(l.width) + "\"" +
           dash_of(l.style) + " points=\"" + pts + "\"/>\n";
      pts.clear();
    };
    auto gap = [&](std::size_t i) {
      return !std::isfinite(l.y[i]) || (l.zero_is_gap && l.y[i] == 0) || (ys.log && l.y[i] <= 0);
    };
    if (!thin) {
      for (std::size_t i = 0; i < n; ++i) {
        if (gap(i)) {
          flush();
          continue;
        }
        if (l.step && i > 0 && !gap(i - 1)) pts += num(px(x[i])) + "," + num(py(l.y[i - 1])) + " ";
        pts += num(px(x[i])) + "," + num(py(l.y[i])) + " ";
      }
    } else {
      // Per pixel column: first, min, max and last value, in index order (spikes survive).
      std::size_t i = 0;
      while (i < n) {
        const long col = std::lround(px(x[i]));
        std::size_t j = i, imin = n, imax = n;
        while (j < n && std::lround(px(x[j])) == col) {
          if (!gap(j) && (imin == n || l.y[j] < l.y[imin])) imin = j;
          if (!gap(j) && (imax == n || l.y[j] > l.y[imax])) imax = j;
          ++j;
        }
        if (imin == n) {  // the whole column is a gap
          flush();
          i = j;
          continue;
        }
        const std::size_t lo = std::min(imin, imax), hi = std::max(imin, imax);
        const std::size_t keep[4] = {gap(i) ? lo : i, lo, hi, gap(j - 1) ? hi : j - 1};
        for (int k = 0; k < 4; ++k) {
          if (k > 0 && keep[k] == keep[k - 1]) continue;
          pts += num(px(x[keep[k]])) + "," + num(py(l.y[keep[k]])) + " ";
        }
        i = j;
      }
    }
    flush();
  }
  return s + "</g>\n";
}

std::string SvgPlot::render_bands(double left, double top, double w, double h) const {
  std::string s;
  const double row_h = h / static_cast<double>(std::max<std::size_t>(1, bands_.size()));
  const double tspan = axis_.t1 - axis_.t0;
  for (std::size_t r = 0; r < bands_.size(); ++r) {
    const double y = top + row_h * static_cast<double>(r);
    std::string label = bands_[r].label;
    if (label.size() > 22) label = label.substr(0, 21) + "~";
    s += "<text x=\"" + num(left - 6) + "\" y=\"" + num(y + row_h / 2 + 4) + "\" text-anchor=\"end\">" + xml_escape(label) + "</text>\n";
    for (const BandSpan& b : bands_[r].spans) {
      const double x0 = left + w * (std::max(b.t0, axis_.t0) - axis_.t0) / tspan;
      const double x1 = left + w * (std::min(b.t1, axis_.t1) - axis_.t0) / tspan;
      if (x1 <= x0) continue;
      s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(std::max(0.8, x1 - x0)) + "\" height=\"" +
           num(std::max(1.0, row_h - 4)) + "\" fill=\"" + b.color + "\"/>\n";
    }
    if (r > 0) {
      s += "<line x1=\"" + num(left) + "\" y1=\"" + num(y) + "\" x2=\"" + num(left + w) + "\" y2=\"" + num(y) + "\" stroke=\"#ccc\"/>\n";
    }
  }
  return s;
}

std::string SvgPlot::render_legend(double left, double top, double w) const {
  std::string s;
  double x = 0, y = top + 12;
  auto entry = [&](const std::string& label, const std::string& color, const char* dash, bool box) {
    const double item = 34 + 6.6 * static_cast<double>(label.size());
    if (x > 0 && x + item > w) {
      x = 0;
      y += kLegendRow;
    }
    const double x0 = left + x;
    if (box) {
      s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y - 9) + "\" width=\"24\" height=\"10\" fill=\"" + color + "\"/>\n";
    } else {
      s += "<line x1=\"" + num(x0) + "\" y1=\"" + num(y - 4) + "\" x2=\"" + num(x0 + 24) + "\" y2=\"" + num(y - 4) +
           "\" stroke=\"" + color + "\" stroke-width=\"2.2\"" + dash + "/>\n";
    }
    s += "<text x=\"" + num(x0 + 28) + "\" y=\"" + num(y) + "\">" + xml_escape(label) + "</text>\n";
    x += item;
  };
  for (const PlotLine& l : lines_) entry(l.label, l.color, dash_of(l.style), false);
  for (const auto& [label, color] : band_legend_) entry(label, color, "", true);
  return s;
}

}  // namespace knsim::reports
