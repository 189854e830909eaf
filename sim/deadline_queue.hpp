#pragma once
// Request deadlines (a revision's timeoutSeconds, or a client's shorter timeout) without a timed
// event per request. Requests enter in time order and share a few timeouts, so the deadlines of one
// timeout (a "lane") arrive in order and wait in a FIFO; each lane arms one timed event, at its
// first deadline. When it fires, every entry due is expired if its request is still in flight and
// dropped otherwise; then the entries of requests that ended meanwhile are dropped from the front,
// and the next event is armed at the first deadline of a request still in flight.
// Worked example: 1,000 requests/s, timeout 300 s, each answered within 50 ms: the lane holds the
// last 300 s of requests (300,000 entries of 16 B), and about one event fires every 300 s, where a
// timed event per request made 1,000 a second, each a SimGrid engine step.
// An entry that arrives out of order (an earlier deadline than the lane's last) is put in its place;
// expiring happens at the same simulated time as with a timed event per request.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>

namespace knsim::sim {

class DeadlineQueue {
 public:
  // alive(id, seq): the request is still in flight; expire(id, seq): its deadline passed.
  using Check = std::function<bool(std::uint32_t id, std::uint32_t seq)>;
  using Expire = std::function<void(std::uint32_t id, std::uint32_t seq)>;
  DeadlineQueue(Check alive, Expire expire) : alive_(std::move(alive)), expire_(std::move(expire)) {}

  // Request `id` (reuse count `seq`) is answered as timed out at `deadline` unless it ended before;
  // `timeout` (seconds) picks its lane.
  void add(double timeout, double deadline, std::uint32_t id, std::uint32_t seq);
  std::size_t size() const;  // entries held (tests)

 private:
  struct Entry {
    double deadline;
    std::uint32_t id, seq;
  };
  struct Lane {
    std::deque<Entry> fifo;  // by deadline
    double armed_at = -1;    // the earliest timed event armed for this lane, -1 none
  };
  void fire(double timeout);
  void arm(double timeout, Lane& lane, double date);

  Check alive_;
  Expire expire_;
  std::map<double, Lane> lanes_;  // by timeout
};

}  // namespace knsim::sim
