// Request deadlines in per-timeout FIFOs (see deadline_queue.hpp).
#include "sim/deadline_queue.hpp"

#include <algorithm>

#include "sim/timers.hpp"

namespace knsim::sim {

void DeadlineQueue::add(double timeout, double deadline, std::uint32_t id, std::uint32_t seq) {
  Lane& lane = lanes_[timeout];
  const Entry e{deadline, id, seq};
  if (lane.fifo.empty() || lane.fifo.back().deadline <= deadline) {
    lane.fifo.push_back(e);
  } else {  // out of order: after every entry due no later (ties keep their arrival order)
    const auto pos = std::upper_bound(lane.fifo.begin(), lane.fifo.end(), deadline,
                                      [](double d, const Entry& x) { return d < x.deadline; });
    lane.fifo.insert(pos, e);
  }
  if (lane.armed_at < 0 || deadline < lane.armed_at) arm(timeout, lane, deadline);
}

std::size_t DeadlineQueue::size() const {
  std::size_t n = 0;
  for (const auto& [timeout, lane] : lanes_) n += lane.fifo.size();
  return n;
}

void DeadlineQueue::arm(double timeout, Lane& lane, double date) {
  lane.armed_at = date;
  at(date, [this, timeout] { fire(timeout); });
}

void DeadlineQueue::fire(double timeout) {
  Lane& lane = lanes_[timeout];
  const double now = timer_clock();
  if (lane.armed_at >= 0 && lane.armed_at <= now) lane.armed_at = -1;  // the earliest one fired
  while (!lane.fifo.empty()) {
    const Entry e = lane.fifo.front();
    if (e.deadline > now && alive_(e.id, e.seq)) break;
    lane.fifo.pop_front();
    if (e.deadline <= now && alive_(e.id, e.seq)) expire_(e.id, e.seq);
  }
  if (!lane.fifo.empty() && (lane.armed_at < 0 || lane.fifo.front().deadline < lane.armed_at))
    arm(timeout, lane, lane.fifo.front().deadline);
}

}  // namespace knsim::sim
