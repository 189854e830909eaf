#pragma once
// A minimal SVG line chart for report.html: a shared time axis, "nice" ticks, axis labels with
// units, a legend, min/max downsampling to the pixel width (spikes survive), optional vertical
// markers (timeline actions) and horizontal band rows (Proxy/Serve, panic). Deterministic output
// (coordinates printed with one decimal).
#include <string>
#include <vector>

namespace knsim::reports {

struct PlotLine {
  std::string label;
  std::string color;             // CSS colour, e.g. "#1f77b4"
  const std::vector<double>* x = nullptr;  // seconds
  std::vector<double> y;         // same length as *x; NaN = no data (a gap in the line)
  enum class Style { kSolid, kDashed, kDotted } style = Style::kSolid;
  double width = 1.6;
  bool step = false;             // draw as a step function (value holds until the next sample)
  bool zero_is_gap = false;      // a 0 means "no data" (e.g. latency of an interval without requests): not drawn
};

struct PlotMarker {
  double t = 0;                  // seconds
  std::string label;             // short text at the top
  std::string color = "#555";
};

struct BandSpan {
  double t0 = 0, t1 = 0;         // seconds
  std::string color;
};
struct BandRow {
  std::string label;             // row label (left)
  std::vector<BandSpan> spans;
};

struct TimeAxis {
  double t0 = 0, t1 = 1;         // seconds
  double unit = 1;               // seconds per display unit (1, 60, 3600)
  std::string unit_name = "s";   // "s", "min", "h"
  static TimeAxis for_range(double t0, double t1);  // picks s / min / h
};

class SvgPlot {
 public:
  SvgPlot(std::string title, std::string y_label, TimeAxis axis) : title_(std::move(title)), y_label_(std::move(y_label)), axis_(axis) {}
  void add(PlotLine line) { lines_.push_back(std::move(line)); }
  void add_marker(PlotMarker m) { markers_.push_back(std::move(m)); }
  void set_y_min(double v) { y_min_ = v; }
  void set_y_max(double v) { y_max_ = v; has_y_max_ = true; }
  void set_integer_y(bool on) { integer_y_ = on; }  // counts: ticks at whole numbers only
  void set_log_y(bool on) { log_y_ = on; }          // log10 y axis; values <= 0 are not drawn
  // Band rows instead of lines (one row per BandRow, legend entries given explicitly).
  void set_bands(std::vector<BandRow> rows, std::vector<std::pair<std::string, std::string>> legend) {
    bands_ = std::move(rows);
    band_legend_ = std::move(legend);
  }
  std::string render(int width, int height) const;

 private:
  // The y range and how a value maps into it (0 = bottom, 1 = top).
  struct YScale {
    double y0 = 0, y1 = 1;
    bool log = false;
    double frac(double v) const;
  };
  YScale y_scale() const;
  std::string render_lines(double left, double top, double w, double h, const YScale& ys) const;
  std::string render_bands(double left, double top, double w, double h) const;
  std::string render_axes(double left, double top, double w, double h, const YScale* ys) const;
  std::string render_legend(double left, double top, double w) const;
  std::string title_, y_label_;
  TimeAxis axis_;
  std::vector<PlotLine> lines_;
  std::vector<PlotMarker> markers_;
  std::vector<BandRow> bands_;
  std::vector<std::pair<std::string, std::string>> band_legend_;  // (label, colour)
  double y_min_ = 0, y_max_ = 0;
  bool has_y_max_ = false;
  bool integer_y_ = false;
  bool log_y_ = false;
};

// "&<>\"" escaped for HTML/SVG text.
std::string xml_escape(const std::string& s);
// Tick positions from lo to hi, about `target` of them, at 1/2/5 x 10^k steps.
std::vector<double> nice_ticks(double lo, double hi, int target, double min_step = 0);

}  // namespace knsim::reports
