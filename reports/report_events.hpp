#pragma once
// The part of a run's events that report.html shows, gathered as they happen so that the report
// costs memory per shown row and plot bucket, not per event (a week of eventing has millions):
//   counts      events per kind (the "events:" line)
//   kept        every timeline action and node change (the plots' vertical markers), and the first
//               301 rows of the events table (actions, node changes, mode, panic and traffic changes:
//               the table shows 300 and says when there were more)
//   deliveries  the eventing plot's buckets (DeliveryBuckets)
// write_report_html over an event list builds one of these from the list: the page is the same.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "reports/eventing_plot.hpp"
#include "reports/events.hpp"

namespace knsim::reports {

class ReportEvents : public EventSink {
 public:
  static constexpr int kTableRows = 300;
  explicit ReportEvents(const TimeAxis& axis) : deliveries_(axis) {}
  void on_event(const Event& e) override;

  const std::map<std::string, std::int64_t>& counts() const { return counts_; }
  const std::vector<Event>& kept() const { return kept_; }
  const DeliveryBuckets& deliveries() const { return deliveries_; }

 private:
  std::map<std::string, std::int64_t> counts_;
  std::vector<Event> kept_;
  int table_rows_ = 0;
  DeliveryBuckets deliveries_;
};

// True for the kinds the events table lists (and markers_of draws, for actions and node changes).
bool is_table_event(const Event& e);

}  // namespace knsim::reports
