#pragma once
// Colours, pens and small QCustomPlot helpers shared by the plots. Revisions get colours from a
// palette without red, orange or green, which are reserved for panic (red), Proxy mode (orange)
// and Serve mode (green), so a band's colour is never mistaken for a revision.
#include <QColor>
#include <QPen>
#include <QString>

class QCustomPlot;
class QCPAxis;
class QCPGraph;

namespace knsim::gui {

// Colour of the index-th revision (node); the palettes repeat after kRevisionColors (kNodeColors).
QColor revision_color(int index);
QColor node_color(int index);
inline constexpr int kRevisionColors = 7;
inline constexpr int kNodeColors = 6;
inline const QColor kPanicColor{214, 39, 40};
inline const QColor kProxyColor{255, 127, 14};
inline const QColor kServeColor{44, 160, 44};
inline const QColor kFailureColor{214, 39, 40};

// A pen of `color`, `width` px and `style`; what-if runs use the same colour, lighter.
QPen series_pen(const QColor& color, double width, Qt::PenStyle style, bool what_if);

// Smallest height of one plot (title, axis rect, time ticks, two legend rows), px.
inline constexpr int kPlotMinimumHeight = 175;
// The axis rects' fixed left and right margins (tick labels and axis label), px: equal on every
// plot so their time axes line up under one cursor. PlotPanel widens the left one for long
// revision names in the bands plot's lane labels.
inline constexpr int kAxisLeftMargin = 78;
inline constexpr int kAxisRightMargin = 62;
// Smallest width of one plot, px: legends wrap to any width from here up.
inline constexpr int kPlotMinimumWidth = 360;

// Common look: title, axis labels with units (time ticks read "120 s"), the legend wrapped below
// the axis rect (legend_flow.hpp), horizontal drag/zoom.
void setup_plot(QCustomPlot* plot, const QString& title, const QString& y_label, const QString& tooltip);

// Fits a value axis to its visible data with 8% head room; `from_zero` keeps 0 as the lower bound.
void fit_value_axis(QCPAxis* axis, bool from_zero);

// Adds a graph on (x, y) axes with a name and pen; `legend` false keeps it out of the legend.
QCPGraph* add_graph(QCustomPlot* plot, QCPAxis* y, const QString& name, const QPen& pen, bool legend);

}  // namespace knsim::gui
