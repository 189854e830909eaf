#include "models/arrival_process.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/trace_arrivals.hpp"

namespace knsim::models {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTwoPi = 6.283185307179586476925286766559;

// Fills a rate-process arrival (no trace fields).
bool emit(Seconds t, Arrival& out) {
  out = Arrival{};
  out.t = t;
  return true;
}

class PoissonArrivals final : public ArrivalProcess {
 public:
  PoissonArrivals(double rate, Seconds origin) : rate_(rate), t_(origin) {}
  bool next(core::Rng& rng, Arrival& out) override {
    if (!(rate_ > 0)) return false;
    t_ += rng.exponential(1.0 / rate_);
    return emit(t_, out);
  }
  double mean_rate() const override { return rate_; }

 private:
  double rate_;
  Seconds t_;
};

// Evenly spaced: origin + k / rate, k = 1, 2, ... (computed from k, so no accumulated drift).
class ConstantArrivals final : public ArrivalProcess {
 public:
  ConstantArrivals(double rate, Seconds origin) : rate_(rate), origin_(origin) {}
  bool next(core::Rng&, Arrival& out) override {
    if (!(rate_ > 0)) return false;
    ++k_;
    return emit(origin_ + static_cast<double>(k_) / rate_, out);
  }
  double mean_rate() const override { return rate_; }

 private:
  double rate_;
  Seconds origin_;
  std::uint64_t k_ = 0;
};

// Piecewise-constant rate, exact: draw E ~ Exp(1) and walk the integrated rate forward.
// Example: steps [{0s, 0}, {10s, 2}] from t = 3 with E = 1: segment [3, 10) has rate 0 (consumes
// nothing), segment [10, inf) rate 2 -> arrival at 10 + 1/2 = 10.5.
class StepsArrivals final : public ArrivalProcess {
 public:
  StepsArrivals(std::vector<RateStep> steps, Seconds origin) : steps_(std::move(steps)), origin_(origin) {}
  bool next(core::Rng& rng, Arrival& out) override {
    if (done_) return false;
    double e = rng.exponential(1.0);
    for (;;) {
      // Current segment: [start of step k_ (or -inf), start of step k_+1 (or +inf)).
      const double rate = k_ == 0 ? 0.0 : steps_[k_ - 1].rate;
      const double end = k_ < steps_.size() ? steps_[k_].at : kInf;
      if (rate > 0 && t_ + e / rate < end) {
        t_ += e / rate;
        return emit(origin_ + t_, out);
      }
      if (end == kInf) {
        done_ = true;
        return false;
      }
      if (rate > 0) e -= rate * (end - t_);
      t_ = std::max(t_, end);
      ++k_;
    }
  }
  double mean_rate() const override { return steps_.empty() ? 0.0 : steps_.back().rate; }

 private:
  std::vector<RateStep> steps_;
  Seconds origin_;
  double t_ = 0;       // relative time of the last arrival
  std::size_t k_ = 0;  // number of steps started at or before t_
  bool done_ = false;
};

// Linear ramp then constant, exact: within the ramp, integral of (l0 + s u) du over [0, tau] = E
// gives tau = 2E / (l0 + sqrt(l0^2 + 2 s E)) (the stable root of s/2 tau^2 + l0 tau - E = 0).
// Example: from 0 to 10 over 10 s (s = 1), from t = 0 with E = 2: tau = 4 / sqrt(4) = 2 s.
class RampArrivals final : public ArrivalProcess {
 public:
  RampArrivals(double from, double to, Seconds over, Seconds origin)
      : from_(from), to_(to), over_(over), origin_(origin) {}
  bool next(core::Rng& rng, Arrival& out) override {
    if (done_) return false;
    double e = rng.exponential(1.0);
    if (t_ < over_) {
      const double s = (to_ - from_) / over_;
      const double l0 = from_ + s * t_;
      const double disc = l0 * l0 + 2 * s * e;
      if (disc >= 0 && l0 + std::sqrt(disc) > 0) {
        const double tau = 2 * e / (l0 + std::sqrt(disc));
        if (t_ + tau < over_) {
          t_ += tau;
          return emit(origin_ + t_, out);
        }
      }
      const double rest = over_ - t_;
      e -= l0 * rest + s * rest * rest / 2;
      t_ = over_;
    }
    if (!(to_ > 0)) {
      done_ = true;
      return false;
    }
    t_ += std::max(0.0, e) / to_;
    return emit(origin_ + t_, out);
  }
  double mean_rate() const override { return to_; }

 private:
  double from_, to_;
  Seconds over_, origin_;
  double t_ = 0;
  bool done_ = false;
};

// rate(t) = max(0, mean + amplitude sin(2 pi t / period)), by thinning against mean + |amplitude|.
class SinusoidArrivals final : public ArrivalProcess {
 public:
  SinusoidArrivals(double mean, double amplitude, Seconds period, Seconds origin)
      : mean_(mean), amp_(amplitude), period_(period), origin_(origin), max_(mean + std::fabs(amplitude)) {}
  bool next(core::Rng& rng, Arrival& out) override {
    if (!(max_ > 0)) return false;
    for (;;) {
      t_ += rng.exponential(1.0 / max_);
      if (rng.uniform01() * max_ < rate(t_)) return emit(origin_ + t_, out);
    }
  }
  double mean_rate() const override {
    if (std::fabs(amp_) <= mean_) return mean_;
    double sum = 0;  // clipped: average numerically over one period
    constexpr int kN = 4096;
    for (int i = 0; i < kN; ++i) sum += rate(period_ * (i + 0.5) / kN);
    return sum / kN;
  }

 private:
  double rate(double t) const { return std::max(0.0, mean_ + amp_ * std::sin(kTwoPi * t / period_)); }
  double mean_, amp_;
  Seconds period_, origin_;
  double max_;
  double t_ = 0;
};

bool bad(double v) { return !std::isfinite(v) || v < 0; }

}  // namespace

std::optional<std::string> validate_arrivals(const ArrivalSpec& s) {
  using Kind = ArrivalSpec::Kind;
  switch (s.kind) {
    case Kind::kPoisson:
    case Kind::kConstant:
      if (bad(s.rate)) return "rate must be a number >= 0";
      return std::nullopt;
    case Kind::kSteps:
      if (s.steps.empty()) return "steps: at least one step";
      for (std::size_t i = 0; i < s.steps.size(); ++i) {
        if (bad(s.steps[i].rate)) return "steps[" + std::to_string(i) + "].rate must be >= 0";
        if (bad(s.steps[i].at)) return "steps[" + std::to_string(i) + "].at must be >= 0";
        if (i > 0 && !(s.steps[i].at > s.steps[i - 1].at)) {
          return "steps[" + std::to_string(i) + "].at must be after the previous step";
        }
      }
      return std::nullopt;
    case Kind::kRamp:
      if (bad(s.from) || bad(s.to)) return "ramp: from and to must be >= 0";
      if (!(s.over > 0) || !std::isfinite(s.over)) return "ramp: over must be > 0";
      return std::nullopt;
    case Kind::kSinusoid:
      if (bad(s.mean)) return "sinusoid: mean must be >= 0";
      if (!std::isfinite(s.amplitude)) return "sinusoid: amplitude must be a number";
      if (!(s.period > 0) || !std::isfinite(s.period)) return "sinusoid: period must be > 0";
      return std::nullopt;
    case Kind::kTrace:
      if (bad(s.trace.scale)) return "trace: scale must be >= 0";
      if (s.trace.file.empty()) return "trace: file is required";
      return std::nullopt;
  }
  return "unknown arrival kind";
}

std::unique_ptr<ArrivalProcess> make_arrival_process(const ArrivalSpec& s, Seconds origin,
                                                     std::shared_ptr<const TraceData> trace) {
  using Kind = ArrivalSpec::Kind;
  switch (s.kind) {
    case Kind::kPoisson: return std::make_unique<PoissonArrivals>(s.rate, origin);
    case Kind::kConstant: return std::make_unique<ConstantArrivals>(s.rate, origin);
    case Kind::kSteps: return std::make_unique<StepsArrivals>(s.steps, origin);
    case Kind::kRamp: return std::make_unique<RampArrivals>(s.from, s.to, s.over, origin);
    case Kind::kSinusoid: return std::make_unique<SinusoidArrivals>(s.mean, s.amplitude, s.period, origin);
    case Kind::kTrace: return make_trace_arrivals(s.trace, origin, std::move(trace));
  }
  return std::make_unique<PoissonArrivals>(0.0, origin);
}

}  // namespace knsim::models
