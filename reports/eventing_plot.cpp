#include "reports/eventing_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace knsim::reports {

DeliveryBuckets::DeliveryBuckets(const TimeAxis& axis) : axis_(axis) {
  const double span = std::max(1.0, axis.t1 - axis.t0);
  bucket_ = std::max(1.0, std::ceil(span / 300.0));
  const auto n = static_cast<std::size_t>(std::ceil(span / bucket_)) + 1;
  for (auto& v : series_) v.assign(n, 0);
}

void DeliveryBuckets::add(const Event& e) {
  const auto* a = e.as<DeliveryAttempt>();
  if (a == nullptr) return;
  any_ = true;
  const auto outcome = parse_outcome(a->outcome);
  const auto series = outcome ? series_of(*outcome) : std::nullopt;
  if (!series) return;  // a step within a chain (replied, dead_letter, ...)
  auto& v = series_[static_cast<std::size_t>(*series)];
  const auto i = std::min(v.size() - 1, static_cast<std::size_t>(std::max(0.0, e.t_s - axis_.t0) / bucket_));
  v[i] += 1 / bucket_;
}

std::string DeliveryBuckets::html(int width) const {
  if (!any_) return "";
  std::vector<double> t(series_[0].size());
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = axis_.t0 + static_cast<double>(i) * bucket_;
  SvgPlot p("Eventing deliveries", "per second", axis_);
  p.set_y_min(0);
  struct Look {
    EventingSeries series;
    const char* color;
    PlotLine::Style style;
    double width;
  };
  const Look looks[] = {{EventingSeries::kDelivered, "#2a9d8f", PlotLine::Style::kSolid, 1.8},
                        {EventingSeries::kRetries, "#e9c46a", PlotLine::Style::kSolid, 1.6},
                        {EventingSeries::kDeadLettered, "#e76f51", PlotLine::Style::kSolid, 1.6},
                        {EventingSeries::kLost, "#9b2226", PlotLine::Style::kDashed, 1.6}};
  for (const auto& l : looks)
    p.add({std::string(series_name(l.series)), l.color, &t, series_[static_cast<std::size_t>(l.series)], l.style,
           l.width, true});
  return "<div class=\"plot\">" + p.render(width, 240) + "</div>\n";
}

std::string eventing_plot_html(const std::vector<Event>& events, const TimeAxis& axis, int width) {
  DeliveryBuckets buckets(axis);
  for (const Event& e : events) buckets.add(e);
  return buckets.html(width);
}

namespace {

std::string cell(const nlohmann::ordered_json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", it->get<double>());
    return buf;
  }
  return it->is_string() ? xml_escape(it->get<std::string>()) : "";
}

std::string delivery_table(const char* title, const nlohmann::ordered_json& list) {
  if (!list.is_array() || list.empty()) return "";
  std::string h = std::string("<h3>") + title + "</h3>\n<table>\n<tr><th>name</th><th>received</th><th>filtered</th>"
                  "<th>delivered</th><th>retries</th><th>dead-lettered</th><th>lost</th><th>p50 ms</th>"
                  "<th>p99 ms</th><th>max ms</th></tr>\n";
  static const nlohmann::ordered_json kNone = nlohmann::ordered_json::object();
  for (const auto& o : list) {
    const auto lat = o.find("latency_ms");
    const auto& l = lat != o.end() && lat->is_object() ? *lat : kNone;
    h += "<tr><td>" + cell(o, "name") + "</td>";
    for (const char* k : {"received", "filtered", "delivered", "retries", "dead_lettered", "lost"})
      h += "<td>" + cell(o, k) + "</td>";
    for (const char* k : {"p50", "p99", "max"}) h += "<td>" + cell(l, k) + "</td>";
    h += "</tr>\n";
  }
  return h + "</table>\n";
}

}  // namespace

std::string eventing_tables_html(const nlohmann::ordered_json& eventing) {
  if (!eventing.is_object()) return "";
  std::string h = "<h2>Eventing</h2>\n<p class=\"note\">received = filtered + delivered + dead-lettered + lost; "
                  "lost includes events still in flight at the end. Latency: from the Broker or Channel receiving "
                  "the event to the accepted answer, retries and replies included.</p>\n";
  h += delivery_table("Triggers", eventing.value("triggers", nlohmann::ordered_json::array()));
  h += delivery_table("Subscriptions", eventing.value("subscriptions", nlohmann::ordered_json::array()));
  const auto sources = eventing.value("sources", nlohmann::ordered_json::array());
  if (sources.is_array() && !sources.empty()) {
    h += "<h3>Sources</h3>\n<table>\n<tr><th>name</th><th>sent</th><th>accepted</th><th>failed</th></tr>\n";
    for (const auto& o : sources)
      h += "<tr><td>" + cell(o, "name") + "</td><td>" + cell(o, "sent") + "</td><td>" + cell(o, "accepted") +
           "</td><td>" + cell(o, "failed") + "</td></tr>\n";
    h += "</table>\n";
  }
  return h;
}

}  // namespace knsim::reports
