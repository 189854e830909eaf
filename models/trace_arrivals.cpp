#include "models/trace_arrivals.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace knsim::models {
namespace {

// How many requests one trace request becomes: floor(scale) plus one with probability
// frac(scale). scale 1 draws nothing from the Rng (an exact replay).
std::uint64_t copies(double scale, core::Rng& rng) {
  if (scale == 1.0) return 1;
  const double whole = std::floor(scale);
  const double frac = scale - whole;
  return static_cast<std::uint64_t>(whole) + ((frac > 0 && rng.uniform01() < frac) ? 1 : 0);
}

class RecordArrivals final : public ArrivalProcess {
 public:
  RecordArrivals(const TraceSpec& spec, Seconds origin, std::shared_ptr<const TraceData> data)
      : data_(std::move(data)), scale_(spec.scale), loop_(spec.loop), origin_(origin) {}

  bool next(core::Rng& rng, Arrival& out) override {
    const auto& records = data_->records;
    if (done_) return false;
    while (pending_ == 0) {
      if (i_ >= records.size()) {
        if (!loop_ || records.empty() || !(scale_ > 0)) {
          done_ = true;
          return false;
        }
        i_ = 0;
        offset_ += data_->span;
      }
      current_ = i_++;
      pending_ = copies(scale_, rng);
    }
    --pending_;
    const TraceRecord& r = records[current_];
    out.t = origin_ + offset_ + r.t;
    out.duration = r.duration;
    out.service = data_->name(r.service);
    out.tag = data_->name(r.tag);
    out.function = data_->name(r.function);
    return true;
  }
  double mean_rate() const override {
    return static_cast<double>(data_->records.size()) * scale_ / std::max(data_->span, 1.0);
  }

 private:
  std::shared_ptr<const TraceData> data_;
  double scale_;
  bool loop_;
  Seconds origin_;
  double offset_ = 0;  // pass * span
  std::size_t i_ = 0, current_ = 0;
  std::uint64_t pending_ = 0;
  bool done_ = false;
};

// azure2019: minute by minute, the minute's arrivals of every function are generated into a reused
// buffer, sorted by (time, function row) and emitted. The buffer grows to the busiest minute once,
// then no allocation.
class MinuteArrivals final : public ArrivalProcess {
 public:
  MinuteArrivals(const TraceSpec& spec, Seconds origin, std::shared_ptr<const TraceData> data)
      : data_(std::move(data)), scale_(spec.scale), loop_(spec.loop), spread_(spec.spread), origin_(origin) {
    for (const MinuteSeries& m : data_->minutes) minutes_ = std::max(minutes_, m.counts.size());
  }

  bool next(core::Rng& rng, Arrival& out) override {
    while (pos_ >= buffer_.size()) {
      if (done_ || !fill_next_minute(rng)) {
        done_ = true;
        return false;
      }
    }
    const auto [t, row] = buffer_[pos_++];
    const MinuteSeries& m = data_->minutes[row];
    out = Arrival{};
    out.t = origin_ + t;
    out.function = data_->name(m.function);
    if (m.has_durations) out.duration = m.durations.sample(rng);
    return true;
  }
  double mean_rate() const override {
    return static_cast<double>(data_->request_count()) * scale_ / std::max(data_->span, 1.0);
  }

 private:
  // Generates the next minute that has arrivals; false when the trace (without loop) is over.
  bool fill_next_minute(core::Rng& rng) {
    buffer_.clear();
    pos_ = 0;
    std::size_t empty_passes_guard = 0;
    while (buffer_.empty()) {
      if (minute_ >= minutes_) {
        if (!loop_ || !(scale_ > 0) || data_->request_count() == 0 || ++empty_passes_guard > 1000000) return false;
        minute_ = 0;
        offset_ += data_->span;
      }
      const double start = offset_ + 60.0 * static_cast<double>(minute_);
      for (std::size_t row = 0; row < data_->minutes.size(); ++row) {
        const auto& counts = data_->minutes[row].counts;
        if (minute_ >= counts.size() || counts[minute_] == 0) continue;
        std::uint64_t n = 0;
        for (std::uint32_t k = 0; k < counts[minute_]; ++k) n += copies(scale_, rng);
        for (std::uint64_t k = 0; k < n; ++k) buffer_.emplace_back(start + offset_in_minute(k, n, rng), row);
      }
      ++minute_;
    }
    std::sort(buffer_.begin(), buffer_.end());
    return true;
  }
  double offset_in_minute(std::uint64_t k, std::uint64_t n, core::Rng& rng) const {
    switch (spread_) {
      case MinuteSpread::kPoisson: return 60.0 * rng.uniform01();
      case MinuteSpread::kUniform: return 60.0 * (static_cast<double>(k) + 0.5) / static_cast<double>(n);
      case MinuteSpread::kBurst: return 0.0;
    }
    return 0.0;
  }

  std::shared_ptr<const TraceData> data_;
  double scale_;
  bool loop_;
  MinuteSpread spread_;
  Seconds origin_;
  std::size_t minutes_ = 0, minute_ = 0;
  double offset_ = 0;
  std::vector<std::pair<double, std::size_t>> buffer_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

class NoArrivals final : public ArrivalProcess {
 public:
  bool next(core::Rng&, Arrival&) override { return false; }
  double mean_rate() const override { return 0; }
};

}  // namespace

std::unique_ptr<ArrivalProcess> make_trace_arrivals(const TraceSpec& spec, Seconds origin,
                                                    std::shared_ptr<const TraceData> trace) {
  if (!trace) return std::make_unique<NoArrivals>();
  if (trace->format == TraceFormat::kAzure2019) return std::make_unique<MinuteArrivals>(spec, origin, std::move(trace));
  return std::make_unique<RecordArrivals>(spec, origin, std::move(trace));
}

}  // namespace knsim::models
