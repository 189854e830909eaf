#pragma once
// Seeded random numbers for the core and the simulator. No std::*_distribution: their output
// differs between standard libraries, and the same seed must give byte-identical runs everywhere.
//
// One stream per component: Rng::derive(seed, "workload/web") hashes the component name into the
// seed, so adding a workload never shifts another's draws.
#include <cstdint>
#include <string_view>

namespace knsim::core {

// xoshiro256** seeded through splitmix64 (public-domain algorithms by Blackman and Vigna).
class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1);
  // A stream for one named component of a run with this seed.
  static Rng derive(std::uint64_t seed, std::string_view component);

  std::uint64_t next_u64();
  double uniform01();                      // [0, 1)
  double uniform(double lo, double hi);    // [lo, hi)
  std::uint64_t below(std::uint64_t n);    // [0, n), n > 0, unbiased
  double exponential(double mean);         // mean > 0
  double standard_normal();                // Box-Muller, one value per call
  double lognormal(double mu, double sigma);

 private:
  std::uint64_t s_[4];
};

}  // namespace knsim::core
