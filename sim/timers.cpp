// The timed-event queue (see timers.hpp). One queue per process, like the SimGrid engine it runs on
// (one Simulation per process).
#include "sim/timers.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <set>
#include <vector>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace knsim::sim {

namespace {

struct TimedEvent {
  double date;
  std::uint64_t seq;  // scheduling order: ties on `date` run first-scheduled first
  std::function<void()> run;
};

struct Later {
  bool operator()(const TimedEvent& a, const TimedEvent& b) const {
    return a.date != b.date ? a.date > b.date : a.seq > b.seq;
  }
};

class EventQueue {
 public:
  void push(double date, std::function<void()> f) {
    const double now = clock();
    date = std::max(date, now);
    events_.push(TimedEvent{date, next_seq_++, std::move(f)});
    if (!direct_ && !(firing_ && date <= now)) arm(date);  // while firing, the loop runs it
  }
  std::size_t size() const { return events_.size(); }
  // While an event runs (either mode) the clock is its date, exactly: SimGrid's own clock advances
  // by NOW += date - NOW, which can land a few ULPs off the date, and a run would then depend on
  // which mode ran an event. Between events it is SimGrid's clock (e.g. an Exec's end).
  double clock() const { return direct_ || firing_ ? clock_ : simgrid::s4u::Engine::get_clock(); }
  bool direct() const { return direct_; }

  bool run_direct(double until, const std::function<bool()>& needs_engine) {
    if (!direct_) clock_ = simgrid::s4u::Engine::get_clock();
    direct_ = true;
    while (!events_.empty() && events_.top().date <= until) {
      run_top();
      if (needs_engine()) return false;
    }
    clock_ = std::max(clock_, until);
    return true;
  }
  double next_date() const { return events_.empty() ? std::numeric_limits<double>::infinity() : events_.top().date; }
  // Runs every event due at SimGrid's clock, in (date, seq) order, each at its own date; events
  // they schedule for now run too. Then the next one is armed.
  void run_due() {
    const double now = timer_clock();
    firing_ = true;
    while (!events_.empty() && events_.top().date <= now) run_top();
    firing_ = false;
    if (!events_.empty()) arm(events_.top().date);
  }
  // The engine's clock has caught up with clock_: SimGrid timers drive the events again.
  void leave_direct() {
    direct_ = false;
    if (!events_.empty()) arm(events_.top().date);
  }

 private:
  // Runs the earliest event, with the clock at its date (dates only grow: the queue is ordered and
  // push never schedules before the clock).
  void run_top() {
    clock_ = events_.top().date;
    // priority_queue::top is const: the event is moved out, then popped.
    auto f = std::move(const_cast<TimedEvent&>(events_.top()).run);
    events_.pop();
    f();
  }
  // A SimGrid timer fires at `date` unless one already fires at or before it.
  void arm(double date) {
    if (!armed_.empty() && *armed_.begin() <= date) return;
    armed_.insert(date);
    simgrid::kernel::timer::Timer::set(date, [this, date] { fire(date); });
  }
  // A SimGrid timer: runs every event due now (run_due).
  void fire(double date) {
    armed_.erase(armed_.find(date));
    if (direct_) return;  // armed before direct mode ran past it: nothing of it is left
    run_due();
  }

  std::priority_queue<TimedEvent, std::vector<TimedEvent>, Later> events_;
  std::multiset<double> armed_;  // dates of the SimGrid timers set and not fired yet
  std::uint64_t next_seq_ = 0;
  bool firing_ = false;
  bool direct_ = false;
  double clock_ = 0;  // the date of the event running (or, in direct mode, last run or reached)
};

EventQueue& queue() {
  static EventQueue q;
  return q;
}

}  // namespace

double timer_clock() { return queue().clock(); }

bool run_direct(double until, const std::function<bool()>& needs_engine) { return queue().run_direct(until, needs_engine); }

void leave_direct() { queue().leave_direct(); }

bool in_direct_mode() { return queue().direct(); }

double next_event_date() { return queue().next_date(); }

void run_due_events() { queue().run_due(); }

void schedule_at(double date, std::function<void()> f) { queue().push(date, std::move(f)); }

std::size_t pending_timed_events() { return queue().size(); }

}  // namespace knsim::sim
