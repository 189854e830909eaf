// Max-min fair sharing of one node's CPU (see shared_cpu.hpp).
#include "sim/shared_cpu.hpp"

#include <algorithm>
#include <limits>

namespace knsim::sim {

namespace {
// A phase whose end is at most this far ahead has ended: the clocks carry rounding of a few ULPs
// (about 0.02 flops at 1e14, a day at one core), far below a nanosecond of a core (1 flop).
constexpr double kEndSlack = 1e-9;  // seconds
}  // namespace

std::size_t SharedCpu::class_of(double cap) {
  auto it = std::lower_bound(classes_.begin(), classes_.end(), cap,
                             [](const CapClass& c, double v) { return c.cap < v; });
  if (it == classes_.end() || it->cap != cap) {
    // A new cap: insert in order, and renumber the phases of the classes after it.
    const auto at = static_cast<std::size_t>(it - classes_.begin());
    CapClass c;
    c.cap = cap;
    classes_.insert(it, std::move(c));
    for (auto& [id, p] : phases_)
      if (p.cls >= at) ++p.cls;
    return at;
  }
  return static_cast<std::size_t>(it - classes_.begin());
}

void SharedCpu::advance(double now) {
  const double dt = now - last_;
  if (dt > 0)
    for (CapClass& c : classes_)
      if (c.count > 0) c.clock += c.rate * dt;
  last_ = std::max(last_, now);
}

// Classes by ascending cap: while the cap of the next class is at most the equal share of what is
// left, its phases get their cap; from the first class whose cap is above that share on, every
// phase gets the share. E.g. capacity 10, caps 1 (x2), 4 (x2), 8 (x1): share 2 >= 1, so the
// first two get 1 (8 left for 3: share 2.67 < 4), the other three get 2.67 each.
void SharedCpu::reshare() {
  std::size_t left_phases = phases_.size();
  double left = capacity_;
  bool capped = true;
  double share = 0;
  for (CapClass& c : classes_) {
    if (c.count == 0) continue;
    if (capped) {
      share = left / static_cast<double>(left_phases);
      if (c.cap <= share) {
        c.rate = c.cap;
        left -= c.cap * static_cast<double>(c.count);
        left_phases -= c.count;
        continue;
      }
      capped = false;
    }
    c.rate = share;
  }
}

void SharedCpu::prune(CapClass& c) {
  while (!c.heap.empty()) {
    const Entry& top = c.heap.front();
    const auto it = phases_.find(top.id);
    if (it != phases_.end() && it->second.order == top.order) return;
    std::pop_heap(c.heap.begin(), c.heap.end(), EndsLater{});
    c.heap.pop_back();
  }
}

void SharedCpu::add(std::uint32_t id, double flops, double cap, double now) {
  advance(now);
  const std::size_t k = class_of(cap);
  CapClass& c = classes_[k];
  const std::uint64_t order = next_order_++;
  phases_[id] = Phase{k, order};
  ++c.count;
  c.heap.push_back(Entry{c.clock + flops, order, id});
  std::push_heap(c.heap.begin(), c.heap.end(), EndsLater{});
  reshare();
}

void SharedCpu::remove(std::uint32_t id, double now) {
  const auto it = phases_.find(id);
  if (it == phases_.end()) return;
  advance(now);
  CapClass& c = classes_[it->second.cls];
  phases_.erase(it);
  if (--c.count == 0) {
    c.clock = 0;  // keeps the clock small: its heap holds only removed phases now
    c.heap.clear();
  } else {
    prune(c);
  }
  reshare();
}

double SharedCpu::next_end() const {
  double end = std::numeric_limits<double>::infinity();
  for (const CapClass& c : classes_)
    if (c.count > 0 && c.rate > 0) end = std::min(end, last_ + (c.heap.front().finish - c.clock) / c.rate);
  return end;
}

void SharedCpu::take_ended(double now, std::vector<std::uint32_t>& out) {
  advance(now);
  std::vector<Entry> ended;
  for (CapClass& c : classes_) {
    while (c.count > 0 && c.heap.front().finish - c.clock <= kEndSlack * c.rate) {
      ended.push_back(c.heap.front());
      phases_.erase(c.heap.front().id);
      std::pop_heap(c.heap.begin(), c.heap.end(), EndsLater{});
      c.heap.pop_back();
      if (--c.count == 0) {
        c.clock = 0;
        c.heap.clear();
      } else {
        prune(c);
      }
    }
  }
  if (ended.empty()) return;
  std::sort(ended.begin(), ended.end(), [](const Entry& a, const Entry& b) { return a.order < b.order; });
  for (const Entry& e : ended) out.push_back(e.id);
  reshare();
}

double SharedCpu::rate_of(std::uint32_t id) const {
  const auto it = phases_.find(id);
  return it == phases_.end() ? 0 : classes_[it->second.cls].rate;
}

}  // namespace knsim::sim
