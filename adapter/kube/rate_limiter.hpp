#pragma once
// Client-side rate limit, a token bucket like client-go's default (flowcontrol.NewTokenBucketRateLimiter
// with rest.Config QPS 5, Burst 10): the bucket holds at most `burst` tokens, refills at `qps`
// tokens per second, and every request takes one, waiting when none is left.
// Example (qps 5, burst 10): 10 requests at t = 0 go at once; the 11th waits 0.2 s, the 12th 0.4 s.
// Pure: told the time, returns how long to wait.
namespace knsim::adapter {

class RateLimiter {
 public:
  RateLimiter(double qps, int burst) : qps_(qps), burst_(burst), tokens_(burst) {}

  // Takes one token at time `now` (seconds, any epoch, non-decreasing) and returns how many
  // seconds the caller must wait before sending (0 when a token was available).
  double reserve(double now) {
    if (qps_ <= 0) return 0;   // qps <= 0: unlimited
    if (last_ >= 0) tokens_ += (now - last_) * qps_;
    if (tokens_ > burst_) tokens_ = burst_;
    last_ = now;
    tokens_ -= 1;
    return tokens_ >= 0 ? 0 : -tokens_ / qps_;
  }

 private:
  double qps_;
  double burst_;
  double tokens_;
  double last_ = -1;
};

}  // namespace knsim::adapter
