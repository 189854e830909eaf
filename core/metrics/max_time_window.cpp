// Ported from knative/serving pkg/autoscaler/aggregation/max/timewindow.go and window.go
// (the "ascending minima" sliding-maximum buffer).
#include "core/metrics/max_time_window.hpp"

#include <algorithm>
#include <cmath>

namespace knsim::core::metrics {

MaxTimeWindow::MaxTimeWindow(Seconds duration, Seconds granularity)
    : granularity_(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(granularity)))) {
  const double n = std::ceil(duration / static_cast<double>(granularity_));
  maxima_.assign(n < 1 ? 1 : static_cast<std::size_t>(n), Entry{});
}

void MaxTimeWindow::record(Seconds t, double value) {
  const auto whole = static_cast<std::int64_t>(std::floor(t));
  std::int64_t index = whole / granularity_;
  if (whole % granularity_ != 0 && whole < 0) --index;  // floor division
  double v = value;
  // 1. Drop from the back every entry not larger than v: it can never be the maximum again.
  for (; length_ > 0; --length_) {
    if (v < maxima_[at(first_ + length_ - 1)].value) break;
  }
  // 2. Evict entries that fell out of the window from the front.
  const auto size = static_cast<std::int64_t>(maxima_.size());
  while (length_ > 0 && index - maxima_[first_].index >= size) {
    --length_;
    first_ = at(first_ + 1);
  }
  // 2b. Same slot as the last entry: keep the larger value in one entry.
  if (length_ > 0) {
    const Entry& last = maxima_[at(first_ + length_ - 1)];
    if (last.index == index) {
      if (last.value > v) v = last.value;
      --length_;
    }
  }
  // 3. Append.
  maxima_[at(first_ + length_)] = Entry{v, index};
  ++length_;
}

}  // namespace knsim::core::metrics
