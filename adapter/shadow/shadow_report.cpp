// See shadow_report.hpp.
#include "adapter/shadow/shadow_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace knsim::adapter {

using ojson = nlohmann::ordered_json;

namespace {

template <class T>
ojson or_null(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}

// A non-finite value (a NaN gauge from Prometheus) is written as null, never as invalid JSON.
ojson number_or_null(const std::optional<double>& v) {
  return v && std::isfinite(*v) ? ojson(*v) : ojson(nullptr);
}

ojson twin_json(const std::optional<TwinDecision>& d) {
  ojson j = ojson::object();
  if (!d) {
    for (const char* k : {"desired", "panic", "ebc", "mode", "stable", "panic_value", "decider_desired"}) j[k] = nullptr;
    return j;
  }
  j["desired"] = d->desired >= 0 ? ojson(d->desired) : ojson(nullptr);
  j["panic"] = d->panic;
  j["ebc"] = d->ebc;
  j["mode"] = core::api::to_string(d->mode);
  // The observed values are meaningful only once the decider has data.
  j["stable"] = d->valid ? ojson(d->stable) : ojson(nullptr);
  j["panic_value"] = d->valid ? ojson(d->panic_value) : ojson(nullptr);
  j["decider_desired"] = d->decider_desired >= 0 ? ojson(d->decider_desired) : ojson(nullptr);
  return j;
}

}  // namespace

std::optional<bool> ShadowLine::agree() const {
  if (!twin || twin->desired < 0 || !real.desired) return std::nullopt;
  bool same = twin->desired == *real.desired;
  if (real.mode) same = same && *real.mode == core::api::to_string(twin->mode);
  return same;
}

std::string to_json_line(const ShadowLine& l) {
  ojson j;
  j["t"] = l.t;
  j["revision"] = l.revision;
  j["twin"] = twin_json(l.twin);
  ojson r;
  r["desired"] = or_null(l.real.desired);
  r["actual"] = or_null(l.real.actual);
  r["mode"] = or_null(l.real.mode);
  r["panic"] = or_null(l.real.panic);
  r["ebc"] = number_or_null(l.real.ebc);
  r["stable"] = number_or_null(l.real.stable);
  r["panic_value"] = number_or_null(l.real.panic_value);
  const auto& dd = l.real.decider_desired;   // a gauge of whole pods: printed as an integer
  r["decider_desired"] = dd && std::isfinite(*dd) ? ojson(std::llround(*dd)) : ojson(nullptr);
  j["real"] = r;
  j["agree"] = or_null(l.agree());
  j["activator"] = number_or_null(l.activator);
  j["scrape"] = ojson{{"pods", l.pods_scraped}, {"failed", l.scrape_failures}};
  return j.dump();
}

void ShadowSummary::add(const ShadowLine& l) {
  PerRevision& r = revisions_[l.revision];
  if (r.ticks == 0) r.first_t = l.t;
  ++r.ticks;
  r.last_t = l.t;
  r.scrape_failures += l.scrape_failures;
  const std::optional<std::int32_t> twin =
      l.twin && l.twin->desired >= 0 ? std::optional<std::int32_t>(l.twin->desired) : std::nullopt;
  if (twin && l.real.desired) {
    ++r.desired_compared;
    const std::int32_t diff = std::abs(*twin - *l.real.desired);
    if (diff == 0) ++r.desired_agree;
    if (!r.largest_difference_t || diff > r.largest_difference) {
      r.largest_difference = diff;
      r.largest_difference_t = l.t;
    }
  }
  if (l.twin && l.real.mode) {
    ++r.mode_compared;
    if (*l.real.mode == core::api::to_string(l.twin->mode)) ++r.mode_agree;
  }
  if (const auto a = l.agree(); a && !*a) ++r.agree_false;
  if (twin && r.last_twin && *twin != *r.last_twin) r.twin_changes.push_back({l.t, *twin});
  if (l.real.desired && r.last_real && *l.real.desired != *r.last_real) r.real_changes.push_back({l.t, *l.real.desired});
  if (twin) r.last_twin = twin;
  if (l.real.desired) r.last_real = l.real.desired;
}

void ShadowSummary::note_scrape_failures(const std::string& revision, int failures) {
  revisions_[revision].scrape_failures += failures;
}

namespace {

ojson share(int part, int whole) { return whole > 0 ? ojson(static_cast<double>(part) / whole) : ojson(nullptr); }

}  // namespace

std::string ShadowSummary::to_json() const {
  ojson out;
  for (const auto& [k, v] : info_) out[k] = v;
  ojson revs = ojson::object();
  for (const auto& [name, r] : revisions_) {
    ojson j;
    j["ticks"] = r.ticks;
    j["first_t"] = r.first_t;
    j["last_t"] = r.last_t;
    j["desired_compared"] = r.desired_compared;
    j["desired_agree"] = share(r.desired_agree, r.desired_compared);
    j["mode_compared"] = r.mode_compared;
    j["mode_agree"] = share(r.mode_agree, r.mode_compared);
    j["disagreeing_ticks"] = r.agree_false;
    j["largest_difference"] = r.desired_compared ? ojson(r.largest_difference) : ojson(nullptr);
    j["largest_difference_t"] = or_null(r.largest_difference_t);
    // Lag: each twin change to v is matched with the nearest real change to v within the window.
    std::vector<double> lags;
    for (const Change& c : r.twin_changes) {
      std::optional<double> best;
      for (const Change& rc : r.real_changes) {
        if (rc.to != c.to || std::abs(rc.t - c.t) > kLagWindow) continue;
        if (!best || std::abs(rc.t - c.t) < std::abs(*best)) best = rc.t - c.t;
      }
      if (best) lags.push_back(*best);
    }
    j["twin_changes"] = r.twin_changes.size();
    j["real_changes"] = r.real_changes.size();
    j["changes_matched"] = lags.size();
    double sum = 0, worst = 0;
    for (double x : lags) {
      sum += x;
      if (std::abs(x) > std::abs(worst)) worst = x;
    }
    j["lag_mean_s"] = lags.empty() ? ojson(nullptr) : ojson(sum / static_cast<double>(lags.size()));
    j["lag_largest_s"] = lags.empty() ? ojson(nullptr) : ojson(worst);
    j["scrape_failures"] = r.scrape_failures;
    revs[name] = j;
  }
  out["revisions"] = revs;
  return out.dump(2) + "\n";
}

}  // namespace knsim::adapter
