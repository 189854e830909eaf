#include "adapter/cluster/compare.hpp"

#include <cmath>

namespace knsim::adapter {

nlohmann::ordered_json compare_series(const PodTracks& observed, const PodTracks& simulated) {
  using nlohmann::ordered_json;
  ordered_json revisions = ordered_json::array();
  for (const auto& [rev, obs] : observed) {
    ordered_json r = {{"revision", rev}};
    const auto sim = simulated.find(rev);
    if (sim == simulated.end()) {
      r["samples"] = 0;
      r["note"] = "not in the simulation";
      revisions.push_back(r);
      continue;
    }
    // The simulated row at or before each observed time (NaN before the simulation's first row).
    const reports::PodTrack& s = sim->second;
    const auto ready = reports::values_at(s.t, s.ready, obs.t);
    const auto desired = reports::values_at(s.t, s.desired, obs.t);
    const auto panic = reports::values_at(s.t, s.panic, obs.t);
    int samples = 0, within = 0, desired_n = 0, both = 0, either = 0;
    double abs_sum = 0, desired_sum = 0;
    for (std::size_t i = 0; i < obs.t.size(); ++i) {
      if (!std::isnan(obs.ready[i]) && !std::isnan(ready[i])) {
        const double d = std::fabs(ready[i] - obs.ready[i]);
        ++samples;
        abs_sum += d;
        within += d <= 1 + 1e-9 ? 1 : 0;
      }
      if (!std::isnan(obs.desired[i]) && !std::isnan(desired[i])) {
        ++desired_n;
        desired_sum += std::fabs(desired[i] - obs.desired[i]);
      }
      if (!std::isnan(obs.panic[i]) && !std::isnan(panic[i])) {
        const bool a = obs.panic[i] > 0.5, b = panic[i] > 0.5;
        both += a && b ? 1 : 0;
        either += a || b ? 1 : 0;
      }
    }
    r["samples"] = samples;
    r["mae_pods"] = samples ? ordered_json(abs_sum / samples) : ordered_json(nullptr);
    r["within_one_pod"] = samples ? ordered_json(static_cast<double>(within) / samples) : ordered_json(nullptr);
    r["desired_mae_pods"] = desired_n ? ordered_json(desired_sum / desired_n) : ordered_json(nullptr);
    r["panic_overlap"] = either ? ordered_json(static_cast<double>(both) / either) : ordered_json(nullptr);
    revisions.push_back(r);
  }
  return {{"revisions", revisions}};
}

}  // namespace knsim::adapter
