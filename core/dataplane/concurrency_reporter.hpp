#pragma once
// The activator's per-revision concurrency reporter (pkg/activator/handler/concurrency_reporter.go;
// docs/spec/serving.md 2.3 and 6.3). The first request for a revision with no stats entry produces an
// immediate Stat {concurrency 1, count 1} (the scale-from-zero poke); the next 1 s report subtracts
// it again (concurrency floored at 0). An entry is dropped after a report with average concurrency
// 0 and nothing in flight. Revisions are reported in name order (deterministic).
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/dataplane/request_stats.hpp"
#include "core/metrics/stat.hpp"

namespace knsim::core::dataplane {

class ConcurrencyReporter {
 public:
  explicit ConcurrencyReporter(std::string pod_name) : pod_name_(std::move(pod_name)) {}

  // Returns the immediate Stat when this is the first request seen for `revision`.
  std::optional<metrics::Stat> on_request_in(const std::string& revision, Seconds now);
  void on_request_out(const std::string& revision, Seconds now);
  // The periodic (1 s) report: one Stat per known revision, given to `each(revision, stat)` in
  // revision name order (the simulator reads it for every revision every second: nothing is
  // allocated).
  // `each` is a template parameter: this runs for every revision every second, where a
  // std::function call per Stat showed in profiles.
  template <typename Each>
  void report(Seconds now, Each&& each) {
    for (auto it = stats_.begin(); it != stats_.end();) {
      metrics::Stat s;
      const bool idle = next_stat(it->second, now, s);
      each(it->first, s);
      it = idle ? stats_.erase(it) : std::next(it);
    }
  }

  std::size_t tracked_revisions() const { return stats_.size(); }

 private:
  struct Entry {
    RequestStats stats;
    std::int64_t refs = 0;       // requests in flight
    double first_request = 0;    // 1 until the first periodic report after creation
  };
  // The entry's Stat for the report at `now` into `out` (its window restarts); true when the entry
  // is idle (average concurrency 0 and nothing in flight) and is dropped after the report.
  bool next_stat(Entry& e, Seconds now, metrics::Stat& out) const;
  std::string pod_name_;
  std::map<std::string, Entry> stats_;
};

}  // namespace knsim::core::dataplane
