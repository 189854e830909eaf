#pragma once
// Timed events: the simulator's only way to schedule work (no actors; see simulation.hpp).
//
// Events live in one queue ordered by (time, scheduling order): events of the same instant run in
// the order they were scheduled, whatever else is pending. Only the earliest event is armed as a
// SimGrid kernel timer (none in direct mode, below). (SimGrid's own timer heap orders same-instant timers by heap shape, so
// adding an unrelated timer, a request's deadline or the end of a run slice, could reorder them and
// change a run; with this queue a run does not depend on how it is sliced or sampled.)
#include <cstdint>
#include <functional>

namespace knsim::sim {

// Runs `f` at simulated time `date` (a date in the past runs at the current time), from a SimGrid
// kernel timer or, in direct mode, from Simulation::run_until. `f` must not block.
void schedule_at(double date, std::function<void()> f);

template <class F>
inline void at(double date, F f) {
  schedule_at(date, std::function<void()>(std::move(f)));
}

// Runs `f` `delay` seconds from now.
double timer_clock();
template <class F>
inline void after(double delay, F f) {
  schedule_at(timer_clock() + delay, std::function<void()>(std::move(f)));
}

// Events scheduled and not yet run (tests).
std::size_t pending_timed_events();

// Direct mode (issue 17): while no SimGrid activity runs, the SimGrid engine has nothing to compute
// but our timers, and each of its steps (one per event date) costs more than the event. The
// simulation then runs the events itself, in the same (time, scheduling order), with the clock at
// each event's date; SimGrid's clock is brought up to date (run_until) before the engine is needed
// again. run_direct runs events with a date <= `until` and returns true when it got there, or
// false right after an event for which `needs_engine()` is true (it started a SimGrid activity);
// then the caller advances the engine to timer_clock() and calls leave_direct(), which arms the
// next event as a SimGrid timer again.
bool run_direct(double until, const std::function<bool()>& needs_engine);
void leave_direct();
bool in_direct_mode();
// The date of the earliest event (infinity when none), and the events due now run at once (after
// leave_direct: those of the instant that needed the engine, which come after that event).
double next_event_date();
void run_due_events();

}  // namespace knsim::sim
