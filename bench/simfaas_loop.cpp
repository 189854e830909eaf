// The reference point for knsim's speed (issue 17): a bare discrete-event loop of SimFaaS's model
// (pacslab/simfaas, Mahmoudi & Khazaei, CLOSER'21; docs/performance.md), run on the same load as
// bench/scenarios/one-service-1000rps.yaml. SimFaaS models one function with scale-per-request
// instances: a request goes to an idle warm instance, else a new instance cold-starts for it (up to
// `maximum_concurrency`, else it is rejected); an instance idle for `expiration_threshold` is
// removed. Nothing else: no autoscaler, no activator, no queue-proxy, no nodes, no CPU sharing.
// So the ratio knsim / this loop is what the full Knative path costs against the simplest model of
// the same load. Written from SimFaaS's published model, not from its code; in C++ with one binary
// heap of events, so it is the fastest this model runs (SimFaaS itself, in Python, simulates about
// 7,550 requests per wall second on this machine).
//   simfaas_loop [RATE_PER_S] [SIMULATED_S] [SEED]    prints: requests wall_s requests_per_wall_s
// Defaults: 1,000 req/s for 3,600 s (one-service-1000rps), warm service 50 ms (its 10 ms CPU and
// 40 ms wait), cold start 1 s more, expiration 600 s, maximum concurrency 1,000, exponential times.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <random>
#include <vector>

namespace {

enum class Kind : std::uint8_t { kArrival, kDeparture, kExpiry };

struct Event {
  double t;
  Kind kind;
  std::uint32_t instance;
  std::uint64_t epoch;  // an expiry is stale once its instance served again
  bool operator>(const Event& o) const { return t > o.t; }
};

struct Instance {
  bool busy = false, alive = true;
  std::uint64_t epoch = 0;
};

struct Counts {
  std::uint64_t requests = 0, cold = 0, rejected = 0;
};

Counts run(double rate, double until, std::uint64_t seed) {
  constexpr double kWarm = 0.050, kColdExtra = 1.0, kExpiration = 600;
  constexpr std::size_t kMaxConcurrency = 1000;
  std::mt19937_64 rng(seed);
  std::exponential_distribution<double> inter(rate), warm(1 / kWarm), cold(1 / (kWarm + kColdExtra));
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::vector<Instance> instances;
  std::vector<std::uint32_t> idle, free_slots;  // idle: most recently idle last
  std::size_t live = 0;
  Counts c;
  events.push({inter(rng), Kind::kArrival, 0, 0});
  while (!events.empty()) {
    const Event e = events.top();
    events.pop();
    if (e.t > until) break;
    if (e.kind == Kind::kArrival) {
      ++c.requests;
      events.push({e.t + inter(rng), Kind::kArrival, 0, 0});
      std::uint32_t i = 0;
      double service = 0;
      if (!idle.empty()) {
        i = idle.back();
        idle.pop_back();
        service = warm(rng);
      } else if (live < kMaxConcurrency) {
        if (free_slots.empty()) {
          i = static_cast<std::uint32_t>(instances.size());
          instances.emplace_back();
        } else {
          i = free_slots.back();
          free_slots.pop_back();
          instances[i] = Instance{};
        }
        ++live;
        ++c.cold;
        service = cold(rng);
      } else {
        ++c.rejected;
        continue;
      }
      Instance& in = instances[i];
      in.busy = true;
      ++in.epoch;
      events.push({e.t + service, Kind::kDeparture, i, in.epoch});
    } else if (e.kind == Kind::kDeparture) {
      Instance& in = instances[e.instance];
      in.busy = false;
      idle.push_back(e.instance);
      events.push({e.t + kExpiration, Kind::kExpiry, e.instance, in.epoch});
    } else {
      Instance& in = instances[e.instance];
      if (!in.alive || in.busy || in.epoch != e.epoch) continue;  // served again since
      in.alive = false;
      for (std::size_t k = 0; k < idle.size(); ++k)
        if (idle[k] == e.instance) {
          idle.erase(idle.begin() + static_cast<std::ptrdiff_t>(k));
          break;
        }
      free_slots.push_back(e.instance);
      --live;
    }
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  const double rate = argc > 1 ? std::atof(argv[1]) : 1000;
  const double until = argc > 2 ? std::atof(argv[2]) : 3600;
  const auto seed = static_cast<std::uint64_t>(argc > 3 ? std::atoll(argv[3]) : 1);
  if (!(rate > 0) || !(until > 0)) {
    std::fprintf(stderr, "usage: simfaas_loop [RATE_PER_S > 0] [SIMULATED_S > 0] [SEED]\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const Counts c = run(rate, until, seed);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu %.3f %.0f\n", static_cast<unsigned long long>(c.requests), wall,
              static_cast<double>(c.requests) / wall);
  return 0;
}
