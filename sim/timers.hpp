#pragma once
// Kernel timers: the simulator's only way to schedule work (no actors; see simulation.hpp).
#include <utility>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace knsim::sim {

// Runs `f` at simulated time `date` (>= now) in the SimGrid kernel context. `f` must not block.
template <class F>
inline void at(double date, F f) {
  simgrid::kernel::timer::Timer::set(date, std::move(f));
}

// Runs `f` `delay` seconds from now.
template <class F>
inline void after(double delay, F f) {
  simgrid::kernel::timer::Timer::set(simgrid::s4u::Engine::get_clock() + delay, std::move(f));
}

}  // namespace knsim::sim
