#include "reports/eventing_plot.hpp"

#include <algorithm>
#include <cmath>

namespace knsim::reports {

std::string eventing_plot_html(const std::vector<Event>& events, const TimeAxis& axis, int width) {
  const double span = std::max(1.0, axis.t1 - axis.t0);
  const double bucket = std::max(1.0, std::ceil(span / 300.0));
  const auto n = static_cast<std::size_t>(std::ceil(span / bucket)) + 1;
  std::vector<double> t(n), delivered(n, 0), retries(n, 0), dead(n, 0);
  bool any = false;
  for (const Event& e : events) {
    const auto* a = e.as<DeliveryAttempt>();
    if (a == nullptr) continue;
    any = true;
    const auto i = std::min(n - 1, static_cast<std::size_t>(std::max(0.0, e.t_s - axis.t0) / bucket));
    if (a->outcome == "delivered") delivered[i] += 1 / bucket;
    else if (a->outcome == "retry" || a->outcome == "reply_retry") retries[i] += 1 / bucket;
    else if (a->outcome == "dead_lettered") dead[i] += 1 / bucket;
  }
  if (!any) return "";
  for (std::size_t i = 0; i < n; ++i) t[i] = axis.t0 + static_cast<double>(i) * bucket;
  SvgPlot p("Eventing deliveries", "per second", axis);
  p.set_y_min(0);
  p.add({"delivered", "#2a9d8f", &t, delivered, PlotLine::Style::kSolid, 1.8, true});
  p.add({"retries", "#e9c46a", &t, retries, PlotLine::Style::kSolid, 1.6, true});
  p.add({"dead-lettered", "#e76f51", &t, dead, PlotLine::Style::kSolid, 1.6, true});
  return "<div class=\"plot\">" + p.render(width, 240) + "</div>\n";
}

}  // namespace knsim::reports
