#pragma once
// Arrival processes: where requests of a workload come from (docs/spec/scenario.md "Arrivals").
//
// An ArrivalProcess is a generator: each next() yields the next arrival, in non-decreasing time
// order, strictly after the previous one for the stochastic processes (equal times happen only in
// traces). It is deterministic given the Rng passed in (use one Rng per workload,
// core::Rng::derive(seed, "arrivals/<workload>")). next() is O(1) amortised and does not allocate.
//
// Times: every process has an ORIGIN (the run start 0 for a workload's initial arrivals, the `at`
// of a timeline setArrivals). Step times, ramp `over`, sinusoid phase and trace timestamps are
// RELATIVE to the origin; Arrival::t is ABSOLUTE (origin + relative time). A setArrivals replaces
// the old process: the driver drops the old process's pending arrival.
//
//   poisson  {rate}             exponential gaps of mean 1/rate; rate 0 = no arrivals.
//   constant {rate}             arrivals at origin + k/rate, k = 1, 2, ... (exact, no drift):
//                               rate 10 over 10 s gives exactly 100 arrivals in (0, 10].
//   steps    [{at, rate}]       Poisson with a piecewise-constant rate; rate 0 before the first
//                               step; exact (integrated-hazard inversion, a draw carries over
//                               step boundaries), so no arrivals in a rate-0 step.
//   ramp     {from, to, over}   Poisson, rate from + (to-from) t/over for t < over, then `to`;
//                               exact inversion of the integrated rate (a quadratic).
//   sinusoid {mean, amplitude, period}
//                               Poisson, rate max(0, mean + amplitude sin(2 pi t / period)),
//                               by thinning (Lewis-Shedler) against mean + |amplitude|.
//   trace    see models/trace.hpp. `scale` is a LOAD MULTIPLIER that keeps the trace's timing:
//            each trace request yields floor(scale) requests at its time plus one more with
//            probability frac(scale) (scale 0.5 keeps each request with probability 1/2; scale 2
//            doubles every request at the same instant; scale 1 replays exactly, no Rng draw).
//            `loop`: when a pass ends, replay from the start shifted by TraceData::span; without
//            loop the process ends (next() returns false).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/random/rng.hpp"
#include "models/scenario_spec.hpp"
#include "models/trace.hpp"

namespace knsim::models {

// One arrival. The string views point into the process's TraceData and stay valid as long as the
// process (or the TraceData) lives; empty when the trace does not name them.
struct Arrival {
  Seconds t = 0;          // absolute arrival time, seconds
  Seconds duration = -1;  // request duration from the trace, seconds; < 0 = none
  std::string_view service;   // csv/jsonl `service`
  std::string_view tag;       // csv/jsonl `tag`
  std::string_view function;  // azure2021 func / azure2019 HashFunction hash
  bool has_duration() const { return duration >= 0; }
};

class ArrivalProcess {
 public:
  virtual ~ArrivalProcess() = default;
  // Writes the next arrival into `out`; false when there are none, ever (rate 0 forever, or a
  // trace without loop that has ended). After false, further calls keep returning false.
  virtual bool next(core::Rng& rng, Arrival& out) = 0;
  // Long-run mean rate, requests/s, for sizing and progress estimates (traces: count*scale/span).
  virtual double mean_rate() const = 0;
};

// Why an ArrivalSpec is invalid (negative rate, steps not sorted, period <= 0, scale < 0, ...),
// or nullopt. Trace files are checked by load_trace, not here.
std::optional<std::string> validate_arrivals(const ArrivalSpec& spec);

// Builds the process for `spec` starting at `origin` (absolute seconds). For kTrace, `trace` must
// be the loaded data (TraceCache::get(spec.trace)); it is ignored otherwise.
std::unique_ptr<ArrivalProcess> make_arrival_process(const ArrivalSpec& spec, Seconds origin,
                                                     std::shared_ptr<const TraceData> trace = nullptr);

}  // namespace knsim::models
