// The timed-event queue (see timers.hpp). One queue per process, as there is one Simulation per
// process (it holds SimGrid's one engine, the platform).
#include "sim/timers.hpp"

#include <algorithm>
#include <queue>
#include <vector>

namespace knsim::sim {

namespace {

// A heap entry: 24 bytes, so that sifting moves little; the callable waits in a slot of its own.
struct TimedEvent {
  double date;
  std::uint64_t seq;   // scheduling order: ties on `date` run first-scheduled first
  std::uint32_t slot;  // index into EventQueue::actions_
};

struct Later {
  bool operator()(const TimedEvent& a, const TimedEvent& b) const {
    return a.date != b.date ? a.date > b.date : a.seq > b.seq;
  }
};

class EventQueue {
 public:
  void push(double date, std::function<void()> f) {
    std::uint32_t slot;
    if (free_.empty()) {
      slot = static_cast<std::uint32_t>(actions_.size());
      actions_.push_back(std::move(f));
    } else {
      slot = free_.back();
      free_.pop_back();
      actions_[slot] = std::move(f);
    }
    events_.push(TimedEvent{std::max(date, clock_), next_seq_++, slot});
  }
  std::size_t size() const { return events_.size(); }
  double clock() const { return clock_; }

  // Dates only grow: the queue is ordered and push never schedules before the clock.
  void run_until(double until) {
    while (!events_.empty() && events_.top().date <= until) {
      const TimedEvent e = events_.top();
      events_.pop();
      clock_ = e.date;
      auto f = std::move(actions_[e.slot]);
      free_.push_back(e.slot);
      f();
    }
    clock_ = std::max(clock_, until);
  }

 private:
  std::priority_queue<TimedEvent, std::vector<TimedEvent>, Later> events_;
  std::vector<std::function<void()>> actions_;  // by slot
  std::vector<std::uint32_t> free_;             // slots of events that ran
  std::uint64_t next_seq_ = 0;
  double clock_ = 0;  // the date of the event running, or the last date run to
};

EventQueue& queue() {
  static EventQueue q;
  return q;
}

}  // namespace

double timer_clock() { return queue().clock(); }

void run_events_until(double until) { queue().run_until(until); }

void schedule_at(double date, std::function<void()> f) { queue().push(date, std::move(f)); }

std::size_t pending_timed_events() { return queue().size(); }

}  // namespace knsim::sim
