#pragma once
// What `knsim cluster shadow` writes (docs/adapter.md "shadow"): one shadow.jsonl line per revision
// per decider tick, and shadow-summary.json on exit. The line's keys and their order are fixed (the
// GUI's --live view and issue 14b read them):
//   {"t": 12.0, "revision": "default/hello-00007",
//    "twin": {"desired": 3, "panic": false, "ebc": -180, "mode": "Proxy", "stable": 14.2, "panic_value": 15.0,
//             "decider_desired": 3},
//    "real": {"desired": 3, "actual": 2, "mode": "Proxy", "panic": null, "ebc": null, "stable": null,
//             "panic_value": null, "decider_desired": null},
//    "agree": true, "activator": null, "scrape": {"pods": 2, "failed": 0}}
// `desired` is the PA's status.desiredScale (after min/max/initial scale and the scale-to-zero gate),
// `decider_desired` the decider's own count (Prometheus' desired-pods gauge on the real side).
// A value the cluster does not expose (or the twin does not know yet) is null. `agree` is whether
// the desired pods agree and, where both are known, the SKS modes too; null when either desired
// is unknown. Observing only: nothing here feeds back into the twin.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapter/shadow/twin_revision.hpp"

namespace knsim::adapter {

// The real autoscaler's view of a revision at a tick (PodAutoscaler, ServerlessService and, with
// Prometheus, the autoscaler's own gauges).
struct RealDecision {
  std::optional<std::int32_t> desired;   // PA status.desiredScale (null when absent or -1)
  std::optional<std::int32_t> actual;    // PA status.actualScale
  std::optional<std::string> mode;       // SKS spec.mode ("Proxy" / "Serve")
  std::optional<bool> panic;             // autoscaler_panic_mode / kn_revision_panic_mode
  std::optional<double> ebc;             // autoscaler_excess_burst_capacity / kn_revision_capacity_excess
  std::optional<double> stable;          // stable concurrency gauge
  std::optional<double> panic_value;     // panic concurrency gauge
  std::optional<double> decider_desired; // desired pods gauge (the decider's, before the PA's bounds)
};

struct ShadowLine {
  double t = 0;                          // seconds from the shadow's start
  std::string revision;                  // "namespace/name"
  std::optional<TwinDecision> twin;      // nullopt: the twin has no decision yet (no PA seen)
  RealDecision real;
  std::optional<double> activator;       // the activator concurrency added (null: not available)
  int pods_scraped = 0;                  // Stats read this second
  int scrape_failures = 0;               // pods whose scrape failed this second

  std::optional<bool> agree() const;
};

// One line of shadow.jsonl (no newline). Numbers print shortest round-trip ("12.0", "14.2").
std::string to_json_line(const ShadowLine& line);

// Accumulates the lines into shadow-summary.json: per revision, ticks, agreement shares, the
// largest difference and the lag between a twin change and the same real change.
class ShadowSummary {
 public:
  void add(const ShadowLine& line);
  void note_scrape_failures(const std::string& revision, int failures);
  void set_info(const std::string& key, const std::string& value) { info_[key] = value; }
  std::string to_json() const;   // pretty, 2-space indent, keys in a fixed order

  // Lag matching: a twin change of desired to v at t matches the first real change to v within
  // kLagWindow seconds either side; lag = t_real - t_twin (negative: the real autoscaler moved first).
  static constexpr double kLagWindow = 60.0;

 private:
  struct Change {
    double t;
    std::int32_t to;
  };
  struct PerRevision {
    int ticks = 0, desired_compared = 0, desired_agree = 0, mode_compared = 0, mode_agree = 0;
    int agree_false = 0, scrape_failures = 0;
    std::int32_t largest_difference = 0;
    std::optional<double> largest_difference_t;
    std::optional<std::int32_t> last_twin, last_real;
    std::vector<Change> twin_changes, real_changes;
    double first_t = 0, last_t = 0;
  };
  std::map<std::string, PerRevision> revisions_;
  std::map<std::string, std::string> info_;
};

}  // namespace knsim::adapter
