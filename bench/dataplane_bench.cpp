// Data-path decision costs per request (core/dataplane): the simulator calls these on every
// request, so they must stay O(1) and allocation-free in steady state.
#include <benchmark/benchmark.h>

#include <vector>

#include "core/dataplane/breaker.hpp"
#include "core/dataplane/throttler.hpp"
#include "core/random/rng.hpp"

namespace {

using namespace knsim::core::dataplane;

// Queue-proxy breaker, CC 10: admit, queue, release in a steady cycle.
void BM_QueueProxyBreaker(benchmark::State& state) {
  auto b = make_queue_proxy_breaker(10);
  RequestId id = 0;
  for (int i = 0; i < 50; ++i) b->try_acquire(id++);  // 10 running, 40 queued
  for (auto _ : state) {
    benchmark::DoNotOptimize(b->try_acquire(id++));
    benchmark::DoNotOptimize(b->release());
  }
}
BENCHMARK(BM_QueueProxyBreaker);

std::vector<Backend> pods(int n) {
  std::vector<Backend> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({static_cast<std::uint32_t>(i), "10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250)});
  }
  return out;
}

// Activator throttler: try_request + release with `range(0)` = containerConcurrency over 100 pods.
void BM_Throttler(benchmark::State& state) {
  knsim::core::Rng rng(1);
  RevisionThrottler t(state.range(0));
  std::vector<Dispatch> started;
  started.reserve(64);
  t.update_backends(pods(100), -1, 1, rng, started);
  RequestId id = 0;
  for (auto _ : state) {
    const auto r = t.try_request(id++, rng);
    started.clear();
    if (r.admission == Admission::kAdmitted) t.release(r.pod, rng, started);
  }
}
BENCHMARK(BM_Throttler)->Arg(0)->Arg(1)->Arg(10);

}  // namespace
