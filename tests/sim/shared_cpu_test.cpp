// sim/shared_cpu: max-min fair sharing of one node's CPU, against worked examples and against
// SimGrid's own CPU model (the Execs knsim ran before issue 17) on random mixes of phases.
// One SimGrid engine per process: ctest runs each TEST on its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>

#include "sim/shared_cpu.hpp"

namespace knsim::sim {
namespace {

constexpr double kCore = 1e9;  // flop/s of a speed-1 core

struct Phase {
  double start;  // s
  double flops;
  double cap;    // flop/s
};

// Plays `phases` (by start time) through a SharedCpu of `capacity`; returns each one's end.
std::vector<double> play(const std::vector<Phase>& phases, double capacity) {
  SharedCpu cpu(capacity);
  std::vector<double> end(phases.size(), -1);
  std::vector<std::uint32_t> order(phases.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return phases[a].start < phases[b].start; });
  std::size_t next = 0;
  std::vector<std::uint32_t> ended;
  while (next < order.size() || cpu.size() > 0) {
    const double t_end = cpu.next_end();
    if (next < order.size() && phases[order[next]].start <= t_end) {
      const Phase& p = phases[order[next]];
      cpu.add(order[next], p.flops, p.cap, p.start);
      ++next;
      continue;
    }
    ended.clear();
    cpu.take_ended(t_end, ended);
    EXPECT_FALSE(ended.empty()) << "an end event at " << t_end << " ended nothing";
    for (auto id : ended) end[id] = t_end;
  }
  return end;
}

TEST(SharedCpu, WorkedExampleThreePhasesOnTwoCores) {
  const auto end = play({{0, 1e9, kCore}, {0, 1e9, kCore}, {0, 2e9, kCore}}, 2 * kCore);
  EXPECT_NEAR(end[0], 1.5, 1e-12);
  EXPECT_NEAR(end[1], 1.5, 1e-12);
  EXPECT_NEAR(end[2], 2.5, 1e-12);
}

TEST(SharedCpu, WaterFillingGivesTheCappedTheirCapAndTheRestAnEqualShare) {
  SharedCpu cpu(10);
  cpu.add(1, 100, 1, 0);
  cpu.add(2, 100, 1, 0);
  cpu.add(3, 100, 4, 0);
  cpu.add(4, 100, 4, 0);
  cpu.add(5, 100, 8, 0);
  EXPECT_DOUBLE_EQ(cpu.rate_of(1), 1);
  EXPECT_DOUBLE_EQ(cpu.rate_of(2), 1);
  EXPECT_NEAR(cpu.rate_of(3), 8.0 / 3, 1e-12);
  EXPECT_NEAR(cpu.rate_of(5), 8.0 / 3, 1e-12);
  cpu.remove(5, 1);  // 8 left for the two capped at 4: each gets its cap
  EXPECT_DOUBLE_EQ(cpu.rate_of(3), 4);
  EXPECT_DOUBLE_EQ(cpu.rate_of(4), 4);
  EXPECT_DOUBLE_EQ(cpu.rate_of(5), 0);
  // Phase 3 received 8/3 in [0, 1], then 4 per second: its 100 are done at 1 + (100 - 8/3) / 4.
  EXPECT_NEAR(cpu.next_end(), 1 + (100 - 8.0 / 3) / 4, 1e-12);
}

TEST(SharedCpu, AFailedPhaseLeavesAndTheOthersSpeedUp) {
  // One core, two phases of 1e9: each at half a core; at 1 s one leaves with 0.5e9 done, the
  // other has 0.5e9 left at a whole core: ends at 1.5 s (2 s had both stayed).
  SharedCpu cpu(kCore);
  cpu.add(7, 1e9, kCore, 0);
  cpu.add(8, 1e9, kCore, 0);
  EXPECT_NEAR(cpu.next_end(), 2.0, 1e-12);
  cpu.remove(7, 1.0);
  cpu.remove(7, 1.0);  // twice: nothing
  EXPECT_EQ(cpu.size(), 1u);
  EXPECT_NEAR(cpu.next_end(), 1.5, 1e-12);
  std::vector<std::uint32_t> ended;
  cpu.take_ended(1.5, ended);
  EXPECT_EQ(ended, std::vector<std::uint32_t>{8});
  EXPECT_EQ(cpu.size(), 0u);
  EXPECT_EQ(cpu.next_end(), std::numeric_limits<double>::infinity());
}

TEST(SharedCpu, PhasesEndingTogetherEndInStartOrder) {
  SharedCpu cpu(2 * kCore);
  cpu.add(30, 1e9, kCore, 0);
  cpu.add(10, 1e9, 0.5 * kCore, 0);  // another class, ends later
  cpu.add(20, 1e9, kCore, 0);
  std::vector<std::uint32_t> ended;
  // 2 cores: the 0.5-capped gets 0.5, the other two 0.75 each: they end at 4/3 s, together.
  cpu.take_ended(cpu.next_end(), ended);
  EXPECT_EQ(ended, (std::vector<std::uint32_t>{30, 20}));
}

// Random mixes of phases (arrivals in bursts, one-core and CPU-limit caps) on a 4-core node,
// played through SharedCpu and through SimGrid's engine (actor-less Execs started by kernel
// timers, bounded like a pod's CPU-limit slot): the same ends, to SimGrid's precision.
TEST(SharedCpu, MatchesSimGridsCpuModelOnRandomMixes) {
  static int argc = 2;
  static char arg0[] = "shared_cpu_test";
  static char arg1[] = "--log=root.thres:critical";
  static char* argv[] = {arg0, arg1, nullptr};
  simgrid::s4u::Engine e(&argc, argv);
  auto* zone = simgrid::s4u::create_star_zone("zone");
  auto* host = zone->create_host("node", kCore)->set_core_count(4)->seal();
  zone->seal();

  std::mt19937_64 rng(17);
  std::vector<Phase> phases;
  double t = 0;
  for (int i = 0; i < 400; ++i) {
    t += std::uniform_int_distribution<int>(0, 3)(rng) == 0 ? std::exponential_distribution<double>(20)(rng) : 0.0;
    const double flops = std::uniform_real_distribution<double>(1e6, 5e8)(rng);
    const double caps[] = {kCore, kCore, 0.5 * kCore, 0.25 * kCore};
    phases.push_back({t, flops, caps[std::uniform_int_distribution<int>(0, 3)(rng)]});
  }
  const std::vector<double> mine = play(phases, 4 * kCore);

  std::map<const simgrid::s4u::Activity*, std::size_t> index;
  // An actor-less Exec must be held until it ends (SimGrid 3.32 reads a released one when it ends);
  // these are released after run(), before the engine (declared first) goes.
  std::vector<simgrid::s4u::ExecPtr> execs(phases.size());
  std::vector<double> theirs(phases.size(), -1);
  simgrid::s4u::Activity::on_completion_cb([&](const simgrid::s4u::Activity& a) {
    theirs[index.at(&a)] = simgrid::s4u::Engine::get_clock();
  });
  for (std::size_t i = 0; i < phases.size(); ++i) {
    simgrid::kernel::timer::Timer::set(phases[i].start, [&, i] {
      auto ex = simgrid::s4u::Exec::init();
      ex->set_host(host);
      ex->set_flops_amount(phases[i].flops);
      if (phases[i].cap < kCore) ex->set_bound(phases[i].cap);
      index[ex.get()] = i;
      execs[i] = ex;
      ex->start();
    });
  }
  e.run();
  int saturated = 0;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    ASSERT_GE(theirs[i], 0) << i;
    EXPECT_NEAR(mine[i], theirs[i], 1e-6) << "phase " << i << " started at " << phases[i].start;
    if (mine[i] - phases[i].start > phases[i].flops / phases[i].cap + 1e-6) ++saturated;
  }
  EXPECT_GT(saturated, 100) << "the mix must make the node share";
}

}  // namespace
}  // namespace knsim::sim
