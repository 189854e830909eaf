// The timed-event queue (see timers.hpp). One queue per process, as there is one Simulation per
// process (it holds SimGrid's one engine, the platform).
#include "sim/timers.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <vector>

namespace knsim::sim {

namespace {

__extension__ typedef unsigned __int128 Key128;  // GCC and Clang; __extension__: no -Wpedantic warning

// A heap entry: the date and the scheduling order it is sorted on, and the slot of its callable.
// The order is in the entry, not in an array by slot: many events share a date (those scheduled
// for "now", the integer seconds of the control loops), and looking their order up by slot was a
// scattered read for half of all comparisons in a fleet run. The date is kept as its bits: for
// dates >= +0 (never negative, never NaN) the bits order as the numbers do, so (date, seq)
// compares as one 128-bit number, without a branch.
struct TimedEvent {
  std::uint64_t date_bits;
  std::uint64_t seq;   // scheduling order
  std::uint32_t slot;  // index into EventQueue::actions_ and tags_

  TimedEvent() = default;
  TimedEvent(double date, std::uint64_t s, std::uint32_t sl)
      : date_bits(std::bit_cast<std::uint64_t>(date + 0.0)), seq(s), slot(sl) {}  // + 0.0: -0 becomes +0
  double date() const { return std::bit_cast<double>(date_bits); }
  Key128 key() const { return static_cast<Key128>(date_bits) << 64 | seq; }
};

// A 4-ary min-heap of entries on (date, scheduling order): events of one date run first-scheduled
// first. (A 4-ary heap has half the levels of a binary one, and choosing the earliest of four
// children compiles to conditional moves: sifting costs few mispredicted branches, which made the
// binary heap a third of the one-Service run.) A cancelled entry's slot holds an empty callable
// and is skipped when it comes to the top. Once cancelled entries are over half of all entries
// (and at least kCompactAt), they are removed in one pass: the queue never holds more than twice
// the live events.
//
// Events of a fixed delay (a network hop: after_fixed) wait in a first-in-first-out lane per delay
// instead of the heap: the clock never goes back, so now + delay comes in date order, and each
// pop compares the heap's top with each lane's front. A request through the activator spends a
// quarter of its events on that hop.
class EventQueue {
 public:
  EventId push(double date, TimedAction f) {
    const TimedEvent e = take_slot(std::max(date, clock_), std::move(f));
    heap_.push_back(e);
    sift_up(heap_.size() - 1);
    return EventId{e.slot, tags_[e.slot]};
  }

  EventId push_fixed(double delay, TimedAction f) {
    Lane* lane = nullptr;
    for (Lane& l : lanes_)
      if (l.delay == delay) lane = &l;
    if (!lane && lanes_.size() < kMaxLanes && delay >= 0) lane = &lanes_.emplace_back(Lane{delay, {}});
    if (!lane) return push(clock_ + delay, std::move(f));
    const TimedEvent e = take_slot(clock_ + delay, std::move(f));
    lane->fifo.push_back(e);
    return EventId{e.slot, tags_[e.slot]};
  }

  void cancel(EventId id) {
    if (id.tag == 0 || id.slot >= actions_.size() || tags_[id.slot] != id.tag || !actions_[id.slot]) return;
    actions_[id.slot].reset();
    ++cancelled_;
    if (cancelled_ >= kCompactAt && 2 * cancelled_ > entries()) compact();
  }

  std::size_t size() const { return entries() - cancelled_; }
  double clock() const { return clock_; }

  // Dates only grow: the queue is ordered and push never schedules before the clock.
  void run_until(double until) {
    TimedEvent e;
    while (take_next(until, e)) {
      free_.push_back(e.slot);
      if (!actions_[e.slot]) {  // cancelled
        --cancelled_;
        continue;
      }
      clock_ = e.date();
      auto f = std::move(actions_[e.slot]);
      f();
    }
    clock_ = std::max(clock_, until);
  }

 private:
  static constexpr std::size_t kCompactAt = 1024;
  static constexpr std::size_t kArity = 4;
  static constexpr std::size_t kMaxLanes = 4;

  struct Lane {
    double delay;
    std::deque<TimedEvent> fifo;  // by (date, seq): pushed in that order
  };

  // Entries in the heap and the lanes, cancelled ones included.
  std::size_t entries() const {
    std::size_t n = heap_.size();
    for (const Lane& l : lanes_) n += l.fifo.size();
    return n;
  }

  // A slot for `f` and its entry at `date`, next in scheduling order.
  TimedEvent take_slot(double date, TimedAction f) {
    std::uint32_t slot;
    if (free_.empty()) {
      slot = static_cast<std::uint32_t>(actions_.size());
      actions_.push_back(std::move(f));
      tags_.push_back(0);
    } else {
      slot = free_.back();
      free_.pop_back();
      actions_[slot] = std::move(f);
    }
    if (++tags_[slot] == 0) tags_[slot] = 1;  // 0 names no event
    return TimedEvent{date, next_seq_++, slot};
  }

  // The earliest event, from the heap or a lane, if its date is <= until: taken out into `e`.
  bool take_next(double until, TimedEvent& e) {
    const TimedEvent* best = heap_.empty() ? nullptr : &heap_.front();
    Lane* from = nullptr;
    for (Lane& l : lanes_)
      if (!l.fifo.empty() && (!best || earlier(l.fifo.front(), *best))) {
        best = &l.fifo.front();
        from = &l;
      }
    if (!best || best->date() > until) return false;
    e = *best;
    if (from) from->fifo.pop_front();
    else pop_front();
    return true;
  }

  // (date, seq) order without a branch: equal dates are too common for a predictable one.
  static bool earlier(const TimedEvent& a, const TimedEvent& b) { return a.key() < b.key(); }

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

  // The earlier of heap entries i and j, selected without a branch on the comparison (random dates
  // make such a branch a coin toss for the predictor).
  std::size_t earlier_of(std::size_t i, std::size_t j) const {
    const std::size_t j_first = earlier(heap_[j], heap_[i]);
    return i ^ ((i ^ j) & (0 - j_first));
  }

  // Removes heap_[0] (Floyd's way): the hole at the root goes down along the earliest children to
  // a leaf, then the last entry fills it and moves up to its place (it came from the bottom, so
  // that is a short way). The earliest of four children is a tournament of three comparisons.
  void pop_front() {
    const TimedEvent last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = kArity * i + 1;
      if (first >= n) break;
      std::size_t best;
      if (first + 3 < n) {
        best = earlier_of(earlier_of(first, first + 1), earlier_of(first + 2, first + 3));
      } else {
        best = first;
        for (std::size_t c = first + 1; c < n; ++c) best = earlier_of(best, c);
      }
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
    sift_up(i);
  }

  // Removes the cancelled entries and frees their slots. The order of the rest is unchanged: it
  // is the total order (date, seq), whatever the heap's layout.
  void compact() {
    auto live = [this](const TimedEvent& e) { return static_cast<bool>(actions_[e.slot]); };
    auto drop_cancelled = [&](auto& entries) {
      for (const TimedEvent& e : entries)
        if (!live(e)) free_.push_back(e.slot);
      entries.erase(std::stable_partition(entries.begin(), entries.end(), live), entries.end());
    };
    drop_cancelled(heap_);
    for (std::size_t i = 1; i < heap_.size(); ++i) sift_up(i);
    for (Lane& l : lanes_) drop_cancelled(l.fifo);  // stable: a lane stays in date order
    cancelled_ = 0;
  }

  std::vector<TimedEvent> heap_;
  std::vector<Lane> lanes_;           // at most kMaxLanes; other fixed delays go to the heap
  std::vector<TimedAction> actions_;  // by slot; empty: free, or its event was cancelled
  std::vector<std::uint32_t> tags_;   // by slot: bumped at each use (EventId::tag)
  std::vector<std::uint32_t> free_;   // slots of events that ran or were dropped
  std::size_t cancelled_ = 0;         // cancelled entries still in the heap or a lane
  std::uint64_t next_seq_ = 0;
  double clock_ = 0;  // the date of the event running, or the last date run to
};

// At namespace scope rather than a function's static: no initialization guard on each of the
// millions of calls (nothing schedules an event before main).
EventQueue the_queue;

EventQueue& queue() { return the_queue; }

}  // namespace

double timer_clock() { return queue().clock(); }

void run_events_until(double until) { queue().run_until(until); }

EventId schedule_at(double date, TimedAction f) { return queue().push(date, std::move(f)); }

EventId schedule_fixed(double delay, TimedAction f) { return queue().push_fixed(delay, std::move(f)); }

void cancel_event(EventId id) { queue().cancel(id); }

std::size_t pending_timed_events() { return queue().size(); }

}  // namespace knsim::sim
