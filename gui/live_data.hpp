#pragma once
// LiveData: what `knsim cluster shadow --stream` printed (no Qt). Each stdout line is one revision at
// one tick (docs/adapter.md "shadow"):
//   {"t": 12.0, "revision": "default/hello-00007",
//    "twin": {"desired": 3, "panic": false, "ebc": -180, "mode": "Proxy", "stable": 14.2, "panic_value": 15.0},
//    "real": {"desired": 3, "actual": 2, "mode": "Proxy"}, "agree": true}
// Fields the cluster does not expose are null and kept as "unknown" (NaN / empty), never as 0.
// Besides the per-revision ticks, every twin decision is also turned into the stream lines of a
// simulated run (an `autoscaler_decision` event, a `mode_switch` event when the twin's mode changes,
// and a `sample`) in a RunData, so the GUI's Explain panel explains the twin exactly as it explains
// a simulation. Only appends; views keep their own "already plotted" counters.
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gui/run_data.hpp"

namespace knsim::gui {

// One shadow line. NaN = null or absent; modes are "Proxy", "Serve" or empty (unknown).
struct ShadowTick {
  double t = 0;
  static constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
  double twin_desired = kUnknown, twin_ebc = kUnknown, twin_stable = kUnknown, twin_panic_value = kUnknown;
  double twin_panic = kUnknown;  // 0/1
  std::string twin_mode;
  double real_desired = kUnknown, real_actual = kUnknown;
  std::string real_mode;
  int agree = -1;  // 1 agree, 0 disagree, -1 not said
  nlohmann::json line;  // the line as printed (the Explain tab shows its twin and real fields)
};

class LiveData {
 public:
  // Parses one stdout line. Returns true for a shadow tick; anything else (not JSON, no "t" or
  // "revision") is kept in stray_lines() (e.g. a note the shadow prints) and returns false.
  bool ingest_line(std::string_view line);

  const std::vector<std::string>& revisions() const { return revisions_; }  // first-seen order
  const std::vector<ShadowTick>& ticks(const std::string& revision) const;
  // The revision's last tick at or before t (nullptr if none).
  const ShadowTick* tick_at(const std::string& revision, double t) const;
  std::size_t tick_count() const { return count_; }
  std::size_t disagreements() const { return disagreements_; }
  double last_t() const { return last_t_; }
  const std::vector<std::string>& stray_lines() const { return stray_; }
  // The twin's decisions as a simulated run's stream (for ExplainPanel).
  const RunData& explain_data() const { return explain_; }

 private:
  void feed_explain(const std::string& revision, const ShadowTick& tick);

  std::vector<std::string> revisions_;
  std::map<std::string, std::vector<ShadowTick>> ticks_;
  std::map<std::string, std::string> twin_mode_;  // last twin mode per revision (mode_switch events)
  std::vector<std::string> stray_;
  RunData explain_;
  std::size_t count_ = 0, disagreements_ = 0;
  double last_t_ = 0;
};

}  // namespace knsim::gui
