#include "core/dataplane/dial_backoff.hpp"

namespace knsim::core::dataplane {

Seconds dial_give_up_after(const DialBackoff& backoff, Rng& rng) {
  Seconds total = backoff.initial_timeout;  // the first attempt
  Seconds duration = backoff.initial_timeout;
  for (int step = 0; step < backoff.steps; ++step) {
    // wait.Backoff.Step(): this attempt's timeout is the current duration (jittered); the
    // duration grows for the next one.
    const Seconds timeout = duration + (backoff.jitter > 0 ? rng.uniform01() * backoff.jitter * duration : 0.0);
    duration *= backoff.factor;
    const Seconds sleep = backoff.sleep + rng.uniform01() * backoff.sleep;  // wait.Jitter(sleep, 1.0)
    total += sleep + timeout;
  }
  return total;
}

}  // namespace knsim::core::dataplane
