#include "gui/window_layout.hpp"

#include <algorithm>
#include <cmath>

namespace knsim::gui {

QRect default_window_rect(const QRect& available) {
  const int width = static_cast<int>(std::lround(available.width() * kScreenShare));
  const int height = static_cast<int>(std::lround(available.height() * kScreenShare));
  QRect r(0, 0, std::min(width, available.width()), std::min(height, available.height()));
  r.moveCenter(available.center());
  return clamp_to(r, available);
}

QRect clamp_to(const QRect& wanted, const QRect& available) {
  QRect r(wanted.topLeft(), QSize(std::min(wanted.width(), available.width()),
                                  std::min(wanted.height(), available.height())));
  if (r.right() > available.right()) r.moveRight(available.right());
  if (r.bottom() > available.bottom()) r.moveBottom(available.bottom());
  if (r.left() < available.left()) r.moveLeft(available.left());
  if (r.top() < available.top()) r.moveTop(available.top());
  return r;
}

}  // namespace knsim::gui
