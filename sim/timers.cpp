// The timed-event queue (see timers.hpp). One queue per process, as there is one Simulation per
// process (it holds SimGrid's one engine, the platform).
#include "sim/timers.hpp"

#include <algorithm>
#include <vector>

namespace knsim::sim {

namespace {

// A heap entry: 16 bytes, four to a cache line, so that a node's four children are read together;
// the callable and the scheduling order wait in the slot's arrays.
struct TimedEvent {
  double date;
  std::uint32_t slot;  // index into EventQueue::actions_ and seqs_
};

// A 4-ary min-heap of entries on (date, scheduling order): events of one date run first-scheduled
// first. (A 4-ary heap has half the levels of a binary one, and choosing the earliest of four
// children compiles to conditional moves: sifting costs few mispredicted branches, which made the
// binary heap a third of the one-Service run.) A cancelled entry's slot holds an empty callable
// and is skipped when it comes to the top. Once cancelled entries are over half of the heap (and
// at least kCompactAt), they are removed in one pass: the heap never holds more than twice the
// live events.
class EventQueue {
 public:
  EventId push(double date, std::function<void()> f) {
    std::uint32_t slot;
    if (free_.empty()) {
      slot = static_cast<std::uint32_t>(actions_.size());
      actions_.push_back(std::move(f));
      tags_.push_back(0);
      seqs_.push_back(0);
    } else {
      slot = free_.back();
      free_.pop_back();
      actions_[slot] = std::move(f);
    }
    if (++tags_[slot] == 0) tags_[slot] = 1;  // 0 names no event
    seqs_[slot] = next_seq_++;
    heap_.push_back(TimedEvent{std::max(date, clock_), slot});
    sift_up(heap_.size() - 1);
    return EventId{slot, tags_[slot]};
  }

  void cancel(EventId id) {
    if (id.tag == 0 || id.slot >= actions_.size() || tags_[id.slot] != id.tag || !actions_[id.slot]) return;
    actions_[id.slot] = nullptr;
    ++cancelled_;
    if (cancelled_ >= kCompactAt && 2 * cancelled_ > heap_.size()) compact();
  }

  std::size_t size() const { return heap_.size() - cancelled_; }
  double clock() const { return clock_; }

  // Dates only grow: the queue is ordered and push never schedules before the clock.
  void run_until(double until) {
    while (!heap_.empty() && heap_.front().date <= until) {
      const TimedEvent e = heap_.front();
      pop_front();
      free_.push_back(e.slot);
      if (!actions_[e.slot]) {  // cancelled
        --cancelled_;
        continue;
      }
      clock_ = e.date;
      auto f = std::move(actions_[e.slot]);
      actions_[e.slot] = nullptr;
      f();
    }
    clock_ = std::max(clock_, until);
  }

 private:
  static constexpr std::size_t kCompactAt = 1024;
  static constexpr std::size_t kArity = 4;

  bool earlier(const TimedEvent& a, const TimedEvent& b) const {
    if (a.date == b.date) [[unlikely]]
      return seqs_[a.slot] < seqs_[b.slot];
    return a.date < b.date;
  }

  void sift_up(std::size_t i) {
    const TimedEvent e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!earlier(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Removes heap_[0]: the last entry moves down from the root to its place.
  void pop_front() {
    const TimedEvent last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = kArity * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = std::min(first + kArity, n);
      for (std::size_t c = first + 1; c < end; ++c) best = earlier(heap_[c], heap_[best]) ? c : best;
      if (!earlier(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
  }

  // Removes the cancelled entries and frees their slots. The order of the rest is unchanged: it
  // is the total order (date, seq), whatever the heap's layout.
  void compact() {
    auto live = [this](const TimedEvent& e) { return static_cast<bool>(actions_[e.slot]); };
    for (const TimedEvent& e : heap_)
      if (!live(e)) free_.push_back(e.slot);
    heap_.erase(std::partition(heap_.begin(), heap_.end(), live), heap_.end());
    for (std::size_t i = 1; i < heap_.size(); ++i) sift_up(i);
    cancelled_ = 0;
  }

  std::vector<TimedEvent> heap_;
  std::vector<std::function<void()>> actions_;  // by slot; empty: free, or its event was cancelled
  std::vector<std::uint64_t> seqs_;             // by slot: scheduling order of its event
  std::vector<std::uint32_t> tags_;             // by slot: bumped at each use (EventId::tag)
  std::vector<std::uint32_t> free_;             // slots of events that ran or were dropped
  std::size_t cancelled_ = 0;                   // cancelled entries still in heap_
  std::uint64_t next_seq_ = 0;
  double clock_ = 0;  // the date of the event running, or the last date run to
};

EventQueue& queue() {
  static EventQueue q;
  return q;
}

}  // namespace

double timer_clock() { return queue().clock(); }

void run_events_until(double until) { queue().run_until(until); }

EventId schedule_at(double date, std::function<void()> f) { return queue().push(date, std::move(f)); }

void cancel_event(EventId id) { queue().cancel(id); }

std::size_t pending_timed_events() { return queue().size(); }

}  // namespace knsim::sim
