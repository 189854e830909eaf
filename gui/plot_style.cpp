#include "gui/plot_style.hpp"

#include <qcustomplot.h>

#include <array>

#include "gui/legend_flow.hpp"

namespace knsim::gui {
namespace {

// Time-axis tick labels carry their unit ("120 s"): every stacked plot shows it, also when the
// bottom plot's "simulated time (s)" label is scrolled out of view.
class SecondsTicker : public QCPAxisTicker {
 protected:
  QString getTickLabel(double tick, const QLocale& locale, QChar format_char, int precision) override {
    return QCPAxisTicker::getTickLabel(tick, locale, format_char, precision) + " s";
  }
};

}  // namespace

QColor revision_color(int index) {
  static const std::array<QColor, kRevisionColors> kPalette = {
      QColor(31, 119, 180),  QColor(148, 103, 189), QColor(23, 190, 207), QColor(140, 86, 75),
      QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34)};
  return kPalette[static_cast<std::size_t>(index) % kPalette.size()];
}

QColor node_color(int index) {
  static const std::array<QColor, kNodeColors> kPalette = {QColor(57, 59, 121),  QColor(99, 121, 57),
                                                           QColor(140, 109, 49), QColor(132, 60, 57),
                                                           QColor(123, 65, 115), QColor(82, 84, 163)};
  return kPalette[static_cast<std::size_t>(index) % kPalette.size()];
}

QPen series_pen(const QColor& color, double width, Qt::PenStyle style, bool what_if) {
  QColor c = color;
  if (what_if) c = c.lighter(150);
  QPen pen(c, width, what_if ? Qt::DashDotLine : style);
  return pen;
}

void setup_plot(QCustomPlot* plot, const QString& title, const QString& y_label, const QString& tooltip) {
  plot->setMinimumHeight(kPlotMinimumHeight);
  // An explicit minimum width: QCustomPlot's own size hint is its layout's, which includes the
  // legend's current (unwrapped) width and would make the plot wider than its scroll area.
  plot->setMinimumWidth(kPlotMinimumWidth);
  plot->setToolTip(tooltip);
  plot->plotLayout()->insertRow(0);
  auto* heading = new QCPTextElement(plot, title, QFont("DejaVu Sans", 10, QFont::Bold));
  plot->plotLayout()->addElement(0, 0, heading);
  plot->xAxis->setLabel("simulated time (s)");
  plot->yAxis->setLabel(y_label);
  QFont tick_font("DejaVu Sans", 8);
  plot->xAxis->setTickLabelFont(tick_font);
  plot->yAxis->setTickLabelFont(tick_font);
  plot->yAxis2->setTickLabelFont(tick_font);
  plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new SecondsTicker));
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont("DejaVu Sans", 8));
  place_legend_below(plot);  // wrapped rows under the axis rect, never cut off (legend_flow.hpp)
  // Fixed left/right margins: every plot's time axis starts and ends at the same x pixel, so the
  // plots stacked in separate widgets line up under one cursor.
  plot->axisRect()->setAutoMargins(QCP::msTop | QCP::msBottom);
  plot->axisRect()->setMargins(QMargins(kAxisLeftMargin, 0, kAxisRightMargin, 0));
  plot->axisRect()->setRangeDrag(Qt::Horizontal);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
}

void fit_value_axis(QCPAxis* axis, bool from_zero) {
  axis->rescale(true);
  QCPRange r = axis->range();
  if (from_zero) r.lower = std::min(0.0, r.lower);
  double span = r.size();
  if (span <= 0) span = std::max(1.0, std::abs(r.upper));
  r.upper += 0.08 * span;
  if (!from_zero) r.lower -= 0.04 * span;
  axis->setRange(r);
}

QCPGraph* add_graph(QCustomPlot* plot, QCPAxis* y, const QString& name, const QPen& pen, bool legend) {
  QCPGraph* g = plot->addGraph(plot->xAxis, y);
  g->setName(name);
  g->setPen(pen);
  if (!legend) g->removeFromLegend();
  return g;
}

}  // namespace knsim::gui
