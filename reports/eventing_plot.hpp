#pragma once
// report.html's eventing section: per Trigger / Subscription / source counts from summary.json's
// `eventing`, and a plot of deliveries, retries, dead letters and losses per bucket of time,
// counted from the `delivery_attempt` events (sim/eventing). Both empty when the run has none.
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/delivery_outcome.hpp"
#include "reports/events.hpp"
#include "reports/svg_plot.hpp"

namespace knsim::reports {

// The plot as an HTML fragment ("" without delivery attempts). Buckets are max(1 s, span/300) wide;
// y is events per second in the bucket.
// The four series are reports/delivery_outcome.hpp's classification of the attempts' outcomes.
std::string eventing_plot_html(const std::vector<Event>& events, const TimeAxis& axis, int width);

// The same plot gathered event by event (memory per bucket, at most 301 buckets, not per event).
class DeliveryBuckets {
 public:
  explicit DeliveryBuckets(const TimeAxis& axis);
  void add(const Event& e);  // counts a DeliveryAttempt, ignores other events
  std::string html(int width) const;

 private:
  TimeAxis axis_;
  double bucket_ = 1;
  std::array<std::vector<double>, kSeriesCount> series_;  // per EventingSeries, per bucket
  bool any_ = false;
};

// Tables of summary.json's `eventing` object ("" when it is null): Triggers and Subscriptions with
// received, filtered, delivered, retries, dead-lettered, lost and latency p50/p99/max; sources with
// sent, accepted, failed.
std::string eventing_tables_html(const nlohmann::ordered_json& eventing);

}  // namespace knsim::reports
