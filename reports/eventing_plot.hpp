#pragma once
// report.html's eventing plot: deliveries, retries and dead letters per bucket of time, counted
// from the `delivery_attempt` events (sim/eventing). Empty when the run has none.
#include <string>
#include <vector>

#include "reports/events.hpp"
#include "reports/svg_plot.hpp"

namespace knsim::reports {

// The plot as an HTML fragment ("" without delivery attempts). Buckets are max(1 s, span/300) wide;
// y is events per second in the bucket.
std::string eventing_plot_html(const std::vector<Event>& events, const TimeAxis& axis, int width);

}  // namespace knsim::reports
