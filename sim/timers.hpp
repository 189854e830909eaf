#pragma once
// Timed events: the simulator's only way to schedule work (no actors; see simulation.hpp).
//
// Events live in one queue ordered by (time, scheduling order): events of the same instant run in
// the order they were scheduled, whatever else is pending, so a run does not depend on how it is
// sliced or sampled. run_events_until runs them, each with the clock at its exact date. (Until
// issue 17 they ran as SimGrid kernel timers, one SimGrid engine step per event date, which cost
// more than the events; since CPU sharing is knsim's own (sim/shared_cpu.hpp) no SimGrid activity
// runs, and SimGrid holds the platform: the hosts with their cores and speed.)
//
// An event that has become pointless (the pod it binds was deleted, the request it ends has
// failed) can be cancelled, so that it does not wait in the queue until its date: a saturated
// control plane binds pods hours after they were created, and most of those pods are gone by then
// (in a 1,000-Service fleet, 41,000 of the queue's 47,000 events were such bindings). Cancelling
// is only for events that would do nothing when run; it changes no outcome.
#include <cstddef>
#include <cstdint>
#include <utility>

#include "sim/timed_action.hpp"

namespace knsim::sim {

// Names one scheduled event; a default one names none. Stays safe to cancel after its event ran.
struct EventId {
  std::uint32_t slot = 0;
  std::uint32_t tag = 0;  // 0: no event
};

// Runs `f` at simulated time `date` (a date in the past runs at the current time), from
// run_events_until. `f` must not block.
EventId schedule_at(double date, TimedAction f);

template <class F>
inline EventId at(double date, F f) {
  return schedule_at(date, TimedAction(std::move(f)));
}

// Runs `f` `delay` seconds from now.
double timer_clock();
template <class F>
inline EventId after(double delay, F f) {
  return schedule_at(timer_clock() + delay, TimedAction(std::move(f)));
}

// Runs `f` `delay` seconds from now, for a delay used by many events (a network hop): they come in
// date order, so they wait in a first-in-first-out lane instead of the heap. Same order as after().
EventId schedule_fixed(double delay, TimedAction f);
template <class F>
inline EventId after_fixed(double delay, F f) {
  return schedule_fixed(delay, TimedAction(std::move(f)));
}

// Drops the event if it is still pending (its callable is destroyed now); does nothing for an
// event that ran or was cancelled, or for EventId{}.
void cancel_event(EventId id);

// Events scheduled and not yet run or cancelled (tests).
std::size_t pending_timed_events();

// Runs the events with a date <= `until`, in order; then the clock is `until`.
void run_events_until(double until);

}  // namespace knsim::sim
