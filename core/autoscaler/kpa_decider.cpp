// The KPA decider, ported from knative/serving pkg/autoscaler/scaling/autoscaler.go
// (newAutoscaler, Scale) with the explanation added.
#include "core/autoscaler/kpa_decider.hpp"

#include "core/text/whole_number.hpp"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <string_view>
#include <limits>

namespace knsim::core::autoscaler {
namespace {

// Go's int32(float64) on amd64: truncation toward zero; out of range (or NaN) gives MinInt32.
std::int32_t to_int32(double v) {
  if (!(v > -2147483649.0 && v < 2147483648.0)) return std::numeric_limits<std::int32_t>::min();
  return static_cast<std::int32_t>(v);
}

// Go compares times in whole nanoseconds; so do we, so that e.g. 2.1 + 60 < 62.1 is decided
// exactly (false) rather than by double rounding.
std::int64_t nanos(Seconds s) { return static_cast<std::int64_t>(std::llround(s * 1e9)); }

// Formats a value for the reason: "42.0", "3.5", "0.333333".
// The reason's numbers, as printf's "%.1f" for whole values and "%.6g" otherwise (std::to_chars
// gives printf's digits without its format parsing: the reason is built on every tick of every
// revision, and snprintf was a tenth of a 1,000-Service run).
void append_value(std::string& out, double v) {
  if (text::append_whole_number(out, v)) return;  // fixed with one decimal
  char buf[48];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6).ptr);
}

// `fmt` with its one "%lld" replaced by `a`.
void append(std::string& out, const char* fmt, long long a) {
  const std::string_view f(fmt);
  const auto at = f.find("%lld");
  out.append(f.substr(0, at));
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, a).ptr);
  out.append(f.substr(at + 4));
}

ScaleResult invalid(ScaleExplanation::Kind kind, bool in_panic) {
  ScaleResult r;
  r.in_panic = in_panic;
  r.why.kind = kind;
  return r;
}

// ExcessBurstCapacity = floor(ready x total-value - target-burst-capacity - observed panic):
// 0 when target-burst-capacity is 0, -1 when it is -1 (unlimited: the activator stays in the path).
// E.g. 3 ready pods, total 100, target-burst-capacity 211, panic 42.5: floor(300 - 211 - 42.5) = 46.
double excess_burst_capacity(const DeciderSpec& spec, int ready, double observed_panic) {
  if (spec.target_burst_capacity == 0) return 0;
  if (spec.target_burst_capacity < 0) return -1;
  const double tot_cap = static_cast<double>(ready) * spec.total_value;
  return std::floor(tot_cap - spec.target_burst_capacity - observed_panic);
}

}  // namespace

KpaDecider::KpaDecider(DeciderSpec spec, Seconds now, std::optional<int> ready_at_creation) : spec_(std::move(spec)) {
  if (spec_.scale_down_delay > 0) delay_window_.emplace(spec_.scale_down_delay, kTickInterval);
  // Start in panic when more than one pod is ready, so an autoscaler restart keeps the scale
  // until it has gathered enough data. A counter error counts as 0 pods.
  const int cur = ready_at_creation.value_or(0);
  if (cur > 1) panic_time_ = now;
  max_panic_pods_ = static_cast<std::int32_t>(cur);
}

ScaleResult KpaDecider::scale(Seconds now, ReadyPods ready, const metrics::MetricCollector& collector) {
  if (ready.error) return invalid(ScaleExplanation::Kind::kNoReadyCount, in_panic());
  const metrics::StableAndPanic sp = collector.stable_and_panic(spec_.uses_rps(), now);
  ObservedMetrics observed{sp.stable, sp.panic, !sp.ok()};
  return scale(now, ready, observed);
}

// The panic state machine of one decision (Knative: pkg/autoscaler/scaling/autoscaler.go): being
// over the panic threshold starts or extends the panic; once a stable window has passed since the
// last overload, it ends and the held maximum is dropped.
ScaleExplanation::Transition KpaDecider::update_panic(Seconds now, bool over) {
  using Transition = ScaleExplanation::Transition;
  if (!panic_time_ && over) {
    panic_time_ = now;  // begin panicking
    return Transition::kEnters;
  }
  if (over) {
    panic_time_ = now;  // still over: extend the panic
  } else if (panic_time_ && nanos(*panic_time_) + nanos(spec_.stable_window) < nanos(now)) {
    panic_time_.reset();  // the surge has reached the stable window
    max_panic_pods_ = 0;
    return Transition::kLeaves;
  }
  return Transition::kNone;
}

// The numbers are computed straight into the result's explanation (`w`), under the names of
// Knative's decider, so that the reason can be written from them later (explain_scale).
ScaleResult KpaDecider::scale(Seconds now, ReadyPods ready, ObservedMetrics observed) {
  const DeciderSpec& spec = spec_;
  if (ready.error) return invalid(ScaleExplanation::Kind::kNoReadyCount, in_panic());
  if (observed.error) return invalid(ScaleExplanation::Kind::kNoData, in_panic());
  ScaleResult r;
  ScaleExplanation& w = r.why;
  w.kind = ScaleExplanation::Kind::kDecided;
  w.target = spec.target_value;
  w.panic_threshold = spec.panic_threshold;
  w.activation_scale = spec.activation_scale;
  w.original_ready = ready.count;
  w.rp = std::max(1.0, static_cast<double>(ready.count));

  // Rate limits: ceil keeps growth possible when rate * pods rounds back to pods.
  w.max_up = std::ceil(spec.max_scale_up_rate * w.rp);
  w.max_down = spec.reachable ? std::floor(w.rp / spec.max_scale_down_rate) : 0.;

  w.dspc = std::ceil(observed.stable / spec.target_value);
  w.dppc = std::ceil(observed.panic / spec.target_value);
  std::int32_t stable_pods = to_int32(std::min(std::max(w.dspc, w.max_down), w.max_up));
  std::int32_t panic_pods = to_int32(std::min(std::max(w.dppc, w.max_down), w.max_up));
  if (spec.activation_scale > 1) {
    if (w.dspc > 0 && spec.activation_scale > stable_pods) {
      stable_pods = spec.activation_scale;
      w.activation_applied = true;
    }
    if (w.dppc > 0 && spec.activation_scale > panic_pods) panic_pods = spec.activation_scale;
  }

  w.over = w.dppc / w.rp >= spec.panic_threshold;
  w.transition = update_panic(now, w.over);
  std::int32_t desired = stable_pods;
  if (panic_time_) {
    desired = std::max(desired, panic_pods);
    if (desired > max_panic_pods_) max_panic_pods_ = desired;
    w.held_by_panic = desired < max_panic_pods_;
    desired = max_panic_pods_;  // never scale down while panicking
  }
  w.before_delay = desired;
  if (spec.reachable && delay_window_) {
    delay_window_->record(now, desired);
    desired = static_cast<std::int32_t>(delay_window_->current());
  }
  w.max_panic_pods = max_panic_pods_;
  w.panic_time = panic_time_;

  r.desired_pod_count = desired;
  r.excess_burst_capacity = to_int32(excess_burst_capacity(spec, ready.count, observed.panic));
  r.scale_valid = true;
  r.in_panic = panic_time_.has_value();
  r.observed_stable = observed.stable;
  r.observed_panic = observed.panic;
  return r;
}

// E.g. "stable 42.0 / target 7.0 -> 6; panic 42.0 -> 6; 1 ready; enters panic: 6.0 >= 2.0 x 1.0
// pods; panic since t=10.0; desired 6; ebc -206".
std::string explain_scale(const ScaleResult& r) {
  const ScaleExplanation& w = r.why;
  if (w.kind == ScaleExplanation::Kind::kNoReadyCount) return "no decision: the ready pod count is unavailable";
  if (w.kind == ScaleExplanation::Kind::kNoData) return "no decision: no metric data in the stable window";
  using Transition = ScaleExplanation::Transition;
  std::string s;
  s.reserve(160);
  s += "stable ";
  append_value(s, r.observed_stable);
  s += " / target ";
  append_value(s, w.target);
  append(s, " -> %lld", static_cast<long long>(w.dspc));
  if (w.dspc < w.max_down) append(s, " (raised to scale-down floor %lld)", static_cast<long long>(w.max_down));
  if (w.dspc > w.max_up) append(s, " (clamped to max-scale-up-rate cap %lld)", static_cast<long long>(w.max_up));
  if (w.activation_applied) append(s, " (activation-scale %lld)", w.activation_scale);
  s += "; panic ";
  append_value(s, r.observed_panic);
  append(s, " -> %lld", static_cast<long long>(w.dppc));
  append(s, "; %lld ready", w.original_ready);
  if (w.over) {
    s += w.transition == Transition::kEnters ? "; enters panic: " : "; over panic threshold: ";
    append_value(s, w.dppc);
    s += " >= ";
    append_value(s, w.panic_threshold);
    s += " x ";
    append_value(s, w.rp);
    s += " pods";
  } else if (w.transition == Transition::kLeaves) {
    s += "; leaves panic (stable window passed since the last overload)";
  }
  if (w.panic_time) {
    s += "; panic since t=";
    append_value(s, *w.panic_time);
    if (w.held_by_panic) append(s, ", holding panic maximum %lld", w.max_panic_pods);
  }
  if (r.desired_pod_count != w.before_delay) append(s, "; scale-down delay holds %lld", r.desired_pod_count);
  append(s, "; desired %lld", r.desired_pod_count);
  append(s, "; ebc %lld", r.excess_burst_capacity);
  return s;
}

}  // namespace knsim::core::autoscaler
