#pragma once
// Ctrl-C (SIGINT) and SIGTERM during `knsim run`: the first one asks the run to stop at the next
// slice boundary (it then writes nothing and exits 128 + the signal number, 130 for Ctrl-C); the
// handler is one-shot, so a second Ctrl-C ends the process at once with the default action.

namespace knsim::cli {

// (Re)installs the handler for SIGINT and SIGTERM. Call it before loading, and again once the
// SimGrid engine exists: SimGrid replaces the SIGINT handler with one that calls exit(1) mid-run.
void install_interrupt_handler();

// 0 while no signal arrived, else the first signal's number (SIGINT = 2, SIGTERM = 15).
int interrupt_signal();

}  // namespace knsim::cli
