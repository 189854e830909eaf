#include "reports/report_events.hpp"

namespace knsim::reports {

bool is_table_event(const Event& e) {
  return e.as<TimelineActionEvent>() || e.as<NodeChange>() || e.as<ModeSwitch>() || e.as<PanicChange>() ||
         e.as<TrafficChange>();
}

void ReportEvents::on_event(const Event& e) {
  ++counts_[std::string(e.kind_name())];
  deliveries_.add(e);
  if (!is_table_event(e)) return;
  const bool marker = e.as<TimelineActionEvent>() || e.as<NodeChange>();
  if (table_rows_ <= kTableRows) ++table_rows_;  // one past the table's 300: it then says "first 300"
  else if (!marker) return;
  kept_.push_back(e);
}

}  // namespace knsim::reports
