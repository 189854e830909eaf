#pragma once
// Sliding maximum over a time window (pkg/autoscaler/aggregation/max/timewindow.go, window.go),
// used for scale-down-delay: the decider records its desired count each tick and uses the
// window maximum, so a scale-down happens only after `duration` at the lower value.
//
// ceil(duration / granularity) slots, slot index = floor(t / granularity) (the run epoch is a
// multiple of 3600 s of Unix time). An entry is evicted when (index - entry index) >= slots.
// Two records in one slot keep the larger. Example: duration 5 s, granularity 1 s: record(0, 5),
// record(6, 4) -> current 4 (the 5 is 6 slots old and evicted).
// Implemented as Knative's "ascending minima" deque in a fixed ring: no allocation after construction.
#include <cstdint>
#include <vector>

#include "core/time/time.hpp"

namespace knsim::core::metrics {

class MaxTimeWindow {
 public:
  MaxTimeWindow(Seconds duration, Seconds granularity);
  // Records value at time t (t must not decrease between calls, as in Knative).
  void record(Seconds t, double value);
  // The maximum over the retained slots (0 before the first record).
  double current() const { return maxima_[first_].value; }
  std::size_t size() const { return maxima_.size(); }

 private:
  struct Entry {
    double value = 0.0;
    std::int64_t index = 0;
  };
  std::size_t at(std::size_t i) const { return i % maxima_.size(); }

  std::vector<Entry> maxima_;
  std::size_t first_ = 0;
  std::size_t length_ = 0;
  std::int64_t granularity_;  // whole seconds
};

}  // namespace knsim::core::metrics
