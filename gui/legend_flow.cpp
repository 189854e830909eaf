#include "gui/legend_flow.hpp"

#include <qcustomplot.h>

#include <algorithm>
#include <numeric>

namespace knsim::gui {
namespace {

constexpr int kLegendRightMargin = 8;

}  // namespace

int legend_columns_that_fit(const std::vector<int>& entry_widths, int spacing, int available) {
  const int count = static_cast<int>(entry_widths.size());
  for (int n = count; n > 1; --n) {
    std::vector<int> column(static_cast<std::size_t>(n), 0);
    for (int i = 0; i < count; ++i) {
      int& w = column[static_cast<std::size_t>(i % n)];
      w = std::max(w, entry_widths[static_cast<std::size_t>(i)]);
    }
    if (std::accumulate(column.begin(), column.end(), 0) + (n - 1) * spacing <= available) return n;
  }
  return 1;
}

int wrap_legend(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  std::vector<int> widths;
  for (int i = 0; i < legend->elementCount(); ++i)
    if (QCPLayoutElement* e = legend->elementAt(i)) widths.push_back(e->minimumOuterSizeHint().width());
  const QMargins m = legend->margins();
  const int available = plot->width() - kLegendLeftMargin - kLegendRightMargin - m.left() - m.right();
  const int columns = legend_columns_that_fit(widths, legend->columnSpacing(), available);
  // Entries fill rows left to right; a removed graph leaves a hole until they are re-added.
  const int count = static_cast<int>(widths.size());
  bool holes = false;
  for (int i = 0; i < count && !holes; ++i) holes = legend->elementAt(i) == nullptr;
  if (holes || legend->wrap() != columns || legend->columnCount() != std::min(columns, count)) {
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-adds every entry in order
  }
  return columns;
}

void place_legend_below(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  // A row under the axis rect: the legend (natural width) and a spacer taking the rest, so the
  // entries stay left-aligned under the time axis instead of spreading over the whole width.
  auto* row = new QCPLayoutGrid;
  plot->plotLayout()->addElement(plot->plotLayout()->rowCount(), 0, row);
  plot->plotLayout()->setRowStretchFactor(plot->plotLayout()->rowCount() - 1, 0.001);
  row->setMargins(QMargins(kLegendLeftMargin, 0, kLegendRightMargin, 0));
  row->addElement(0, 0, legend);
  row->addElement(0, 1, new QCPLayoutElement(plot));
  row->setColumnStretchFactor(0, 0.001);
  row->setColumnStretchFactor(1, 1000);
  row->setColumnSpacing(0);
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  legend->setMargins(QMargins(2, 0, 2, 2));
  legend->setColumnSpacing(14);
  legend->setRowSpacing(0);
  legend->setIconSize(26, 10);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
  QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { wrap_legend(plot); });
}

}  // namespace knsim::gui
