#pragma once
// Legends below the plot, wrapped into rows. QCustomPlot's own examples put a legend inside the
// axis rect (an inset, top right), PlotJuggler does the same; with knsim's many entries (a style
// key plus one entry per revision or node) an inset would hide the data of these short plots, so
// the legend sits in its own row under the axis rect and wraps: before each replot it takes as
// many columns as fit the plot's current width, so no entry is ever cut off at the right edge and
// the plot never needs to be wider than its window (no horizontal scroll bar).
#include <vector>

class QCustomPlot;

namespace knsim::gui {

// Left margin of the legend row: the axis rect's fixed left margin, so entries start under the
// time axis.
inline constexpr int kLegendLeftMargin = 78;

// How many columns of a wrapped legend fit in `available` pixels: the largest n such that, with
// entry i in column i % n, the sum of each column's widest entry plus (n - 1) x `spacing` fits.
// At least 1 (a single entry wider than the plot then is the only thing that can be clipped).
// Worked example: widths {100, 60, 80}, spacing 8, available 200: n = 3 needs 100+60+80+16 = 256,
// n = 2 needs max(100, 80) + 60 + 8 = 168 <= 200 -> 2 columns.
int legend_columns_that_fit(const std::vector<int>& entry_widths, int spacing, int available);

// Moves `plot`'s legend into a row below its axis rect (row 2 of the plot layout) and keeps it
// wrapped to the plot's width before every replot.
void place_legend_below(QCustomPlot* plot);

// Re-wraps `plot`'s legend for its current width now (place_legend_below does it before each
// replot); returns the number of columns.
int wrap_legend(QCustomPlot* plot);

}  // namespace knsim::gui
