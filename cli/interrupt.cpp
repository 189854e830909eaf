// See interrupt.hpp. The handler only stores the signal number (async-signal-safe).
#include "cli/interrupt.hpp"

#include <csignal>
#include <initializer_list>

namespace knsim::cli {
namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_interrupt(int sig) {
  if (g_signal == 0) g_signal = sig;
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  // One-shot: the handler resets to the default action, so a second Ctrl-C kills the process.
  sa.sa_flags = SA_RESETHAND;
  for (int sig : {SIGINT, SIGTERM}) {
    if (g_signal == sig) std::signal(sig, SIG_DFL);  // had its one chance: a second one kills
    else sigaction(sig, &sa, nullptr);
  }
}

int interrupt_signal() { return g_signal; }

}  // namespace knsim::cli
