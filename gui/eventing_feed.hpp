#pragma once
// EventingFeed: the data of the GUI's Eventing view, without Qt. It reads a RunData's `event` lines
// of kind `delivery_attempt` (reports/events.hpp DeliveryAttempt, one line per attempt of a Broker
// Trigger's or a Channel Subscription's delivery) and, once the run is `done`, the summary's
// `eventing` object (triggers, subscriptions, sources; docs/run-stream.md).
//
// From the attempts it keeps, per Trigger / Subscription and in total:
//   - live counters: delivered, retries, dead-lettered, lost (so far);
//   - counts per sample interval, on the same time axis as the other plots: bin i counts the
//     attempts with t in (i*dt, (i+1)*dt] and is drawn at (i+1)*dt, like a `sample` line at t
//     covers the interval that ends at t. Worked example, dt = 1 s: t = 0 and t = 0.5 go to bin 0
//     (drawn at 1 s), t = 1.0 to bin 0 too, t = 1.2 to bin 1 (drawn at 2 s).
// When `done` arrives, each row's numbers are replaced by the summary's authoritative ones, which
// also say how many events each destination received and filtered and the delivery latency.
//
// Batched like the plots: update() consumes only the events that arrived since its last call
// (a "consumed" counter), and the plot asks take_changed_from() which bins to redraw.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "reports/delivery_outcome.hpp"

namespace knsim::gui {

class RunData;

// Outcomes and the four series (delivered, retries, dead-lettered, lost) are classified once, in
// reports/delivery_outcome.hpp (report.html's eventing plot uses the same).
using reports::AttemptOutcome;
using reports::EventingSeries;
using reports::kOutcomeCount;
using reports::kSeriesCount;
using reports::OutcomeCounts;
using reports::outcome_name;
using reports::parse_outcome;
using reports::series_name;
using reports::series_value;

// A Trigger (of a Broker) or a Subscription (of a Channel), "namespace/name". Ordered: triggers
// first, then by name (the table's row order, deterministic).
struct Destination {
  enum class Kind { kTrigger, kSubscription };
  Kind kind = Kind::kTrigger;
  std::string name;
  auto operator<=>(const Destination&) const = default;
  std::string label() const;  // "trigger default/orders"
};

// One row of the table. Before `done` only the four live numbers are known; after it every field
// holds the summary's value (final = true).
struct DestinationRow {
  Destination destination;
  OutcomeCounts attempts;  // from the delivery_attempt events (kept after done, for the plot)
  bool final = false;
  std::int64_t delivered = 0, retries = 0, dead_lettered = 0, lost = 0;
  std::optional<std::int64_t> received, filtered;          // summary only
  std::optional<double> latency_p50_ms, latency_p99_ms, latency_max_ms;  // summary only; none without deliveries
};

// An event source (producer, PingSource, ...) from the summary.
struct SourceRow {
  std::string name;
  std::int64_t sent = 0, accepted = 0, failed = 0;
};

class EventingFeed {
 public:
  // Consumes the events of `data` that arrived since the last call, and its summary once `done`.
  // Returns true when anything the view shows changed.
  bool update(const RunData& data);
  // Forgets everything (a new run starts).
  void reset();

  // Any delivery attempt so far, or a summary that names a trigger, subscription or source.
  bool has_eventing() const;
  bool final() const { return final_; }
  double interval() const { return interval_; }
  double last_t() const { return last_t_; }
  const std::map<Destination, DestinationRow>& rows() const { return rows_; }
  const std::vector<SourceRow>& sources() const { return sources_; }
  const OutcomeCounts& totals() const { return totals_; }

  // Bins covering [0, last_t] (and every bin an event fell into).
  std::size_t bin_count() const;
  // Bins that can no longer change: those ending before last_t, or all of them once done.
  std::size_t final_bin_count() const;
  double bin_end(std::size_t i) const { return static_cast<double>(i + 1) * interval_; }
  // Per-interval counts of one destination, or of all of them (nullopt); may be shorter than
  // bin_count() (missing bins are zero).
  const std::vector<OutcomeCounts>& bins(const std::optional<Destination>& destination) const;
  // The lowest bin an event was added to since the last call (bin_count() if none). One consumer.
  std::size_t take_changed_from();

  // Lines that were not a valid delivery attempt or eventing summary, with the reason.
  const std::vector<std::string>& problems() const { return problems_; }

  // Bin of time t for interval dt: max(0, ceil(t / dt) - 1), with a 1e-9 tolerance so that t =
  // 3 * 0.1 (= 0.30000000000000004) still lands in bin 2.
  static std::size_t bin_index(double t_s, double dt);

 private:
  void add_attempt(double t_s, const Destination& destination, AttemptOutcome outcome);
  void apply_summary(const nlohmann::json& eventing);

  double interval_ = 1;
  double last_t_ = 0;
  bool done_ = false;
  bool final_ = false;
  bool summary_eventing_ = false;
  std::size_t consumed_ = 0;  // events of the RunData already read
  std::map<Destination, DestinationRow> rows_;
  std::vector<SourceRow> sources_;
  OutcomeCounts totals_;
  std::vector<OutcomeCounts> all_bins_;
  std::map<Destination, std::vector<OutcomeCounts>> bins_;
  std::size_t changed_from_ = static_cast<std::size_t>(-1);
  std::vector<std::string> problems_;
};

}  // namespace knsim::gui
