#pragma once
// The integral over simulated time of a piecewise-constant value (pods of a revision, panic 0/1,
// Proxy mode 0/1, nodes up), advanced exactly at the instants the value changes, so a run's
// pod-seconds do not depend on how often it is sampled.
// Worked example: 0 pods until t = 2, 3 pods until t = 5, then 1: area_until(6) = 0*2 + 3*3 + 1*1 = 10.
#include "core/time/time.hpp"

namespace knsim::sim {

class TimeIntegral {
 public:
  // The value is `v` from time `t` on (t never decreases).
  void set(core::Seconds t, double v) {
    area_ += value_ * (t - last_);
    last_ = t;
    value_ = v;
  }
  // The integral from 0 to `t` (>= the last set), in value-seconds.
  double area_until(core::Seconds t) const { return area_ + value_ * (t - last_); }
  double value() const { return value_; }

 private:
  double value_ = 0, area_ = 0;
  core::Seconds last_ = 0;
};

}  // namespace knsim::sim
