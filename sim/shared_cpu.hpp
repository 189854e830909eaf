#pragma once
// One node's CPU shared among the CPU phases running on it, by max-min fairness: the sharing
// SimGrid's CPU model (Cas01, one constraint per host) computes, which knsim used SimGrid Execs
// for until issue 17 measured them (every ended Exec is removed from a list of all running Execs
// by a scan: a third of a 1,000-Service run whose nodes saturate together).
//
// Max-min fairness on one node: the capacity is cores x speed (flop/s); each phase has a cap (one
// core, or its pod's CPU-limit slot, see pod_cpu.cpp); raise every phase's rate together, a phase
// stops at its cap, until the capacity is used up ("water filling"). So phases with the same cap
// always run at the same rate, and each cap class keeps one virtual clock: the flops every phase of
// the class has received since the class was last empty. A phase ends when its class's clock
// reaches the clock at its start plus its work; a start or an end re-shares in O(classes) and
// costs O(log n) in the class's heap.
//
// Worked example: 2 cores x 1e9 flop/s; three phases capped at one core (1e9 flop/s) with 1e9,
// 1e9 and 2e9 flops start at t = 0. Each gets 2e9 / 3 flop/s: the first two end at 1.5 s (their
// clock reaches 1e9). The third, with 1e9 flops left, then runs alone at its cap and ends at 2.5 s.
// With caps 0.5e9 (a 500m CPU limit) and 1e9 on one core (1e9 flop/s): the capped one gets 0.5e9,
// the other the remaining 0.5e9; alone, the other would get 1e9.
//
// tests/sim/shared_cpu_test.cpp checks these and random mixes against SimGrid's own engine.
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace knsim::sim {

class SharedCpu {
 public:
  // `capacity` in flop/s (cores x speed).
  explicit SharedCpu(double capacity) : capacity_(capacity) {}

  // Phase `id` (not already here) starts at `now` with `flops` to do, at most `cap` flop/s.
  void add(std::uint32_t id, double flops, double cap, double now);
  // Phase `id` leaves before its end (its request failed); nothing if it is not here.
  void remove(std::uint32_t id, double now);
  // The date the next phase ends; infinity when none runs.
  double next_end() const;
  // Removes the phases that have ended by `now` (those within a nanosecond of their end) and
  // appends their ids to `out`, in start order.
  void take_ended(double now, std::vector<std::uint32_t>& out);

  std::size_t size() const { return phases_.size(); }
  // The rate phase `id` runs at now (tests).
  double rate_of(std::uint32_t id) const;

 private:
  struct Entry {
    double finish;        // the class clock at which the phase ends (flops)
    std::uint64_t order;  // start order: ties end first-started first
    std::uint32_t id;
  };
  struct EndsLater {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.finish != b.finish ? a.finish > b.finish : a.order > b.order;
    }
  };
  struct CapClass {
    double cap = 0;         // flop/s
    double clock = 0;       // flops received by each of its phases since it was last empty
    double rate = 0;        // flop/s each of its phases runs at now
    std::size_t count = 0;  // phases running (the heap may also hold removed ones)
    std::vector<Entry> heap;  // min-heap on (finish, order)
  };
  struct Phase {
    std::size_t cls;
    std::uint64_t order;
  };

  // Brings every class clock to `now`, at the rates since the last change.
  void advance(double now);
  // Water filling: each class's rate from the capacity and the classes' caps and counts.
  void reshare();
  // Drops the heap tops that were removed.
  void prune(CapClass& c);
  std::size_t class_of(double cap);

  double capacity_;
  double last_ = 0;  // the date the clocks were brought to
  std::uint64_t next_order_ = 0;
  std::vector<CapClass> classes_;  // by ascending cap
  std::unordered_map<std::uint32_t, Phase> phases_;
};

}  // namespace knsim::sim
