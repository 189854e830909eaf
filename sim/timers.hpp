#pragma once
// Timed events: the simulator's only way to schedule work (no actors; see simulation.hpp).
//
// Events live in one queue ordered by (time, scheduling order): events of the same instant run in
// the order they were scheduled, whatever else is pending, so a run does not depend on how it is
// sliced or sampled. run_events_until runs them, each with the clock at its exact date. (Until
// issue 17 they ran as SimGrid kernel timers, one SimGrid engine step per event date, which cost
// more than the events; since CPU sharing is knsim's own (sim/shared_cpu.hpp) no SimGrid activity
// runs, and SimGrid holds the platform: the hosts with their cores and speed.)
#include <cstdint>
#include <functional>

namespace knsim::sim {

// Runs `f` at simulated time `date` (a date in the past runs at the current time), from
// run_events_until. `f` must not block.
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

// Runs the events with a date <= `until`, in order; then the clock is `until`.
void run_events_until(double until);

}  // namespace knsim::sim
